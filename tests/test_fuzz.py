"""Property-based fuzzing of the readers and of the analysis pipeline (hypothesis).

The inputs a raw crawl throws at presslens: random bytes under every reader's file suffix and on
stdin, truncated and deeply nested HTML, text in one encoding declared as another, zero-width and
bidirectional control characters, right-to-left scripts, thousands of quote marks, unbalanced
quotes, and long single paragraphs that cross spaCy chunk boundaries.

Properties checked on every example:

* no exception escapes: a reader yields ``Article`` or ``InputError`` values only, and the
  pipeline answers each article with an ``Analysis`` or an ``InputError``;
* nothing is lost: each stdin input and each non-blank JSONL line gives exactly one result;
* no hang: each example finishes within a wall-clock bound, well inside the pipeline's own
  per-document time limit;
* offsets are valid: ``text[start:end] == span.text`` for every span of every record
  (attribution content, cue and source mention, entity mentions, dates, claims, quantities,
  framing), and the record converts to JSON and to the store's Arrow tables.

Issue 16 adds hostile records: JSONL lines nested far past the JSON parser's recursion limit and
integers past CPython's 4,300-digit limit (every valid line must still arrive, in order), and
compression bombs of 2.4 GB ingested by the real CLI under a 2 GiB address-space cap (the
valid records around each bomb are stored, the bomb is one error row naming the limit).

``max_examples`` is bounded so the file runs in about a minute or two; ``benchmarks/fuzz.py`` is
the long, coverage-guided run. The hypothesis example database is off so the tree stays clean;
a failure prints a ``@reproduce_failure`` blob instead.
"""

from __future__ import annotations

import bz2
import gzip
import importlib.util
import io
import json
import lzma
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from presslens.pipeline import Options, Pipeline
from presslens.schema import Analysis, Article, InputError
from presslens.sources import iter_articles
from presslens.sources.decode import without_surrogates
from presslens.store import to_tables

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]

# Wall-clock bound per example; the pipeline's own limit (below) is larger, so reaching it fails the test.
READ_SECONDS = 20.0
ANALYZE_SECONDS = 45.0
TIME_LIMIT = Options(time_limit_s=90.0, time_limit_s_per_10k_chars=2.0)


def fuzz_settings(examples: int) -> settings:
    """Bounded, deadline-free settings (the pipeline is slow per example, not per byte)."""
    return settings(max_examples=examples, deadline=None, database=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example])


# --------------------------------------------------------------------------- alphabets and strategies

QUOTES = "\"'“”„‟«»‹›‘’‚‛「」『』`´〝〞＂"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u034f"
BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
RTL = "אבגדהוזחטיכלמנסעפצקרשת" + "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
SPACES = " \t\n\r\n\u00a0\u2028\u2029\u000b\u000c\u0085\u3000"
ODD = "\u0301\u0308\u20dd\U0001f600\U0001f1fa\U0001f1f8\u0000\u0007\u001b\ufffd\U000e0041é—–…·•"
NOISE = QUOTES + ZERO_WIDTH + BIDI + RTL + SPACES + ODD + "abcXYZ019.,;:!?()[]<>/&#%$€£-"

FRAGMENTS = (
    "said", " said ", "says", "told reporters", "according to", "added", "warned", "insisted", "claimed",
    "Mayor Ann Cole", "Ann Cole", "Cole", "she", "He", "they", "the ministry", "a spokesperson for Acme Corp",
    "Senator Tim Brandt", "Dr. María José García-López", "O'Neil", "the president's office", "It",
    "on Monday", "last week", "on 2019-04-01", "in March 2020", "yesterday", "tomorrow",
    "more than 40 percent", "$3.5 million", "nearly 1,200 people", "between 3 and 5", "50%",
    '"We will win,"', "\u201cWe will win,\u201d", "\u00abNous gagnerons\u00bb", '"unterminated', "closing only\u201d",
    "reckless elites", "a total disaster", "everyone knows", "Stop the steal!",
    ". ", ", ", ": ", "\n\n", "\n", " — ", " (", ") ", "?", "!",
)

SPEAKERS = ("Mayor Ann Cole", "Ann Cole", "Cole", "she", "He", "They", "the ministry", "Acme Corp",
            "a spokesperson", "Senator Tim Brandt", "Dr. María José García-López", "O'Neil", "Officials", "")
CUES = ("said", "says", "told reporters", "added", "warned", "insisted", "claimed", "wrote", "according to",
        "said on Monday", "tweeted", "")
OPEN_CLOSE = (('"', '"'), ("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("\u201e", "\u201c"), ("'", "'"),
              ('"', ""), ("", "\u201d"), ("\u201c", '"'), ("\u300c", "\u300d"))
noise_text = st.text(alphabet=NOISE, max_size=40)
inline_noise = st.text(alphabet="".join(c for c in NOISE if not c.isspace() or c in " \u00a0\u3000"), max_size=40)
words = st.lists(st.one_of(st.sampled_from(FRAGMENTS), noise_text), min_size=1, max_size=12).map(" ".join)


@st.composite
def quote_sentence(draw: st.DrawFn) -> str:
    """A reported statement in one of the shapes news uses, with its parts fuzzed."""
    opening, closing = draw(st.sampled_from(OPEN_CLOSE))
    content, speaker, cue = draw(words), draw(st.sampled_from(SPEAKERS)), draw(st.sampled_from(CUES))
    shape = draw(st.integers(0, 4))
    if shape == 0:
        return f"{opening}{content},{closing} {speaker} {cue}."
    if shape == 1:
        return f"{speaker} {cue}: {opening}{content}.{closing}"
    if shape == 2:
        return f"{speaker} {cue} that {content}."
    if shape == 3:
        return f"{opening}{content},{closing} {cue} {speaker}. {opening}{draw(words)}{closing}"
    return f"According to {speaker}, {content}."


news_like = st.lists(st.tuples(st.one_of(quote_sentence(), words, st.text(max_size=15)),
                               st.sampled_from([" ", " ", " ", "\n\n", "\n", "", "  "])),
                     min_size=1, max_size=12).map(lambda parts: "".join(a + b for a, b in parts))


@st.composite
def many_quote_marks(draw: st.DrawFn) -> str:
    """Thousands of quote marks, alone or between a few words."""
    marks = draw(st.text(alphabet=QUOTES, min_size=1, max_size=4))
    count = draw(st.integers(1000, 3000))
    glue = draw(st.sampled_from(["", " ", " said ", "x", "\n"]))
    return glue.join(marks[i % len(marks)] for i in range(count))


@st.composite
def right_to_left(draw: st.DrawFn) -> str:
    """Hebrew or Arabic sentences with quotes, bidi controls and English cue words mixed in."""
    words = draw(st.lists(st.text(alphabet=RTL, min_size=1, max_size=8), min_size=3, max_size=60))
    extras = draw(st.lists(st.sampled_from(["\u201c", "\u201d", '"', "said", "\u202b", "\u202c", "\u200f",
                                            "\u2067", "\u2069", ".", "\u060c", "\n"]), max_size=30))
    pieces = words + extras
    order = draw(st.permutations(pieces))
    return " ".join(order)


@st.composite
def long_paragraph(draw: st.DrawFn) -> str:
    """One paragraph (no newline) of 12k-30k characters built from news-like sentences and noise."""
    sentence = draw(st.lists(st.sampled_from([f for f in FRAGMENTS if "\n" not in f]), min_size=5, max_size=25))
    unit = " ".join(sentence) + draw(st.sampled_from([". ", " ", "", "\u201d "]))
    size = draw(st.integers(12_000, 30_000))
    text = (unit * (size // max(1, len(unit)) + 1))[:size]
    cut = draw(st.integers(0, len(text)))
    return text[:cut] + draw(inline_noise) + text[cut:]


article_texts = st.one_of(news_like, st.text(max_size=300), st.text(alphabet=NOISE, max_size=400))


# --------------------------------------------------------------------------- checks


def check_spans(record: dict[str, Any]) -> int:
    """Assert every span of a record points at its own text; return how many spans were checked."""
    text = record["text"]
    checked = 0

    def span(value: dict[str, Any] | None, where: str) -> None:
        nonlocal checked
        if value is None:
            return
        start, end = value["start"], value["end"]
        assert isinstance(start, int) and isinstance(end, int), (where, value)
        assert 0 <= start <= end <= len(text), (where, value, len(text))
        assert text[start:end] == value["text"], (where, value, text[start:end])
        checked += 1

    for i, a in enumerate(record["attributions"]):
        assert a["type"] in ("direct", "indirect", "mixed"), a
        span(a["content"], f"attributions[{i}].content")
        span(a["cue"], f"attributions[{i}].cue")
        span(a["source"]["mention"], f"attributions[{i}].source.mention")
    for e in record["entities"]:
        for m in e["mentions"]:
            span(m, f"entity {e['id']} mention")
    for name in ("dates", "claims", "framing"):
        for i, item in enumerate(record[name]):
            span(item, f"{name}[{i}]")
    for j, q in enumerate(record["quantities"]):
        if q["start"] is not None:
            span({"start": q["start"], "end": q["end"], "text": q["text"]}, f"quantities[{j}]")
    for i, claim in enumerate(record["claims"]):
        for j in claim["quantities"]:
            assert 0 <= j < len(record["quantities"]) and record["quantities"][j]["claim"] == i, (i, j)
    return checked


def check_analysis(result: Analysis | InputError, text: str) -> None:
    """The pipeline's answer for one article: an InputError value, or a record with valid offsets."""
    assert isinstance(result, Analysis | InputError), type(result)
    if isinstance(result, InputError):
        assert "time limit" not in result.reason, f"analysis ran into the time limit: {result}"
        assert "internal error" not in result.reason, f"an extractor failed: {result}"
        return
    assert result.article.text == text
    record = result.to_dict()
    check_spans(record)
    json.dumps(record, ensure_ascii=False)
    to_tables([result])


def analyze_one(pipeline: Pipeline, text: str) -> Analysis | InputError:
    started = time.monotonic()
    (result,) = list(pipeline.analyze_many([Article(text=text, origin="<fuzz>")]))
    elapsed = time.monotonic() - started
    assert elapsed < ANALYZE_SECONDS, f"analysis of {len(text)} characters took {elapsed:.1f} s"
    return result


def read_all(inputs: list[str], stdin: bytes | None = None) -> list[Article | InputError]:
    started = time.monotonic()
    results = list(iter_articles(inputs, stdin=stdin))
    elapsed = time.monotonic() - started
    assert elapsed < READ_SECONDS, f"reading took {elapsed:.1f} s"
    for item in results:
        assert isinstance(item, Article | InputError), type(item)
        if isinstance(item, Article):
            assert isinstance(item.text, str) and item.text.strip()
            item.text.encode("utf-8")  # no unpaired surrogates reach the pipeline or the store
            for value in (item.title, item.outlet, item.author, item.url, item.published):
                assert value is None or isinstance(value, str)
                if value is not None:
                    value.encode("utf-8")
    return results


# --------------------------------------------------------------------------- reader inputs

HTML_PAGE = ('<!doctype html><html><head><meta charset="{charset}"><title>{title}</title></head><body>'
             "<article><h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>")


@st.composite
def html_bytes(draw: st.DrawFn) -> bytes:
    """Whole, truncated, deeply nested or mis-encoded HTML pages."""
    body = draw(news_like).replace("\x00", "")
    title = draw(st.text(max_size=30))
    charset = draw(st.sampled_from(["utf-8", "iso-8859-1", "windows-1252", "shift_jis", "utf-16", "bogus"]))
    encoding = draw(st.sampled_from(["utf-8", "latin-1", "cp1252", "utf-16-le", "shift_jis"]))
    page = HTML_PAGE.format(charset=charset, title=title, body=body or "x")
    kind = draw(st.sampled_from(["whole", "truncated", "nested", "unclosed", "attributes"]))
    if kind == "nested":
        depth = draw(st.integers(100, 20_000))
        tag = draw(st.sampled_from(["div", "p", "span", "b", "table", "li"]))
        page = f"<html><body>{f'<{tag}>' * depth}{body}{f'</{tag}>' * (depth // 2)}</body></html>"
    elif kind == "unclosed":
        page = page.replace("</p>", "").replace("</article>", "<p><div><span>")
    elif kind == "attributes":
        page = page.replace("<p>", draw(st.sampled_from(['<p class="a"b c=\'>', "<p <p <p>", "<p\x00>",
                                                         '<p style="x:expression(alert(1))">'])))
    data = page.encode(encoding, errors="replace")
    if kind == "truncated":
        data = data[: draw(st.integers(0, len(data)))]
    return data


@st.composite
def jsonl_bytes(draw: st.DrawFn) -> bytes:
    """Lines of JSON (objects, wrong types, lone-surrogate escapes) mixed with broken lines."""
    value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
                         lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                     max_size=4), max_leaves=10)
    line = st.one_of(
        st.builds(lambda t, meta: json.dumps({"text": t, **meta}), news_like,
                  st.dictionaries(st.sampled_from(["url", "title", "published", "outlet", "author", "id"]), value,
                                  max_size=4)),
        st.builds(lambda h: json.dumps({"html": h.decode("utf-8", "replace")}), html_bytes()),
        st.builds(json.dumps, value),
        st.sampled_from(['{"text": "\\ud800 said \\udfff"}', '{"title": "\\udc00", "text": "Cole said \\ud83d"}',
                         '{"text": "unterminated', "{}", "[]", "null", '{"text": 5}', '{"html": 5}', "\ufeff{}"]),
        st.text(max_size=40),
    )
    lines = draw(st.lists(line, max_size=8))
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


def warc_bytes(pages: list[bytes], *, compress: bool) -> bytes:
    """A web archive with one HTML response record per page."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    for i, page in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        fixed = {"WARC-Date": "2024-01-01T00:00:00Z", "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{i:012d}>"}
        writer.write_record(writer.create_warc_record(f"https://news.example/{i}", "response",
                                                      payload=io.BytesIO(page), http_headers=headers,
                                                      warc_headers_dict=fixed))
    return out.getvalue()


@st.composite
def mutated(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` with a few byte flips, deletions, insertions or a truncation.

    Positions are drawn independently of ``data``'s length (then scaled), so the drawing is the
    same on replay even if ``data`` differs slightly.
    """
    ops = draw(st.lists(st.tuples(st.sampled_from(["flip", "delete", "insert", "truncate"]),
                                  st.integers(0, 2**20), st.integers(0, 255), st.binary(min_size=1, max_size=16)),
                        max_size=6))
    buf = bytearray(data)
    for op, where, amount, payload in ops:
        if not buf:
            break
        at = where % len(buf)
        if op == "flip":
            buf[at] ^= 1 << (amount % 8)
        elif op == "delete":
            del buf[at : at + 1 + amount % 64]
        elif op == "insert":
            buf[at:at] = payload
        else:
            del buf[at:]
    return bytes(buf)


raw_bytes = st.one_of(
    st.binary(max_size=2000),
    html_bytes(),
    news_like.map(lambda t: t.encode("utf-8", "replace")),
    news_like.map(lambda t: t.encode("utf-16", "replace")),
    news_like.map(lambda t: t.encode("latin-1", "replace")),
    st.builds(lambda a, b: a.encode("utf-8") + b.encode("cp1252", "replace"), news_like, news_like),
)


def write(folder: Path, name: str, data: bytes) -> str:
    path = folder / name
    path.write_bytes(data)
    return str(path)


# --------------------------------------------------------------------------- reader properties


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


SUFFIXES = [".txt", ".html", ".htm", ".md", "", ".bin", ".jsonl", ".ndjson", ".jsonl.gz", ".warc", ".warc.gz"]


@fuzz_settings(300)
@given(suffix=st.sampled_from(SUFFIXES), data=raw_bytes)
@example(suffix=".warc", data=b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nHTTP/1.1 200 OK\r\n")
@example(suffix=".jsonl", data=b'{"text": "\\ud800 \\"Hi,\\" Ann said \\udfff."}\n')
@example(suffix=".txt", data=b"\xef\xbb\xbf\xef\xbb\xbf")
@example(suffix=".html", data=b"<html><body>" + b"<div>" * 20_000 + b"</body></html>")
def test_readers_yield_values_never_raise(scratch, suffix, data):
    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        results = read_all([write(Path(folder), f"doc{suffix}", data)])
    if suffix in (".txt", ".md"):
        assert len(results) == 1
        if isinstance(results[0], Article):  # a .txt article is the file's content, unchanged
            assert results[0].text == data.decode("utf-8-sig")
    elif suffix in ("", ".html", ".htm", ".bin"):
        assert len(results) == 1


@fuzz_settings(60)
@given(data=raw_bytes)
def test_stdin_gives_exactly_one_result(data):
    (result,) = read_all(["-"], stdin=data)
    assert isinstance(result, Article | InputError)


@fuzz_settings(120)
@given(data=jsonl_bytes(), compress=st.booleans())
def test_every_jsonl_line_is_accounted_for(scratch, data, compress):
    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        name = "dump.jsonl.gz" if compress else "dump.jsonl"
        results = read_all([write(Path(folder), name, gzip.compress(data) if compress else data)])
    lines = [line for line in data.split(b"\n") if line.strip()]
    assert len(results) == len(lines)


@fuzz_settings(60)
@given(pages=st.lists(html_bytes(), min_size=1, max_size=4), compress=st.booleans(), data=st.data())
def test_warc_archives_whole_or_damaged(scratch, pages, compress, data):
    archive = warc_bytes(pages, compress=compress)
    damaged = data.draw(mutated(archive))
    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        whole = read_all([write(Path(folder), "crawl.warc.gz" if compress else "crawl.warc", archive)])
        read_all([write(Path(folder), "broken.warc.gz" if compress else "broken.warc", damaged)])
    assert len(whole) == len(pages)  # one result per HTML response: nothing lost


# --------------------------------------------------------------------------- pipeline properties


@pytest.fixture(scope="module")
def fuzz_pipeline(nlp) -> Pipeline:
    """One pipeline for the module (spaCy loaded once), with a time limit above the test's own bound."""
    return Pipeline(nlp, options=TIME_LIMIT)


@pytest.fixture(scope="module")
def chunked_pipeline(nlp) -> Pipeline:
    """The same, cutting texts into 4,000-character chunks so long paragraphs cross chunk boundaries."""
    return Pipeline(nlp, options=TIME_LIMIT, chunk_chars=4000)


@fuzz_settings(200)
@given(text=article_texts)
@example(text='He said "yes and then "no" and \u201cmaybe. ' * 20)
@example(text="\u202e\u201cWe will win,\u201d\u202c Ann\u200b Cole said\u2069 on Monday.")
@example(text='"' * 2 + "\u200b" * 500 + '" Cole said.')
@example(text="\ufeff\ufeff\u200f")
def test_analysis_never_raises_and_offsets_hold(fuzz_pipeline, text):
    check_analysis(analyze_one(fuzz_pipeline, text), text)


@fuzz_settings(30)
@given(text=right_to_left())
def test_right_to_left_text(fuzz_pipeline, text):
    check_analysis(analyze_one(fuzz_pipeline, text), text)


@fuzz_settings(5)
@given(text=many_quote_marks())
def test_thousands_of_quote_marks(fuzz_pipeline, text):
    check_analysis(analyze_one(fuzz_pipeline, text), text)


@fuzz_settings(4)
@given(text=long_paragraph())
def test_long_single_paragraph_across_chunks(chunked_pipeline, text):
    assert "\n" not in text
    check_analysis(analyze_one(chunked_pipeline, text), text)


def test_lone_surrogates_are_an_input_error_not_a_crash(fuzz_pipeline):
    items = [Article(text='\ud800 "Hi," Ann said.', origin="bad"), Article(text='"We will win," Ann Cole said.')]
    first, second = fuzz_pipeline.analyze_many(items)
    assert isinstance(first, InputError) and "unpaired surrogate U+D800 at character 0" in first.reason
    assert isinstance(second, Analysis) and second.attributions  # the batch went on


# --------------------------------------------------------------------------- hostile records (issue 16)


def _hostile_module():
    spec = importlib.util.spec_from_file_location("hostile_inputs", ROOT / "benchmarks" / "hostile_inputs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hostile = _hostile_module()


ANY = "any"


@st.composite
def hostile_line(draw: st.DrawFn) -> tuple[bytes, str | tuple[str, str] | None]:
    """A JSONL line and the text it must give (None: an InputError; ANY: that text or an InputError)."""
    kind = draw(st.sampled_from(["good", "nested", "nested_field", "huge_int", "huge_int_nested", "huge_negative"]))
    text = draw(news_like.filter(lambda t: t.strip() and "\x00" not in t)) if kind != "nested" else ""
    depth = draw(st.integers(1500, 60_000))  # past the JSON parser's recursion limit (about 1,000)
    digits = draw(st.integers(4301, 30_000))
    if kind == "good":
        return json.dumps({"text": text}).encode("utf-8", "surrogatepass") + b"\n", text
    if kind == "nested":
        opener, closer = draw(st.sampled_from([(b"[", b"]"), (b'{"a":', b"}")]))
        return opener * depth + b"1" + closer * depth + b"\n", None
    if kind == "nested_field":  # a valid text beside a deeply nested field: parsed, or refused as too deep
        return (b'{"text": ' + json.dumps(text).encode("utf-8", "surrogatepass") + b', "x": ' + b"[" * depth
                + b"]" * depth + b"}\n"), (ANY, text)
    number = ("-" if kind == "huge_negative" else "") + "9" * digits
    field = draw(st.sampled_from(["views", "id", "title", "published"]))
    value = f'{{"n": [{number}]}}' if kind == "huge_int_nested" else number
    line = '{"text": ' + json.dumps(text) + f', "{field}": {value}}}\n'
    return line.encode("utf-8", "surrogatepass"), text


@fuzz_settings(40)
@given(lines=st.lists(hostile_line(), min_size=1, max_size=6), compress=st.sampled_from(["", ".gz", ".bz2", ".xz"]))
@example(lines=[(hostile.nested_json(1000), None), (hostile.huge_int_line(5000, "Ann said so."), "Ann said so.")],
         compress="")
def test_nested_and_huge_number_lines_never_stop_the_file(scratch, lines, compress):
    """Finding 1: 1,000 nested arrays or a 4,301-digit integer used to end the whole read."""
    data = b"".join(line for line, _ in lines)
    compressors = {"": bytes, ".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}
    with tempfile.TemporaryDirectory(dir=scratch) as folder:
        results = read_all([write(Path(folder), f"dump.jsonl{compress}", compressors[compress](data))])
    assert len(results) == len(lines), "one result per line"
    for result, (_, text) in zip(results, lines, strict=True):
        if isinstance(text, tuple):  # either outcome, but a parsed line keeps its text
            assert isinstance(result, InputError) or result.text == without_surrogates(text[1])
        elif text is None:
            assert isinstance(result, InputError) and result.reason
        else:
            assert isinstance(result, Article), f"a valid text was lost: {result}"
            assert result.text == without_surrogates(text)


def _ingest_capped(inputs: list[str], db: Path, *extra: str) -> subprocess.CompletedProcess:
    """``presslens ingest`` in a child process whose address space is capped at 2 GiB."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))

    return subprocess.run([sys.executable, "-m", "presslens", "ingest", *inputs, "--db", str(db), "-q", *extra],
                          capture_output=True, timeout=600, cwd=ROOT, preexec_fn=cap)  # noqa: PLW1509


MEMORY_CAP = 2 * 1024**3


def test_compression_bombs_stay_bounded_under_a_2_gib_cap(tmp_path):
    """Finding 2: gigabyte lines and payloads inside small compressed files are refused while streaming."""
    folder = tmp_path / "bombs"
    folder.mkdir()
    hostile.jsonl_line_bomb(folder / "line.jsonl.gz", 2400)   # 2.3 MB file, one 2.4 GB line
    hostile.nul_bomb(folder / "zeros.jsonl.gz", 2400)          # NUL bytes, no newline
    hostile.jsonl_line_bomb(folder / "line.jsonl.xz", 2400, fill=b"b")
    hostile.warc_payload_bomb(folder / "page.warc.gz", 2400)  # one 2.4 GB HTML payload
    hostile.warc_header_bomb(folder / "head.warc.gz", 2400)   # one 2.4 GB header line
    hostile.hostile_jsonl(folder / "hostile.jsonl")
    db = tmp_path / "news.duckdb"
    done = _ingest_capped([str(folder)], db)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    with duckdb.connect(str(db), read_only=True) as con:
        texts = {row[0] for row in con.execute("SELECT text FROM articles").fetchall()}
        errors = con.execute("SELECT origin, reason FROM errors ORDER BY origin").fetchall()
    assert texts >= {hostile.GOOD_BEFORE["text"], hostile.GOOD_AFTER["text"], '"It is done," Ann Cole said.'}
    limit_errors = [origin for origin, reason in errors if "10 MB limit per document" in reason]
    assert len(limit_errors) == 5, errors
    assert all("--max-record-mb" in reason for _, reason in errors if "limit" in reason)
    assert any(reason == "JSON nested too deeply to read" for _, reason in errors)
    # The same bomb passes a raised record limit only as far as the decompressed limit allows.
    second = _ingest_capped([str(folder / "zeros.jsonl.gz")], tmp_path / "other.duckdb",
                            "--max-record-mb", "5000", "--max-decompressed-mb", "50")
    assert second.returncode == 0, second.stderr.decode()[-2000:]
    with duckdb.connect(str(tmp_path / "other.duckdb"), read_only=True) as con:
        (reason,) = con.execute("SELECT reason FROM errors").fetchone()
    assert "50 MB limit per file" in reason and "--max-decompressed-mb" in reason


def test_analyze_reports_hostile_lines_and_prints_the_rest(tmp_path):
    path = hostile.hostile_jsonl(tmp_path / "dump.jsonl")
    done = subprocess.run([sys.executable, "-m", "presslens", "analyze", str(path), "--format", "jsonl",
                           "--extract", "attributions"], capture_output=True, timeout=300, cwd=ROOT)
    assert done.returncode == 1
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["source_id"] for r in records if "source_id" in r] == ["before", "last"]
    assert len(records) == 3, "the text beside a huge number is analysed too"
    assert b"dump.jsonl:2: JSON nested too deeply to read" in done.stderr
    assert b"Traceback" not in done.stderr
