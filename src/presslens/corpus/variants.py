"""Quote variants: the same statement reported by several articles, and how its wordings differ.

Variants are found per speaker: quotes are blocked by the rarest words they contain (so only
quotes sharing an unusual word are compared), compared with rapidfuzz (normalised Indel
similarity, plus partial matches for a quote that is cut short), and linked into groups with
union-find. ``word_diff`` shows how each wording differs from the most common one.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import duckdb
import numpy as np
from rapidfuzz import fuzz, process

from presslens import queries
from presslens.corpus.names import fold
from presslens.lexicon.corpus import STOPWORDS

_WORDS = re.compile(r"[\w']+", re.UNICODE)


@dataclass(slots=True)
class Variant:
    """One wording of a statement, where it was published, and how it differs from the reference wording."""

    article_id: str
    idx: int
    text: str
    outlet: str | None
    said_on: Any
    published: Any
    title: str | None
    url: str | None
    diff: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"article_id": self.article_id, "idx": self.idx, "text": self.text, "outlet": self.outlet,
                "said_on": iso_or_same(self.said_on), "published": iso_or_same(self.published),
                "title": self.title, "url": self.url, "diff": [list(op) for op in self.diff]}


@dataclass(slots=True)
class VariantGroup:
    """The same statement by one speaker as reported in several articles."""

    speaker_id: str
    speaker: str
    reference: str
    variants: list[Variant]

    @property
    def articles(self) -> int:
        """Number of distinct articles reporting the statement."""
        return len({v.article_id for v in self.variants})

    @property
    def outlets(self) -> int:
        """Number of distinct outlets reporting the statement."""
        return len({v.outlet for v in self.variants})

    @property
    def wordings(self) -> int:
        """Number of distinct wordings (after normalising case and punctuation)."""
        return len({normalise_quote(v.text) for v in self.variants})

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"speaker_id": self.speaker_id, "speaker": self.speaker, "reference": self.reference,
                "articles": self.articles, "outlets": self.outlets, "wordings": self.wordings,
                "variants": [v.as_dict() for v in self.variants]}


def iso_or_same(value: Any) -> Any:
    """A date or timestamp as ISO text; anything else unchanged."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def normalise_quote(text: str) -> str:
    """Lowercase words only, for comparing wordings."""
    return " ".join(_WORDS.findall(fold(text).replace("\u2019", "'")))


def word_diff(reference: str, other: str) -> list[tuple[str, str]]:
    """Word-level differences turning ``reference`` into ``other``: ("equal"|"insert"|"delete", words)."""
    a, b = reference.split(), other.split()
    matcher = difflib.SequenceMatcher(a=[normalise_quote(w) for w in a], b=[normalise_quote(w) for w in b],
                                      autojunk=False)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("equal", " ".join(b[j1:j2])))
            continue
        if i2 > i1:
            out.append(("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("insert", " ".join(b[j1:j2])))
    return out


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


@dataclass(frozen=True, slots=True)
class VariantSettings:
    """Thresholds for grouping quotes: similarity (0–100), partial-match similarity and sizes."""

    threshold: float = 80.0
    partial_threshold: float = 95.0
    min_words: int = 5
    partial_min_words: int = 8
    keys_per_quote: int = 4
    max_bucket: int = 500


def group_quotes(texts: list[str], articles: list[str], settings: VariantSettings = VariantSettings()) -> list[list[int]]:  # noqa: B008
    """Group indices of near-duplicate quotes (one speaker's); each group spans at least two articles."""
    norm = [normalise_quote(t) for t in texts]
    words = [n.split() for n in norm]
    usable = [i for i, w in enumerate(words) if len(w) >= settings.min_words]
    buckets = _blocks(usable, words, settings)
    uf = _UnionFind(len(texts))
    for members in buckets:
        _link_bucket(members, norm, words, articles, uf, settings)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in usable:
        groups[uf.find(i)].append(i)
    return [g for g in groups.values() if len({articles[i] for i in g}) >= 2]


def _block_keys(words: list[str]) -> set[str]:
    """Blocking keys of one quote: its content words and its word pairs."""
    content = {w for w in words if w not in STOPWORDS and (len(w) > 3 or w.isdigit())}
    return content | {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def _blocks(usable: list[int], words: list[list[str]], settings: VariantSettings) -> list[list[int]]:
    """Buckets of quotes sharing one of their rarest keys (content words or word pairs).

    Only keys held by at least two and at most ``max_bucket`` quotes count, so a bucket never
    degenerates into comparing everything with everything.
    """
    df: Counter = Counter()
    keys = {}
    for i in usable:
        keys[i] = _block_keys(words[i])
        df.update(keys[i])
    buckets: dict[str, list[int]] = defaultdict(list)
    for i in usable:
        shared = sorted((df[k], k) for k in keys[i] if 2 <= df[k] <= settings.max_bucket)
        for _, k in shared[: settings.keys_per_quote]:
            buckets[k].append(i)
    return [m for m in buckets.values() if len(m) >= 2]


def _similar(a: str, b: str, words_a: list[str], words_b: list[str], settings: VariantSettings) -> bool:
    """Same statement: similar as a whole, or the shorter one found almost verbatim in the longer."""
    return bool(fuzz.ratio(a, b, score_cutoff=settings.threshold)) or _contained(a, b, words_a, words_b, settings)


def _contained(a: str, b: str, words_a: list[str], words_b: list[str], settings: VariantSettings) -> bool:
    """The shorter quote (at least ``partial_min_words`` words, at most 80% as long) appears in the longer."""
    (short, short_words), (long, long_words) = sorted(((a, words_a), (b, words_b)), key=lambda x: len(x[0]))
    if len(short_words) < settings.partial_min_words or len(short) > 0.8 * len(long):
        return False
    if len(set(short_words) - set(long_words)) > 1:  # cheap test before the costly alignment
        return False
    return bool(fuzz.partial_ratio(short, long, score_cutoff=settings.partial_threshold))


def _link_bucket(members: list[int], norm: list[str], words: list[list[str]], articles: list[str],
                 uf: _UnionFind, settings: VariantSettings) -> None:
    """Link the near-duplicate pairs of one bucket (pairwise when small, with rapidfuzz's cdist when large)."""
    if len(members) <= 12:
        pairs = ((a, b) for x, a in enumerate(members) for b in members[x + 1:])
        for i, j in pairs:
            if articles[i] != articles[j] and uf.find(i) != uf.find(j) and \
                    _similar(norm[i], norm[j], words[i], words[j], settings):
                uf.union(i, j)
        return
    texts = [norm[i] for i in members]
    full = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=settings.threshold, dtype=np.uint8,
                         workers=1)
    linked = np.triu(full, k=1) > 0
    chars = np.array([len(t) for t in texts])
    sizes = np.array([len(words[i]) for i in members])
    short = np.minimum.outer(chars, chars) <= 0.8 * np.maximum.outer(chars, chars)
    maybe = np.triu(short & (np.minimum.outer(sizes, sizes) >= settings.partial_min_words), k=1) & ~linked
    for a, b in zip(*np.nonzero(maybe), strict=True):
        i, j = members[a], members[b]
        if _contained(texts[a], texts[b], words[i], words[j], settings):
            linked[a, b] = True
    for a, b in zip(*np.nonzero(linked), strict=True):
        i, j = members[a], members[b]
        if articles[i] != articles[j]:
            uf.union(i, j)


def iter_variant_groups(
    con: duckdb.DuckDBPyConnection, *, speaker: str | None = None, contains: str | None = None,
    settings: VariantSettings = VariantSettings(),  # noqa: B008
) -> Iterator[VariantGroup]:
    """Variant groups, speaker by speaker, streaming the quotes one speaker at a time."""
    reader = queries.variant_rows(con, speaker=speaker, contains=contains)
    block: list[dict[str, Any]] = []
    for batch in reader:
        for row in batch.to_pylist():
            if block and row["speaker_id"] != block[0]["speaker_id"]:
                yield from _groups_of(block, settings)
                block = []
            block.append(row)
    if block:
        yield from _groups_of(block, settings)


def _groups_of(rows: list[dict[str, Any]], settings: VariantSettings) -> Iterator[VariantGroup]:
    groups = group_quotes([r["content_text"] for r in rows], [r["article_id"] for r in rows], settings)
    for members in groups:
        chosen = [rows[i] for i in members]
        yield _variant_group(chosen)


def _variant_group(rows: list[dict[str, Any]]) -> VariantGroup:
    wordings = Counter(normalise_quote(r["content_text"]) for r in rows)
    rows = sorted(rows, key=lambda r: (-wordings[normalise_quote(r["content_text"])], str(r["said_on"] or "9"),
                                       r["outlet"] or "", r["article_id"], r["idx"]))
    reference = rows[0]["content_text"]
    variants = [Variant(r["article_id"], r["idx"], r["content_text"], r["outlet"], r["said_on"], r["published"],
                        r["title"], r["url"], word_diff(reference, r["content_text"])) for r in rows]
    return VariantGroup(rows[0]["speaker_id"], rows[0]["speaker"], reference, variants)


# The quote variants of a speaker page (``presslens serve``): the groups among the speaker's
# ``PAGE_VARIANT_QUOTES`` most recent quotes, so that one page stays bounded; ``find_variants``


def find_variants(
    con: duckdb.DuckDBPyConnection, *, speaker: str | None = None, contains: str | None = None,
    min_articles: int = 2, limit: int | None = None, settings: VariantSettings = VariantSettings(),  # noqa: B008
) -> list[VariantGroup]:
    """Variant groups reported by at least ``min_articles`` articles, most widely reported first."""
    groups = [g for g in iter_variant_groups(con, speaker=speaker, contains=contains, settings=settings)
              if g.articles >= min_articles]
    groups.sort(key=lambda g: (-g.articles, -g.wordings, g.speaker, g.reference))
    return groups if limit is None else groups[:limit]
