"""Article text as HTML with every attribution, date, claim and framing span highlighted.

The text is cut at every span boundary; each piece between two boundaries is escaped on its
own and wrapped in the elements of the spans that cover it, in a fixed nesting order
(source mention link, quote content, cue, claim, framing, date). Raw article text never
reaches the HTML unescaped, and overlapping spans cannot produce badly nested tags.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from presslens.schema import LOW_CONFIDENCE
from presslens.web.bidi import isolated

PALETTE_SIZE = 10
LAYERS = ("mention", "content", "cue", "claim", "framing", "date")


def speaker_url(speaker_id: str) -> str:
    """The page of one corpus speaker."""
    return "/speakers/" + quote(str(speaker_id), safe="")


def speaker_search_url(name: str) -> str:
    """The speaker list searched for a name (used when a quote is not linked to a corpus speaker)."""
    return "/speakers?" + urlencode({"q": name})


def speaker_href(attribution: Mapping[str, Any]) -> str | None:
    """Where a source mention links: its speaker page, else a speaker search for its name, else nowhere."""
    if attribution.get("speaker_id"):
        return speaker_url(str(attribution["speaker_id"]))
    name = (attribution.get("source") or {}).get("name")
    return speaker_search_url(str(name)) if name else None


def outlet_url(name: str) -> str:
    """The article list of one outlet."""
    return "/articles?" + urlencode({"outlet": name})


def speaker_label(attribution: Mapping[str, Any]) -> str:
    """How a source is shown: corpus or canonical name, else the mention as written, else 'unknown source'."""
    if attribution.get("speaker"):
        return str(attribution["speaker"])
    source = attribution.get("source") or {}
    if source.get("name"):
        return str(source["name"])
    mention = source.get("mention") or {}
    if mention.get("text"):
        return f"{mention['text']} (unresolved)"
    return "unknown source"


@dataclass(slots=True)
class Mark:
    """One highlighted span: its layer, offsets, and the attributes of the element that wraps it."""

    layer: str
    start: int
    end: int
    attrs: dict[str, str] = field(default_factory=dict)
    anchor: str | None = None  # id given to the first piece only


@dataclass(slots=True)
class SpeakerEntry:
    """One speaker of the article with a colour slot and their statements."""

    label: str
    url: str | None
    colour: int
    kind: str
    statements: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class ArticleView:
    """Everything the article template needs: highlighted body and the side lists."""

    body: Markup
    speakers: list[SpeakerEntry]
    dates: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    framing: list[dict[str, Any]]


def _valid(span: Mapping[str, Any] | None, size: int) -> tuple[int, int] | None:
    if not span:
        return None
    try:
        start, end = int(span["start"]), int(span["end"])
    except (KeyError, TypeError, ValueError):
        return None
    start, end = max(0, start), min(size, end)
    return (start, end) if start < end else None


def speaker_entries(attributions: Iterable[Mapping[str, Any]]) -> tuple[list[SpeakerEntry], list[int]]:
    """Group attributions by speaker (in order of first appearance); return entries and each one's slot."""
    entries: dict[str, SpeakerEntry] = {}
    slots: list[int] = []
    for index, attribution in enumerate(attributions):
        source = attribution.get("source") or {}
        label = speaker_label(attribution)
        key = str(attribution.get("speaker_id") or label)
        entry = entries.get(key)
        if entry is None:
            entry = SpeakerEntry(label=label, url=speaker_href(attribution),
                                 colour=len(entries) % PALETTE_SIZE, kind=str(source.get("kind") or "unknown"))
            entries[key] = entry
        content = attribution.get("content") or {}
        cue = attribution.get("cue") or {}
        confidence = source.get("confidence")
        entry.statements.append({"index": index, "type": attribution.get("type"), "text": content.get("text", ""),
                                 "cue": cue.get("text"),
                                 "uncertain": confidence is not None and confidence < LOW_CONFIDENCE,
                                 "confidence": confidence})
        slots.append(entry.colour)
    return list(entries.values()), slots


def collect_marks(record: Mapping[str, Any], slots: list[int]) -> list[Mark]:
    """Every span of the record as a Mark, with escaped-later attribute values."""
    size = len(record.get("text") or "")
    marks: list[Mark] = []
    for index, attribution in enumerate(record.get("attributions") or []):
        source = attribution.get("source") or {}
        label = speaker_label(attribution)
        colour = slots[index] if index < len(slots) else 0
        kind = attribution.get("type") or "direct"
        content = _valid(attribution.get("content"), size)
        if content:
            marks.append(Mark("content", *content, {"class": f"q s{colour} q-{kind}", "data-q": str(index),
                                                   "title": f"{isolated(label)} ({kind} quote)"}, anchor=f"q{index}"))
        cue = _valid(attribution.get("cue"), size)
        if cue:
            marks.append(Mark("cue", *cue, {"class": "cue", "title": f"cue for {isolated(label)}"}))
        mention = _valid(source.get("mention"), size)
        if mention:
            attrs = {"class": f"mention s{colour}", "title": isolated(label)}
            href = speaker_href(attribution)
            if href:
                attrs["href"] = href
            marks.append(Mark("mention", *mention, attrs))
    for i, claim in enumerate(record.get("claims") or []):
        span = _valid(claim, size)
        if span:
            score = claim.get("checkworthy")
            title = f"claim, check-worthiness {score:.2f}" if isinstance(score, int | float) else "claim"
            marks.append(Mark("claim", *span, {"class": "claim", "title": title}, anchor=f"c{i}"))
    for i, frame in enumerate(record.get("framing") or []):
        span = _valid(frame, size)
        if span:
            marks.append(Mark("framing", *span, {"class": "frame", "title": f"framing: {frame.get('technique')}"},
                              anchor=f"f{i}"))
    for date in record.get("dates") or []:
        span = _valid(date, size)
        if span:
            value = date.get("value")
            marks.append(Mark("date", *span, {"class": "date", "title": f"date: {isolated(value)}" if value else "date"}))
    return marks


def _open_tag(mark: Mark, first: bool) -> str:
    tag = "a" if mark.layer == "mention" and "href" in mark.attrs else ("mark" if mark.layer == "content" else "span")
    attrs = dict(mark.attrs)
    if first and mark.anchor:
        attrs["id"] = mark.anchor
    rendered = "".join(f' {key}="{escape(value)}"' for key, value in attrs.items())
    return f"<{tag}{rendered}>"


def _close_tag(mark: Mark) -> str:
    if mark.layer == "mention" and "href" in mark.attrs:
        return "</a>"
    return "</mark>" if mark.layer == "content" else "</span>"


def highlight(text: str, marks: list[Mark]) -> Markup:
    """Escape ``text`` piece by piece and wrap each piece in the marks covering it."""
    bounds = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    order = {layer: rank for rank, layer in enumerate(LAYERS)}
    ordered = sorted(marks, key=lambda m: (order[m.layer], m.start, -m.end))
    started: set[int] = set()
    out: list[str] = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        covering: list[Mark] = []
        seen_layers: set[str] = set()
        for mark in ordered:
            if mark.start <= left and right <= mark.end and mark.layer not in seen_layers:
                covering.append(mark)
                seen_layers.add(mark.layer)
        piece = str(escape(text[left:right]))
        opened = []
        for mark in covering:
            opened.append(_open_tag(mark, id(mark) not in started))
            started.add(id(mark))
        out.append("".join(opened) + piece + "".join(_close_tag(m) for m in reversed(covering)))
    return Markup("".join(out))  # every text piece above was escaped


def article_view(record: Mapping[str, Any]) -> ArticleView:
    """Build the highlighted body and the side lists of one article record (the JSON contract)."""
    attributions = record.get("attributions") or []
    speakers, slots = speaker_entries(attributions)
    body = highlight(record.get("text") or "", collect_marks(record, slots))
    return ArticleView(body=body, speakers=speakers, dates=list(record.get("dates") or []),
                       claims=[_with_quantities(c, record) for c in record.get("claims") or []],
                       framing=list(record.get("framing") or []))


def _with_quantities(claim: Mapping[str, Any], record: Mapping[str, Any]) -> dict[str, Any]:
    """A claim for the side list, its quantities as records: claims hold indexes into the record's
    ``quantities`` (records written before that held the quantities themselves)."""
    found = list(record.get("quantities") or [])
    shown = []
    for q in claim.get("quantities") or []:
        if isinstance(q, Mapping):
            shown.append(q)
        elif isinstance(q, int) and 0 <= q < len(found):
            shown.append(found[q])
    return {**claim, "quantities": shown}
