"""Turn rows of the named queries into the JSON record contract of ARCHITECTURE.md.

Spans become ``{"start", "end", "text"}`` objects, dates ISO strings, and attributions carry
``content``, ``cue`` and ``source`` exactly as ``presslens analyze --format json`` prints them;
the corpus-wide ``speaker_id`` and ``speaker`` (display name) are added beside them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any


def iso(value: Any) -> Any:
    """Dates and timestamps as ISO strings; anything else unchanged."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def span(start: Any, end: Any, text: Any) -> dict[str, Any] | None:
    """A span object, or None when the row has no such span."""
    if start is None or end is None:
        return None
    return {"start": int(start), "end": int(end), "text": text if text is not None else ""}


def _confidence(value: Any) -> float | None:
    """A stored REAL as the record's two-decimal confidence (float32 noise removed)."""
    return None if value is None else round(float(value), 3)


def attribution(row: Mapping[str, Any]) -> dict[str, Any]:
    """One ``attributions`` row (optionally joined with ``speakers.name AS speaker``) as a contract record."""
    name = row.get("source_name")
    return {
        "type": row.get("type"),
        "content": span(row.get("content_start"), row.get("content_end"), row.get("content_text")),
        "cue": span(row.get("cue_start"), row.get("cue_end"), row.get("cue_text")),
        "source": {
            "name": name,
            "kind": row.get("source_kind") or "unknown",
            "mention": span(row.get("source_mention_start"), row.get("source_mention_end"),
                            row.get("source_mention_text")),
            "entity": row.get("entity_id"),
            "confidence": _confidence(row.get("source_confidence")),
        },
        "said_on": iso(row.get("said_on")),
        "said_on_from_text": bool(row.get("said_on_from_text")),
        "speaker_id": row.get("speaker_id"),
        "speaker": row.get("speaker") or name,
    }


def article_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """The full article (``queries.article``) as the record contract."""
    return {
        "id": row.get("id"),
        "url": row.get("url"),
        "outlet": row.get("outlet"),
        "title": row.get("title"),
        "author": row.get("author"),
        "published": iso(row.get("published")),
        "text": row.get("text") or "",
        "attributions": [attribution(a) for a in row.get("attributions") or []],
        "entities": [
            {"id": e.get("entity_id"), "name": e.get("name"), "kind": e.get("kind"),
             "aliases": list(e.get("aliases") or []),
             "mentions": [span(m.get("start_char"), m.get("end_char"), m.get("text")) for m in e.get("mentions") or []]}
            for e in row.get("entities") or []
        ],
        "dates": [
            {"start": d.get("start_char"), "end": d.get("end_char"), "text": d.get("text"), "value": d.get("value"),
             "grain": d.get("grain")}
            for d in row.get("dates") or []
        ],
        "claims": [
            {"start": c.get("start_char"), "end": c.get("end_char"), "text": c.get("text"),
             "checkworthy": c.get("checkworthy"),
             "quantities": [
                 {"text": q.get("text"), "comparator": q.get("comparator"), "value": q.get("value"),
                  "unit": q.get("unit"), "measured": q.get("measured"), "start": q.get("start_char"),
                  "end": q.get("end_char"), "value_high": q.get("value_high")}
                 for q in c.get("quantities") or []
             ],
             "speaker": c.get("speaker"), "said_on": iso(c.get("said_on"))}
            for c in row.get("claims") or []
        ],
        "framing": [
            {"start": f.get("start_char"), "end": f.get("end_char"), "text": f.get("text"),
             "technique": f.get("technique"), "score": f.get("score")}
            for f in row.get("framing") or []
        ],
        "warnings": list(row.get("warnings") or []),
        "origin": row.get("origin"),
    }


def quote(row: Mapping[str, Any]) -> dict[str, Any]:
    """One ``queries.quotes`` row: the attribution's content, cue and source plus its article."""
    return {
        "type": row.get("type"),
        "content": {"text": row.get("quote")},
        "cue": {"text": row["cue"]} if row.get("cue") else None,
        "source": {"name": row.get("source_name"), "kind": row.get("source_kind") or "unknown"},
        "speaker_id": row.get("speaker_id"),
        "speaker": row.get("speaker") or row.get("source_name"),
        "said_on": iso(row.get("said_on")),
        "idx": row.get("idx"),
        "article": {"id": row.get("article_id"), "title": row.get("title"), "outlet": row.get("outlet"),
                    "published": iso(row.get("published")), "url": row.get("url")},
    }


def plain(row: Mapping[str, Any]) -> dict[str, Any]:
    """Any row with dates as ISO strings and lists copied."""
    return {k: (list(v) if isinstance(v, list | tuple) else iso(v)) for k, v in row.items()}
