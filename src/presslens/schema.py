"""Plain, typed records that every stage of presslens hands to the next.

Offsets are Python string offsets (code points, end exclusive) into ``Article.text``,
the exact text analysed; ``text[span.start:span.end] == span.text`` always holds.
``Analysis.to_dict()`` produces the JSON record contract of ARCHITECTURE.md.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, is_dataclass
from typing import Any, Literal

AttributionType = Literal["direct", "indirect", "mixed"]
SourceKind = Literal["person", "organization", "group", "document", "unknown"]
EntityKind = Literal["person", "organization", "place", "group", "other"]
DateGrain = Literal["day", "week", "month", "year"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span ``text[start:end]``."""
        return cls(start, end, text[start:end])


# Below this ``Source.confidence`` the report and the web page ask the reader to check the speaker.
LOW_CONFIDENCE = 0.5


@dataclass(slots=True)
class Source:
    """Who a statement is attributed to: the mention as written and, when resolved, a canonical name."""

    name: str | None
    kind: SourceKind = "unknown"
    mention: Span | None = None
    entity: str | None = None
    # How sure the resolver is of ``name`` (or of there being no name), in [0, 1].
    confidence: float | None = None


@dataclass(slots=True)
class Attribution:
    """One reported statement: content, the cue that introduces it and its source."""

    type: AttributionType
    content: Span
    cue: Span | None
    source: Source
    # The day the statement was made: from the text ("said on Sunday") or else the publication date.
    said_on: str | None = None
    said_on_from_text: bool = False


@dataclass(slots=True)
class Entity:
    """A person, organisation, place or group mentioned in one article, with its aliases."""

    id: str
    name: str
    kind: EntityKind
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class DateMention:
    """A date or time expression, normalised against the publication date when possible."""

    start: int
    end: int
    text: str
    value: str | None
    grain: DateGrain | None


@dataclass(slots=True)
class Quantity:
    """A number with its comparator, unit and what it measures."""

    text: str
    comparator: str | None
    value: float | None
    unit: str | None
    measured: str | None = None
    start: int | None = None
    end: int | None = None
    value_high: float | None = None


@dataclass(slots=True)
class Claim:
    """A check-worthy factual statement with its parsed numbers and, when quoted, its speaker."""

    start: int
    end: int
    text: str
    checkworthy: float
    quantities: list[Quantity] = field(default_factory=list)
    speaker: str | None = None
    said_on: str | None = None


@dataclass(slots=True)
class FramingSpan:
    """A span of persuasive wording labelled with a SemEval-2020 Task 11 technique."""

    start: int
    end: int
    text: str
    technique: str
    score: float


def content_id(text: str) -> str:
    """Stable article key: a hash of the analysed text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


@dataclass(slots=True)
class Article:
    """One input document: the exact text to analyse and its metadata."""

    text: str
    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    origin: str | None = None  # where it was read from: a path, URL, "-" for stdin
    source_id: str | None = None  # the input's own identifier (a JSONL "id"); not unique, not the key

    def __post_init__(self) -> None:
        if self.id is None:
            self.id = content_id(self.text)


@dataclass(slots=True)
class Analysis:
    """Everything presslens found in one article."""

    article: Article
    attributions: list[Attribution] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    framing: list[FramingSpan] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Records of extractors added through presslens.extract.registry, by name (JSON only, not stored).
    extra: dict[str, list[Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON record contract of ARCHITECTURE.md."""
        a = self.article
        record: dict[str, Any] = {
            "id": a.id,
            "url": a.url,
            "outlet": a.outlet,
            "title": a.title,
            "author": a.author,
            "published": a.published,
            "text": a.text,
        }
        if a.source_id is not None:
            record["source_id"] = a.source_id
        record["attributions"] = [asdict(x) for x in self.attributions]
        record["entities"] = [asdict(x) for x in self.entities]
        record["dates"] = [asdict(x) for x in self.dates]
        record["claims"] = [asdict(x) for x in self.claims]
        record["framing"] = [asdict(x) for x in self.framing]
        for name, found in self.extra.items():
            record[name] = [asdict(x) if is_dataclass(x) and not isinstance(x, type) else x for x in found]
        if self.warnings:
            record["warnings"] = list(self.warnings)
        return record


class InputError(Exception):
    """A document that cannot be analysed; the message is one clear line naming the reason."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        """Pickle by (origin, reason) so errors cross process boundaries (worker pools, Dask)."""
        return (type(self), (self.origin, self.reason))
