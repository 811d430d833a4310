"""Framing × attribution: how each outlet wraps one speaker's statements in loaded language.

A statement is its attribution's extent (quoted content, cue and source mention). Around it the
text is cut into sentences (a sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by space, or at
a line break; the statement's own punctuation does not count). A framing span counts as
**same** when it overlaps the sentence(s) holding the statement and as **around** when it overlaps
only the sentence just before or after; spans lying wholly inside the quoted content are the
speaker's own words, reported as **in quote** and not counted as the outlet's wrapping. A
statement is *wrapped* when at least one same or around span is found.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

import duckdb

from presslens import queries
from presslens.web.cache import LRU
from presslens.web.data import speaker_profile, variants
from presslens.web.records import iso

EXAMPLES_PER_OUTLET = 6
_BOUNDARY = re.compile(r"[.!?…][\"'”’)\]]*\s+|\n+")


def sentence_bounds(text: str, lo: int, hi: int) -> tuple[int, int, int, int]:
    """In ``text``, the statement at [lo, hi): (around start, sentence start, sentence end, around end)."""
    before = [m.end() for m in _BOUNDARY.finditer(text, 0, lo)]
    start = before[-1] if before else 0
    prev = before[-2] if len(before) > 1 else 0
    after = [m.end() for m in _BOUNDARY.finditer(text, hi)]
    end = after[0] if after else len(text)
    nxt = after[1] if len(after) > 1 else len(text)
    return prev, start, end, nxt


def classify(row: dict[str, Any]) -> dict[str, Any]:
    """One statement row of ``queries.speaker_framing_rows`` with its framing spans classified."""
    frames = row.get("frames") or []
    out = {"article_id": row["article_id"], "idx": int(row["idx"]), "type": row["type"], "quote": row["content_text"],
           "cue": row["cue_text"], "outlet": row["outlet"], "published": iso(row["published"]), "title": row["title"],
           "url": row["url"], "frames": [], "context": None}
    if not frames or row.get("window") is None:
        return out
    ws, text = int(row["window_start"]), row["window"]
    lo, hi = int(row["lo"]) - ws, int(row["hi"]) - ws
    prev, start, end, nxt = sentence_bounds(text, lo, hi)
    content = _content_span(text, lo, hi, row["content_text"])
    for f in frames:
        fs, fe = int(f["start"]) - ws, int(f["end"]) - ws
        if fe <= prev or fs >= nxt:
            continue
        if content and content[0] <= fs and fe <= content[1]:
            where = "in quote"
        elif fe > start and fs < end:
            where = "same"
        else:
            where = "around"
        out["frames"].append({"start": int(f["start"]), "end": int(f["end"]), "text": f["text"],
                              "technique": f["technique"], "score": round(float(f["score"]), 3), "where": where})
    if out["frames"]:
        out["context"] = {"start": ws + prev, "text": text[prev:nxt], "statement": [ws + lo, ws + hi],
                          "content": [ws + content[0], ws + content[1]] if content else None}
    return out


def _content_span(text: str, lo: int, hi: int, content: str | None) -> tuple[int, int] | None:
    """Where the quoted content lies in the window (within the statement's extent)."""
    if not content:
        return None
    at = text.find(content, lo, hi)
    return (at, at + len(content)) if at >= 0 else None


def wrapped(statement: dict[str, Any]) -> bool:
    """True when the outlet's words around the statement (same or around sentence) hold framing."""
    return any(f["where"] in ("same", "around") for f in statement["frames"])


def framing_summary(rows: list[dict[str, Any]], groups: list[dict[str, Any]]) -> dict[str, Any]:
    """A speaker's framing × attribution summary from their statement rows (``queries.speaker_framing_rows``)
    and quote-variant groups (``web.precompute.page_variants``): outlets, same_statement, statements,
    wrapped. ``update_speakers`` stores it per speaker (``speaker_framing``) as JSON."""
    statements = [classify(r) for r in rows]
    by_outlet: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
    for s in statements:
        by_outlet[s["outlet"]].append(s)
    outlets = [_outlet_summary(name, rows) for name, rows in by_outlet.items()]
    outlets.sort(key=lambda o: (-(o["wrapped_share"] or 0), -o["statements"], o["outlet"] or ""))
    index = {(s["article_id"], s["idx"]): s for s in statements}
    return {"outlets": outlets, "same_statement": _same_statement(groups, index),
            "statements": len(statements), "wrapped": sum(1 for s in statements if wrapped(s))}


def speaker_framing(cur: duckdb.DuckDBPyConnection, cache: LRU, speaker_id: str) -> dict[str, Any] | None:
    """Per outlet: the speaker's statements, how many are wrapped in framing, by technique, with examples;
    and the speaker's statements reported by several outlets with the framing around each report.

    Read from the ``speaker_framing`` table that ``presslens ingest`` keeps; a database written
    before that table existed gets the same summary computed here, once per speaker.
    """

    def compute() -> dict[str, Any] | None:
        profile = speaker_profile(cur, cache, speaker_id)
        if profile is None:
            return None
        summary = queries.stored_speaker_framing(cur, speaker_id)
        if summary is None:
            summary = framing_summary(queries.records(queries.speaker_framing_rows(cur, speaker_id)),
                                      variants(cur, cache, speaker_id))
        elif not summary:  # no row: the speaker has no statements with a span and no variants
            summary = framing_summary([], [])
        return {"speaker": profile["speaker"], **summary}

    return cache.get(("speaker-framing", speaker_id), compute)


def _outlet_summary(outlet: str | None, rows: list[dict[str, Any]]) -> dict[str, Any]:
    hits = [s for s in rows if wrapped(s)]
    where = Counter(f["where"] for s in rows for f in s["frames"])
    techniques = Counter(f["technique"] for s in rows for f in s["frames"] if f["where"] != "in quote")
    return {"outlet": outlet, "statements": len(rows), "wrapped": len(hits),
            "wrapped_share": round(len(hits) / len(rows), 4) if rows else None,
            "spans_same": where["same"], "spans_around": where["around"], "spans_in_quote": where["in quote"],
            "techniques": dict(techniques.most_common()),
            "examples": [s for s in rows if s["frames"]][:EXAMPLES_PER_OUTLET]}


def _same_statement(groups: list[dict[str, Any]], index: dict[tuple[str, int], dict[str, Any]]) -> list[dict[str, Any]]:
    """The speaker's quote-variant groups reported by several outlets, each report with its framing."""
    out = []
    for g in groups:
        if g.get("outlets", 0) < 2:
            continue
        reports = []
        for v in g["variants"]:
            s = index.get((v["article_id"], int(v["idx"])))
            frames = [f for f in (s["frames"] if s else []) if f["where"] != "in quote"]
            reports.append({**v, "frames": frames, "context": s["context"] if s and frames else None})
        out.append({"reference": g["reference"], "articles": g["articles"], "outlets": g["outlets"],
                    "wordings": g["wordings"], "reports": reports})
    return out


def outlet_comparison(cur: duckdb.DuckDBPyConnection, cache: LRU, *, speakers: int = 5,
                      groups: int = 6) -> list[dict[str, Any]]:
    """For the outlets page: statements of the ``speakers`` most-quoted speakers reported by several outlets
    (at most ``groups``, most outlets first), each report with its wording drift and the framing around it."""

    def compute() -> list[dict[str, Any]]:
        found = []
        for row in queries.records(queries.speakers(cur, limit=speakers)):
            result = speaker_framing(cur, cache, row["speaker_id"])
            for g in (result or {}).get("same_statement", []):
                found.append({"speaker_id": row["speaker_id"], "speaker": row["name"], **g})
        found.sort(key=lambda g: (-g["outlets"], -sum(bool(r["frames"]) for r in g["reports"]), -g["articles"]))
        return found[:groups]

    return cache.get(("outlet-comparison", speakers, groups), compute)


def framing_rows_csv(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The per-outlet summary as flat rows (the CSV twin)."""
    return [{"outlet": o["outlet"], "statements": o["statements"], "wrapped": o["wrapped"],
             "wrapped_share": o["wrapped_share"], "spans_same": o["spans_same"], "spans_around": o["spans_around"],
             "spans_in_quote": o["spans_in_quote"],
             "techniques": "; ".join(f"{t}={n}" for t, n in o["techniques"].items())} for o in result["outlets"]]
