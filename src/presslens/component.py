"""presslens as a spaCy pipeline component: ``nlp.add_pipe("presslens")``.

spaCy finds the factory through the ``spacy_factories`` entry point, so ``presslens`` need not
be imported first. After the component runs:

- ``doc._.presslens_record`` holds the analysis as plain JSON data (the record contract of
  ``Analysis.to_dict()`` without the text), so ``DocBin(store_user_data=True)`` and
  ``Doc.to_bytes()`` round-trip it;
- ``doc._.presslens`` (the whole ``Analysis``) and ``doc._.attributions``, ``doc._.entities``,
  ``doc._.dates``, ``doc._.claims``, ``doc._.framing`` (lists of records) are read from it;
- ``doc.spans["presslens_content"]``, ``["presslens_cue"]`` (labelled with the attribution type)
  and ``["presslens_source"]`` (labelled with the speaker's name) hold the attributions as spaCy
  spans, for displaCy (``style="span"``) and spaCy's span tooling.

Set ``doc._.published`` (ISO date) before the component runs to anchor relative dates, or pass
``published`` in the component config.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from presslens.pipeline import ALL_EXTRACTORS, Options, extract
from presslens.schema import (
    Analysis,
    Article,
    Attribution,
    Claim,
    DateMention,
    Entity,
    FramingSpan,
    Quantity,
    Source,
    Span,
)

RECORD_FIELDS = ("attributions", "entities", "dates", "quantities", "claims", "framing")
SPAN_KEYS = ("presslens_content", "presslens_cue", "presslens_source")
RECORD_EXTENSION = "presslens_record"
_ARTICLE_FIELDS = ("id", "url", "outlet", "title", "author", "published", "source_id")


# --------------------------------------------------------------------------- plain data -> records


def _span(data: dict[str, Any] | None) -> Span | None:
    return None if data is None else Span(data["start"], data["end"], data["text"])


def _attribution(data: dict[str, Any]) -> Attribution:
    source = dict(data["source"])
    source["mention"] = _span(source.get("mention"))
    return Attribution(**{**data, "content": _span(data["content"]), "cue": _span(data.get("cue")),
                          "source": Source(**source)})


def _entity(data: dict[str, Any]) -> Entity:
    return Entity(**{**data, "mentions": [_span(m) for m in data.get("mentions", [])]})


def _claim(data: dict[str, Any]) -> Claim:
    # claims hold the indexes of their quantities (in ``Analysis.quantities``)
    return Claim(**{**data, "quantities": [q if isinstance(q, int) else Quantity(**q)
                                           for q in data.get("quantities", [])]})


_READ_FIELDS = {"attributions": _attribution, "entities": _entity, "dates": lambda d: DateMention(**d),
                "quantities": lambda d: Quantity(**d), "claims": _claim, "framing": lambda d: FramingSpan(**d)}


def analysis_from_dict(record: dict[str, Any], text: str | None = None) -> Analysis:
    """The ``Analysis`` of a JSON record (``Analysis.to_dict()``); ``text`` when the record has none."""
    article = Article(text=record.get("text", text) or "", **{k: record.get(k) for k in _ARTICLE_FIELDS})
    analysis = Analysis(article=article, warnings=list(record.get("warnings", [])))
    for name, read in _READ_FIELDS.items():
        setattr(analysis, name, [read(item) for item in record.get(name, [])])
    known = {*_ARTICLE_FIELDS, "text", "input", "warnings", *_READ_FIELDS}
    analysis.extra = {k: v for k, v in record.items() if k not in known and isinstance(v, list)}
    return analysis


# --------------------------------------------------------------------------- the Doc extensions


def _lists(value: Any) -> Any:
    """``value`` with tuples made lists again (msgpack, behind DocBin, reads every array as a tuple)."""
    if isinstance(value, list | tuple):
        return [_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    return value


def _analysis_of(doc: Doc) -> Analysis | None:
    record = doc._.get(RECORD_EXTENSION)
    return None if record is None else analysis_from_dict(_lists(record), doc.text)


def _records_getter(name: str) -> Any:
    def get(doc: Doc) -> list[Any] | None:
        record = doc._.get(RECORD_EXTENSION)
        return None if record is None else [_READ_FIELDS[name](_lists(item)) for item in record.get(name, [])]

    return get


def _register_extensions() -> None:
    for name, options in ((RECORD_EXTENSION, {"default": None}), ("published", {"default": None}),
                          ("presslens", {"getter": _analysis_of}),
                          *((name, {"getter": _records_getter(name)}) for name in RECORD_FIELDS)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, **options)


_register_extensions()


def _char_span(doc: Doc, span: Span | None, label: str) -> SpacySpan | None:
    if span is None or span.end <= span.start:
        return None
    return doc.char_span(span.start, span.end, label=label, alignment_mode="expand")


def set_spans(doc: Doc, attributions: list[Attribution]) -> None:
    """Fill ``doc.spans[SPAN_KEYS]`` from the attributions (token-aligned, widened to whole tokens)."""
    groups: dict[str, list[SpacySpan]] = {key: [] for key in SPAN_KEYS}
    for a in attributions:
        speaker = a.source.name or (a.source.mention.text if a.source.mention else None) or "unknown"
        for key, span, label in (("presslens_content", a.content, a.type), ("presslens_cue", a.cue, a.type),
                                 ("presslens_source", a.source.mention, speaker)):
            found = _char_span(doc, span, label)
            if found is not None:
                groups[key].append(found)
    for key, spans in groups.items():
        doc.spans[key] = spans


class PresslensComponent:
    """Runs the presslens extractors on a parsed Doc (needs a tagger, parser and NER before it)."""

    def __init__(self, extractors: tuple[str, ...], published: str | None) -> None:
        self.options = Options(extractors=extractors)
        self.published = published

    def __call__(self, doc: Doc) -> Doc:
        article = Article(text=doc.text, published=doc._.published or self.published)
        analysis = extract(doc, article, self.options)
        record = analysis.to_dict()
        record.pop("text", None)  # the Doc holds it already
        doc._.set(RECORD_EXTENSION, record)
        set_spans(doc, analysis.attributions)
        return doc


@Language.factory(
    "presslens",
    default_config={"extractors": list(ALL_EXTRACTORS), "published": None},
    requires=["token.dep", "token.pos", "doc.ents"],
    assigns=[f"doc._.{RECORD_EXTENSION}", "doc.spans"],
)
def make_presslens(nlp: Language, name: str, extractors: list[str], published: str | None) -> PresslensComponent:
    """Factory registered with spaCy under the name ``presslens``."""
    return PresslensComponent(tuple(extractors), published)
