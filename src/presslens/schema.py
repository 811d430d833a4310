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
AttributionAct = Literal["speech", "belief", "stance"]
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
    """One reported statement: content, the cue that introduces it and its source.

    ``act`` is what the cue reports. ``speech``: something said or written ("said", "told",
    "according to", a quotation, "his claim that"). ``belief``: a thought, belief, hope, fear or
    expectation ("believes", "hopes to", "is confident that", "her fear that"). ``stance``: a
    position or evaluation without a speech act ("endorsed Cruz", "praised the plan", "seems to",
    "is critical of") and verbs only the learned cue model knows. The default ``speech`` profile
    reports speech and the cue nouns of belief and stance ("her fear that …", "his plan to …");
    the ``parc`` profile adds the verbs and adjectives of belief and stance. ``act == "speech"``
    keeps a speech-only reader's view of either.

    ``relayed_by`` is the mention, as written, of whoever passed the statement on when the text
    nests it in another attribution: "According to TASS, Dujarric said …" gives Dujarric's
    statement ``relayed_by`` "TASS"; "Officials said Trump told them …" gives Trump's ``relayed_by``
    "Officials". The outer level is an attribution of its own (source "TASS", cue "According to",
    content "Dujarric said …"), whose source the speaker pass resolves; it is found as the
    attribution whose ``source.mention`` is this span.
    """

    type: AttributionType
    content: Span
    cue: Span | None
    source: Source
    # The day the statement was made: from the text ("said on Sunday") or else the publication date.
    said_on: str | None = None
    said_on_from_text: bool = False
    act: AttributionAct = "speech"
    relayed_by: Span | None = None

    def __post_init__(self) -> None:
        if isinstance(self.relayed_by, dict):  # read back from a JSON record
            self.relayed_by = Span(**self.relayed_by)


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
    """A number with its comparator (``=``, ``>``, ``>=``, ``<``, ``<=``, ``≈`` or ``range``), unit and what it measures.

    ``value_high`` is the upper end of a range; ``claim`` the index of the claim that holds the
    quantity (``Analysis.claims``), if any.
    """

    text: str
    comparator: str | None
    value: float | None
    unit: str | None
    measures: str | None = None
    start: int | None = None
    end: int | None = None
    value_high: float | None = None
    claim: int | None = None


@dataclass(slots=True)
class Claim:
    """A check-worthy factual statement and, when quoted, its speaker.

    ``quantities`` are the indexes, in ``Analysis.quantities``, of the quantities inside the claim.
    """

    start: int
    end: int
    text: str
    checkworthy: float
    quantities: list[int] = field(default_factory=list)
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

    @property
    def quantities(self) -> list[Quantity]:
        """Every quantity in the text, in text order (kept in ``extra``, where the pipeline puts new layers).

        Items read back from a JSON record as dicts become ``Quantity`` records on first access.
        """
        found = self.extra.setdefault("quantities", [])
        if any(isinstance(q, dict) for q in found):
            found[:] = [Quantity(**q) if isinstance(q, dict) else q for q in found]
        return found

    @quantities.setter
    def quantities(self, found: list[Quantity]) -> None:
        self.extra["quantities"] = list(found)

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
        record["quantities"] = [asdict(x) for x in self.quantities]
        record["claims"] = [asdict(x) for x in self.claims]
        record["framing"] = [asdict(x) for x in self.framing]
        for name, found in self.extra.items():
            if name == "quantities":
                continue
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


# --------------------------------------------------------------------------- records as table rows
# The one mapping between the records above and the rows of a corpus database. ``presslens.store``
# derives its DDL, Arrow schemas and row tuples from ``TABLES``; ``presslens.web.records`` turns
# rows back into the JSON record (``Analysis.to_dict`` is ``asdict`` of the records themselves).
# Adding a field: the dataclass field, its ``Column`` here and, for existing databases, an entry
# in ``presslens.store.ddl.ADDED``.


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a corpus table: its name, DuckDB type and where its value comes from.

    ``source`` is a dotted attribute path into the row's record (``"source.mention.start"``; a
    None on the way gives NULL) or, starting with ``$``, a value the writer supplies:
    ``$article.<field>``, ``$analysis.<field>``, ``$parent.<field>`` (the record whose list holds
    the row), ``$index`` (the row's position in that list), ``$parent_index`` and ``$now`` (the
    time of writing). None: stored as NULL and filled later (``speaker_id``, by the speaker pass).
    ``empty_as_null``: an empty list is stored as NULL.
    """

    name: str
    sql: str
    source: str | None = None
    constraint: str = ""
    empty_as_null: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A corpus table: one row per ``record``; ``within`` names where the records live.

    ``within`` is ``"analysis"`` for the lists of an Analysis named like the table, the name of a
    parent table for the lists of its records named like this one (``Entity.mentions``), or None
    (one row per Analysis, or written apart: ``errors``).
    """

    name: str
    record: type
    columns: tuple[Column, ...]
    within: str | None = "analysis"

    @property
    def column_names(self) -> tuple[str, ...]:
        """The column names, in table order."""
        return tuple(c.name for c in self.columns)


def _text_span(prefix: str, path: str) -> tuple[Column, Column, Column]:
    """The three columns (start, end, text) of a Span attribute."""
    return (Column(f"{prefix}_start", "INTEGER", f"{path}.start"), Column(f"{prefix}_end", "INTEGER", f"{path}.end"),
            Column(f"{prefix}_text", "VARCHAR", f"{path}.text"))


def _offsets() -> tuple[Column, Column, Column]:
    """``start_char``, ``end_char`` and ``text`` of a record with start, end and text fields."""
    return (Column("start_char", "INTEGER", "start"), Column("end_char", "INTEGER", "end"),
            Column("text", "VARCHAR", "text"))


def _plain(*names_and_types: str) -> tuple[Column, ...]:
    """Columns named like the record's fields: ``"name TYPE"`` each."""
    return tuple(Column(name, sql, name) for name, sql in (item.split(" ", 1) for item in names_and_types))


_ARTICLE_ID = Column("article_id", "VARCHAR", "$article.id", "NOT NULL")

TABLES: tuple[Table, ...] = (
    Table("articles", Article, (
        Column("id", "VARCHAR", "id", "PRIMARY KEY"),
        *_plain("url VARCHAR", "outlet VARCHAR", "title VARCHAR", "author VARCHAR", "published DATE", "text VARCHAR",
                "origin VARCHAR"),
        Column("warnings", "VARCHAR[]", "$analysis.warnings", empty_as_null=True),
        Column("ingested_at", "TIMESTAMP", "$now"),
        Column("source_id", "VARCHAR", "source_id"),
    ), within=None),
    Table("attributions", Attribution, (
        _ARTICLE_ID,
        Column("idx", "INTEGER", "$index", "NOT NULL"),
        Column("type", "VARCHAR", "type"),
        *_text_span("content", "content"),
        *_text_span("cue", "cue"),
        Column("source_name", "VARCHAR", "source.name"),
        Column("source_kind", "VARCHAR", "source.kind"),
        *_text_span("source_mention", "source.mention"),
        Column("entity_id", "VARCHAR", "source.entity"),
        Column("speaker_id", "VARCHAR"),
        *_plain("said_on DATE", "said_on_from_text BOOLEAN"),
        Column("said_on_value", "VARCHAR", "said_on"),
        Column("outlet", "VARCHAR", "$article.outlet"),
        Column("published", "DATE", "$article.published"),
        Column("source_confidence", "REAL", "source.confidence"),
        Column("act", "VARCHAR", "act"),
        *_text_span("relayed_by", "relayed_by"),
    )),
    Table("entities", Entity, (
        _ARTICLE_ID,
        Column("entity_id", "VARCHAR", "id", "NOT NULL"),
        *_plain("name VARCHAR", "kind VARCHAR", "aliases VARCHAR[]"),
    )),
    Table("mentions", Span, (
        _ARTICLE_ID,
        Column("entity_id", "VARCHAR", "$parent.id", "NOT NULL"),
        Column("idx", "INTEGER", "$index"),
        *_offsets(),
    ), within="entities"),
    Table("dates", DateMention, (
        _ARTICLE_ID, Column("idx", "INTEGER", "$index"), *_offsets(), *_plain("value VARCHAR", "grain VARCHAR"),
    )),
    Table("claims", Claim, (
        _ARTICLE_ID, Column("idx", "INTEGER", "$index"), *_offsets(),
        *_plain("checkworthy DOUBLE", "speaker VARCHAR", "said_on DATE", "quantities INTEGER[]"),
        Column("said_on_value", "VARCHAR", "said_on"),
    )),
    # One row per quantity of the article; ``claim_idx`` is the claim holding it (NULL: none). The
    # column keeps its first name, ``measured``, for databases written when quantities lived in claims.
    Table("quantities", Quantity, (
        _ARTICLE_ID,
        Column("claim_idx", "INTEGER", "claim"),
        Column("idx", "INTEGER", "$index"),
        *_plain("text VARCHAR", "comparator VARCHAR", "value DOUBLE", "value_high DOUBLE", "unit VARCHAR"),
        Column("measured", "VARCHAR", "measures"),
        Column("start_char", "INTEGER", "start"),
        Column("end_char", "INTEGER", "end"),
    )),
    Table("framing", FramingSpan, (
        _ARTICLE_ID, Column("idx", "INTEGER", "$index"), *_offsets(), *_plain("technique VARCHAR", "score DOUBLE"),
    )),
    Table("errors", InputError, (*_plain("origin VARCHAR", "reason VARCHAR"), Column("failed_at", "TIMESTAMP", "$now")),
          within=None),
)
TABLES_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
