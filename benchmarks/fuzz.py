"""Fuzz the readers and the analysis pipeline for a bounded time, and record what was tried and found.

    python benchmarks/fuzz.py --seconds 300                  # coverage-guided (atheris / libFuzzer)
    python benchmarks/fuzz.py --seconds 120 --engine random  # mutational fuzzer without atheris
    python benchmarks/fuzz.py --seconds 0 --big-mb 10        # only the 10 MB single paragraphs

One fuzz input is a byte string. Its first byte picks the route: a ``.txt``, ``.html``, ``.jsonl``,
``.jsonl.gz``, ``.jsonl.bz2``, ``.jsonl.xz``, ``.warc`` or ``.warc.gz`` file, stdin, or text handed
straight to the pipeline; the rest is the payload. The seeds and mutation tokens include the
hostile records of issue 16: JSON nested thousands deep and integers of thousands of digits. Every article a reader yields is analysed by one ``presslens.pipeline.Pipeline``
(with a short per-document time limit, so a runaway input shows up as a time-limited document
rather than stopping the run) and checked: only ``Article``/``InputError`` values from the readers,
``Analysis``/``InputError`` from the pipeline, ``text[start:end] == span.text`` for every span,
and the record converts to JSON and to the store's Arrow tables.

A *crash* is any exception escaping a reader or the pipeline, any broken check, or an extractor
failure the pipeline had to turn into an "internal error" InputError. Each distinct crash (by
exception type and innermost presslens frame) is saved with its input beside the report;
fuzzing goes on after a crash so one run can find several.

Engines: ``atheris`` instruments presslens, trafilatura and warcio and lets libFuzzer pick
mutations by coverage; ``random`` (used automatically when atheris is not installed) mutates seed
inputs with byte flips, insertions of interesting tokens, deletions, duplications and splices.
Both stop after ``--seconds`` and write the same JSON report (``--out``, default
``benchmarks/out/fuzz.json``): inputs tried, articles analysed, input errors by reason,
time-limited documents, crashes.

``--big-mb N`` adds single paragraphs of N MB (no newline): news sentences as ``.txt`` and as
``.html``, quote marks between words, an unbroken run of one letter, an unbroken run of quote
marks (on which spaCy's tokenizer is quadratic unless the run is cut), and right-to-left text with
zero-width and bidi controls. Each is read through the readers and analysed under
``--big-time-limit`` seconds of CPU time (default 60; ``0`` means the pipeline's default budget,
at most 600 s). By default a 10 MB text is refused before analysis (``--max-chars``, 1,000,000):
``--big-max-chars 0`` lifts that limit to measure the time limit on it: the report says how long reading and analysis took and whether the
document was analysed or stopped by the time limit, and by how much the limit was overshot.
"""

from __future__ import annotations

import argparse
import bz2
import contextlib
import gzip
import hashlib
import io
import json
import logging
import lzma
import os
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ROUTES = ("txt", "html", "jsonl", "jsonl.gz", "warc", "warc.gz", "stdin", "text", "jsonl.bz2", "jsonl.xz")
MAX_ANALYZE_CHARS = 60_000  # longer articles from the fuzzer are read but not analysed (the big phase does that)
FUZZ_TIME_LIMIT_S = 20.0

# Tokens the random engine splices in; libFuzzer finds its own from comparisons.
TOKENS = [b'"', b"\xe2\x80\x9c", b"\xe2\x80\x9d", b"\xc2\xab", b"\xc2\xbb", b"'", b" said ", b" told reporters ",
          b"according to ", b"Mayor Ann Cole", b"she", b"\n\n", b"<p>", b"</p>", b"<div>", b"<script>", b"<html>",
          b"<!--", b"<![CDATA[", b"&amp;", b"&#x202e;", b"\xe2\x80\x8b", b"\xe2\x80\xae", b"\xe2\x81\xa6",
          b"\xd7\x90", b"\xd8\xa7", b"\xef\xbb\xbf", b"\x00", b"\xff", b"\xed\xa0\x80", b'{"text": "', b'"}\n',
          b"\\ud800", b"WARC/1.0\r\n", b"Content-Length: ", b"\r\n\r\n", b"on Monday", b"42 percent",
          b"$3 million", b"2019-04-01", b"[" * 1500, b'{"a":' * 1200, b"9" * 4400, b', "views": ',
          b'"id": "story-1", ']


# --------------------------------------------------------------------------- findings


@dataclass
class Crash:
    """One distinct failure: where, what, how often, and the first input that caused it."""

    signature: str
    kind: str
    message: str
    route: str
    input_file: str
    count: int = 1
    trace: list[str] = field(default_factory=list)


@dataclass
class Findings:
    """Running totals of a fuzz run."""

    engine: str
    seconds: float
    started: float = field(default_factory=time.monotonic)
    inputs_tried: int = 0
    articles_read: int = 0
    articles_analysed: int = 0
    articles_too_long_to_analyse: int = 0
    spans_checked: int = 0
    input_errors: Counter = field(default_factory=Counter)
    time_limited: int = 0
    routes: Counter = field(default_factory=Counter)
    crashes: dict[str, Crash] = field(default_factory=dict)
    slowest_input_s: float = 0.0
    big: list[dict[str, Any]] = field(default_factory=list)

    def report(self) -> dict[str, Any]:
        elapsed = time.monotonic() - self.started
        return {
            "engine": self.engine, "seconds_budget": self.seconds, "seconds_elapsed": round(elapsed, 1),
            "inputs_tried": self.inputs_tried, "inputs_per_second": round(self.inputs_tried / max(elapsed, 1e-9), 1),
            "routes": dict(self.routes), "articles_read": self.articles_read,
            "articles_analysed": self.articles_analysed,
            "articles_too_long_to_analyse": self.articles_too_long_to_analyse,
            "spans_checked": self.spans_checked, "time_limited_documents": self.time_limited,
            "slowest_input_s": round(self.slowest_input_s, 2),
            "input_errors_by_reason": dict(self.input_errors.most_common(25)),
            "crashes_found": len(self.crashes), "crash_hits": sum(c.count for c in self.crashes.values()),
            "crashes": [vars(c) for c in self.crashes.values()],
            "big_documents": self.big,
        }


# --------------------------------------------------------------------------- the target


class Target:
    """Runs one fuzz input through a reader and the pipeline and checks the results."""

    def __init__(self, findings: Findings, out: Path) -> None:
        from presslens.nlp import load
        from presslens.pipeline import Options, Pipeline

        self.findings = findings
        self.pipeline = Pipeline(load(), options=Options(time_limit_s=FUZZ_TIME_LIMIT_S,
                                                         time_limit_s_per_10k_chars=1.0))
        self.scratch = Path(tempfile.mkdtemp(prefix="presslens-fuzz-"))
        self.crash_dir = out.parent / (out.stem + "-crashes")
        self.crash_dir.mkdir(parents=True, exist_ok=True)
        self.last_report = time.monotonic()
        self.out = out

    def __call__(self, data: bytes) -> None:
        f = self.findings
        f.inputs_tried += 1
        route = ROUTES[data[0] % len(ROUTES)] if data else "txt"
        payload = data[1:]
        f.routes[route] += 1
        started = time.monotonic()
        try:
            self.run(route, payload)
        except Exception as exc:  # noqa: BLE001 (every escape is a finding)
            self.record("exception", exc, route, data)
        f.slowest_input_s = max(f.slowest_input_s, time.monotonic() - started)
        if time.monotonic() - self.last_report > 10:
            self.save()

    def run(self, route: str, payload: bytes) -> None:
        from presslens.schema import Article, InputError
        from presslens.sources import iter_articles

        if route == "text":
            items: list[Any] = [Article(text=payload.decode("utf-8", "replace"), origin="<fuzz>")]
        elif route == "stdin":
            items = list(iter_articles(["-"], stdin=payload))
            assert len(items) == 1, f"stdin gave {len(items)} results"
        else:
            path = self.scratch / f"input.{route}"
            compress = {".gz": lambda d: gzip.compress(d, mtime=0), ".bz2": bz2.compress, ".xz": lzma.compress}
            path.write_bytes(compress.get(path.suffix, bytes)(payload))
            with contextlib.redirect_stderr(io.StringIO()):  # warcio prints a warning per damaged record
                items = list(iter_articles([str(path)]))
        for item in items:
            if isinstance(item, InputError):
                self.findings.input_errors[_reason_kind(item.reason)] += 1
                continue
            assert isinstance(item, Article), f"reader yielded {type(item).__name__}"
            self.findings.articles_read += 1
            if len(item.text) > MAX_ANALYZE_CHARS:
                self.findings.articles_too_long_to_analyse += 1
                continue
            self.analyse(item)

    def analyse(self, article: Any) -> None:
        from presslens.schema import Analysis, InputError
        from presslens.store import to_tables

        (result,) = list(self.pipeline.analyze_many([article]))
        if isinstance(result, InputError):
            if "time limit" in result.reason:
                self.findings.time_limited += 1
            if "internal error" in result.reason:
                raise ExtractorFailure(result.reason)
            self.findings.input_errors[_reason_kind(result.reason)] += 1
            return
        assert isinstance(result, Analysis), f"pipeline yielded {type(result).__name__}"
        record = result.to_dict()
        self.findings.spans_checked += check_spans(record)
        json.dumps(record, ensure_ascii=False)
        to_tables([result])
        self.findings.articles_analysed += 1

    def record(self, kind: str, exc: BaseException, route: str, data: bytes) -> None:
        frames = traceback.extract_tb(exc.__traceback__)
        ours = [fr for fr in frames if "presslens" in fr.filename] or frames
        where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
        kind = "broken-check" if isinstance(exc, AssertionError) else \
            "extractor-error" if isinstance(exc, ExtractorFailure) else kind
        signature = f"{type(exc).__name__}@{where}"
        crash = self.findings.crashes.get(signature)
        if crash is not None:
            crash.count += 1
            return
        digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()[:12]
        path = self.crash_dir / f"crash-{digest}.bin"
        path.write_bytes(data)
        self.findings.crashes[signature] = Crash(
            signature=signature, kind=kind, message=str(exc)[:300], route=route,
            input_file=str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path),
            trace=traceback.format_exception(exc)[-6:])
        print(f"crash {signature}: {str(exc)[:120]}", file=sys.stderr, flush=True)
        self.save()

    def save(self) -> None:
        self.last_report = time.monotonic()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.out.write_text(json.dumps(self.findings.report(), indent=2, ensure_ascii=False) + "\n")


class ExtractorFailure(Exception):
    """An extractor raised and the pipeline turned it into an InputError: a bug, though not fatal."""


def _reason_kind(reason: str) -> str:
    """A reason without the details that vary per input (byte positions, sizes, exception text)."""
    for marker in (" at byte", " at character", ":", " (", "; "):
        if marker in reason:
            reason = reason.split(marker)[0]
    return reason[:80]


def check_spans(record: dict[str, Any]) -> int:
    """Assert ``text[start:end] == span.text`` for every span of a record; return how many were checked."""
    text = record["text"]
    spans: list[dict[str, Any]] = []
    for a in record["attributions"]:
        spans += [s for s in (a["content"], a["cue"], a["source"]["mention"]) if s is not None]
    for e in record["entities"]:
        spans += e["mentions"]
    for name in ("dates", "claims", "framing"):
        spans += record[name]
    for claim in record["claims"]:
        spans += [q for q in claim["quantities"] if q["start"] is not None]
    for s in spans:
        assert 0 <= s["start"] <= s["end"] <= len(text), f"span out of range: {s!r:.200}"
        assert text[s["start"]:s["end"]] == s["text"], f"span text mismatch: {s!r:.200}"
    return len(spans)


# --------------------------------------------------------------------------- seeds and engines


def seeds() -> list[bytes]:
    """Starting inputs: the sample articles under every route, a JSONL dump and a WARC file."""
    samples = [p.read_bytes() for p in sorted((ROOT / "samples").glob("*")) if p.is_file()]
    story = (b'"We will repair the bridge before winter," Mayor Ann Cole said on Monday.\n\n'
             b"Cole said the plan would cost more than 3 million dollars, according to the council.\n")
    samples.append(story)
    dump = b"\n".join(json.dumps({"text": s.decode("utf-8", "replace"), "outlet": "Wire"}).encode()
                      for s in samples[:2])
    # issue 16: a line nested 1,000 deep and a 5,000-digit number beside a valid text, between good lines
    dump += b"\n" + b"[" * 1000 + b"]" * 1000 + b"\n" + b'{"id": "x", "text": "Cole said so.", "n": ' + b"9" * 5000 + b"}"
    out: list[bytes] = []
    for i, route in enumerate(ROUTES):
        for body in samples:
            if route.startswith("jsonl"):
                body = dump
            elif route in ("warc", "warc.gz"):
                body = warc_of([body], compress=route.endswith(".gz"))
            out.append(bytes([i]) + body[:20_000])
    return out


def warc_of(pages: list[bytes], *, compress: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=compress)
    for i, page in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{i}", "response",
                                                      payload=io.BytesIO(page), http_headers=headers))
    return buf.getvalue()


def mutate(data: bytes, pool: list[bytes], rng: random.Random) -> bytes:
    """A few random edits of ``data``: flips, interesting tokens, deletions, duplications, splices."""
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randint(0, len(buf)) if buf else 0
        op = rng.randrange(7)
        if op == 0 and buf:
            buf[min(at, len(buf) - 1)] ^= 1 << rng.randrange(8)
        elif op == 1:
            buf[at:at] = rng.choice(TOKENS) * rng.choice((1, 1, 1, 2, 50, 1000))
        elif op == 2 and buf:
            del buf[at : at + rng.randint(1, 256)]
        elif op == 3 and buf:
            piece = buf[at : at + rng.randint(1, 512)]
            buf[at:at] = piece * rng.randint(1, 20)
        elif op == 4:
            other = rng.choice(pool)
            cut = rng.randint(0, len(other))
            buf = buf[:at] + other[cut:cut + rng.randint(1, 4096)]
        elif op == 5 and buf:
            buf[0] = rng.randrange(len(ROUTES))
        elif op == 6:
            buf[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 32)))
    return bytes(buf[:200_000])


def run_random(target: Target, seconds: float, seed: int) -> None:
    """Mutational fuzzing without coverage feedback until ``seconds`` have passed."""
    rng = random.Random(seed)
    pool = seeds()
    for data in pool:
        target(data)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        child = mutate(rng.choice(pool), pool, rng)
        target(child)
        if len(pool) < 500 and rng.random() < 0.05:
            pool.append(child)


def run_atheris(findings: Findings, out: Path, seconds: float) -> None:
    """Coverage-guided fuzzing with libFuzzer; exits the process itself when the time is up."""
    import atheris

    with atheris.instrument_imports(include=["presslens", "trafilatura", "warcio"]):
        import presslens.extract.attributions  # noqa: F401
        import presslens.extract.claims  # noqa: F401
        import presslens.extract.dates  # noqa: F401
        import presslens.extract.entities  # noqa: F401
        import presslens.extract.framing  # noqa: F401
        import presslens.extract.speakers  # noqa: F401
        import presslens.pipeline  # noqa: F401
        import presslens.sources  # noqa: F401
        import presslens.store  # noqa: F401

    target = Target(findings, out)
    corpus = out.parent / (out.stem + "-corpus")
    corpus.mkdir(parents=True, exist_ok=True)
    for i, data in enumerate(seeds()):
        (corpus / f"seed-{i:03d}").write_bytes(data)
    deadline = time.monotonic() + seconds

    def one_input(data: bytes) -> None:
        if time.monotonic() >= deadline:
            finish(findings, out)
            os._exit(1 if findings.crashes else 0)  # libFuzzer has no clean way back; the report is written
        target(data)

    atheris.Setup([sys.argv[0], f"-max_total_time={int(seconds) + 120}", "-timeout=600", "-rss_limit_mb=12000",
                   "-max_len=65536", "-print_final_stats=0", str(corpus)], one_input)
    atheris.Fuzz()


# --------------------------------------------------------------------------- 10 MB single paragraphs


def big_documents(megabytes: float) -> dict[str, bytes]:
    """Single paragraphs (no newline) of about ``megabytes`` MB each, by file name (the suffix picks the reader)."""
    size = int(megabytes * 1_000_000)
    sentence = ('The council said the bridge would reopen on Monday, and "we will not raise taxes," '
                "Mayor Ann Cole told reporters. ")
    news = (sentence * (size // len(sentence) + 1))[:size]
    quotes = ('"Yes," she said "no\u201d \u00abmaybe ' * (size // 32 + 1))[: size // 2]  # multi-byte marks
    rtl = ("\u202bقال الرئيس \u201cنحن هنا\u201d\u200f \u05d0\u05de\u05e8 \u200b\u2067said\u2069. " * (size // 60 + 1))
    return {
        "news.txt": news.encode(),
        "news.html": f"<html><body><article><p>{news}</p></article></body></html>".encode(),
        "quote-marks.txt": quotes.encode()[:size].decode("utf-8", "ignore").encode(),
        "unbroken-letter.txt": b"x" * size,
        "unbroken-quote-marks.txt": b'"' * size,
        "rtl-bidi-zero-width.txt": rtl.encode()[:size].decode("utf-8", "ignore").encode(),
    }


def run_big(findings: Findings, megabytes: float, time_limit: float, only: str | None = None,
            max_chars: int | None = None) -> None:
    """Read and analyse each big paragraph once, recording times and the outcome."""
    from presslens.nlp import load
    from presslens.pipeline import MAX_CHARS, Options, Pipeline
    from presslens.schema import Analysis, InputError
    from presslens.sources import ReadLimits, iter_articles

    chars = MAX_CHARS if max_chars is None else (max_chars or None)
    options = Options(max_chars=chars) if time_limit <= 0 else \
        Options(time_limit_s=time_limit, time_limit_s_per_10k_chars=0, max_chars=chars)
    limits = ReadLimits(max_record_bytes=int(megabytes * 1_000_000) + 1_000_000)  # the big files themselves pass
    pipeline = Pipeline(load(), options=options)
    scratch = Path(tempfile.mkdtemp(prefix="presslens-big-"))
    for name, data in big_documents(megabytes).items():
        if only and only not in name:
            continue
        entry: dict[str, Any] = {"name": name, "bytes": len(data)}
        path = scratch / name
        path.write_bytes(data)
        started = time.monotonic()
        try:
            items = list(iter_articles([str(path)], limits=limits))
        except Exception as exc:  # noqa: BLE001
            entry["read"] = f"EXCEPTION {type(exc).__name__}: {exc}"
            findings.big.append(entry)
            continue
        entry["read_s"] = round(time.monotonic() - started, 1)
        (item,) = items
        if isinstance(item, InputError):
            entry["read"] = f"InputError: {item.reason}"
            findings.big.append(entry)
            continue
        entry["chars"] = len(item.text)
        entry["newlines"] = item.text.count("\n")
        limit = options.time_limit_for(len(item.text))
        entry["time_limit_s"] = round(limit or 0, 1)
        started = time.monotonic()
        try:
            (result,) = list(pipeline.analyze_many([item]))
        except Exception as exc:  # noqa: BLE001
            entry["analysis"] = f"EXCEPTION {type(exc).__name__}: {exc}"
            findings.big.append(entry)
            continue
        elapsed = time.monotonic() - started
        entry["analysis_s"] = round(elapsed, 1)
        if isinstance(result, InputError):
            entry["analysis"] = f"InputError: {result.reason}"
            if "time limit" in result.reason and limit:
                entry["overshoot_s"] = round(max(0.0, elapsed - limit), 1)
        elif isinstance(result, Analysis):
            record = result.to_dict()
            entry["analysis"] = f"analysed: {len(result.attributions)} attributions"
            entry["spans_checked"] = check_spans(record)
        findings.big.append(entry)
        print(f"big {name}: {entry}", file=sys.stderr, flush=True)
        del item, result


# --------------------------------------------------------------------------- main


def finish(findings: Findings, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    report = findings.report()
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"inputs tried: {report['inputs_tried']} ({report['inputs_per_second']}/s), articles analysed: "
          f"{report['articles_analysed']}, spans checked: {report['spans_checked']}, time-limited: "
          f"{report['time_limited_documents']}, crashes found: {report['crashes_found']} → {out}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120, help="Fuzzing time (0 skips fuzzing).")
    parser.add_argument("--engine", choices=("atheris", "random"), default=None,
                        help="atheris (default when installed) or random.")
    parser.add_argument("--seed", type=int, default=1, help="Random engine seed.")
    parser.add_argument("--big-mb", type=float, default=0, help="Also run single paragraphs of this many MB.")
    parser.add_argument("--big-time-limit", type=float, default=60,
                        help="Time limit (s) per big document; 0 = the pipeline default.")
    parser.add_argument("--big-only", default=None, help="Only the big documents whose name contains this.")
    parser.add_argument("--big-max-chars", type=int, default=None,
                        help="--max-chars for the big documents (default 1,000,000; 0 = no limit).")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "fuzz.json")
    args = parser.parse_args(argv)
    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # one warning per page without a body
    engine = args.engine
    if engine is None:
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            print("atheris is not installed; using the random mutational engine", file=sys.stderr)
            engine = "random"
    findings = Findings(engine=engine, seconds=args.seconds)
    if args.big_mb > 0:
        run_big(findings, args.big_mb, args.big_time_limit, args.big_only, args.big_max_chars)
    if args.seconds > 0 and engine == "atheris":
        run_atheris(findings, args.out, args.seconds)  # does not return
    if args.seconds > 0:
        run_random(Target(findings, args.out), args.seconds, args.seed)
    finish(findings, args.out)
    return 1 if findings.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
