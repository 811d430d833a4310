"""The speaker and claims pages' derived tables, computed whenever the speakers are (``corpus.update_speakers``).

A speaker page shows the quote variants among the speaker's ``PAGE_VARIANT_QUOTES`` most recent
quotes, so that one page stays bounded (``presslens.corpus.find_variants`` covers everything).
``write_speaker_pages`` stores each speaker's quotes together (``quotes_by_speaker``), their
variants (``speaker_variants``, JSON text), each claim's corpus speaker (``claim_speakers``) and reports
elsewhere (``claim_echoes``), each article's attributions (``article_counts``) and each
speaker's framing × attribution summary (``speaker_framing``, JSON text), so a page reads them
instead of computing them at every first view; a database from before those tables gets the same
computed on demand (``presslens.web.data.variants``, ``presslens.web.wrapping.speaker_framing``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

import duckdb

from presslens import queries
from presslens.corpus.variants import VariantSettings, group_quotes, iso_or_same, normalise_quote, word_diff

PAGE_VARIANT_QUOTES = 500
PAGE_VARIANT_GROUPS = 20
PAGE_VARIANTS_SHOWN = 12
PAGE_VARIANT_SETTINGS = VariantSettings(max_bucket=300)


def page_variants(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A speaker page's quote variants from the speaker's most recent quotes, newest first.

    ``rows`` have the columns of ``queries.speaker_quotes`` (``quote``, ``said_on``, ``published``,
    ``outlet``, ``title``, ``url`` …). At most ``PAGE_VARIANT_GROUPS`` groups, most widely reported
    first, each with ``PAGE_VARIANTS_SHOWN`` of its reports (one per wording first) and their word
    differences from the most common wording.
    """
    rows = [r for r in rows if r.get("quote")]
    members = group_quotes([r["quote"] for r in rows], [r["article_id"] for r in rows], PAGE_VARIANT_SETTINGS)
    groups = [_ranked_group([rows[i] for i in group]) for group in members]
    groups.sort(key=lambda g: (-g["articles"], -g["wordings"], g["reference"]))
    return [_shown_group(g) for g in groups[:PAGE_VARIANT_GROUPS]]


def _ranked_group(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """One group's counts, its rows most common wording first, and that wording as the reference."""
    norms = [normalise_quote(r["quote"]) for r in rows]
    wordings = Counter(norms)
    order = sorted(
        range(len(rows)),
        key=lambda i: (
            -wordings[norms[i]],
            str(rows[i]["said_on"] or rows[i]["published"] or "9"),
            rows[i]["outlet"] or "",
            rows[i]["article_id"],
            rows[i]["idx"],
        ),
    )
    ranked = [(rows[i], norms[i]) for i in order]
    first = ranked[0][0]
    return {
        "speaker_id": first["speaker_id"],
        "speaker": first["speaker"],
        "reference": first["quote"],
        "articles": len({r["article_id"] for r in rows}),
        "outlets": len({r["outlet"] for r in rows}),
        "wordings": len(wordings),
        "reports": len(rows),
        "ranked": ranked,
    }


def _shown_group(group: dict[str, Any]) -> dict[str, Any]:
    """The group as shown: up to ``PAGE_VARIANTS_SHOWN`` reports, each with its differences from the reference."""
    ranked = group.pop("ranked")
    reference = group["reference"]
    seen: set[str] = set()
    first, rest = [], []
    for row, key in ranked:  # one report per wording first, then the others
        (rest if key in seen else first).append(row)
        seen.add(key)
    group["variants"] = [
        {
            "article_id": r["article_id"],
            "idx": r["idx"],
            "text": r["quote"],
            "outlet": r["outlet"],
            "said_on": iso_or_same(r["said_on"] or r["published"]),
            "published": iso_or_same(r["published"]),
            "title": r["title"],
            "url": r["url"],
            "diff": [list(op) for op in word_diff(reference, r["quote"])],
        }
        for r in (first + rest)[:PAGE_VARIANTS_SHOWN]
    ]
    return group


def write_speaker_pages(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute the derived tables of the speaker, claims and framing pages (``store.DERIVED_DDL``) inside
    the caller's transaction.

    ``quotes_by_speaker`` is written in page order, so one speaker's quotes sit together on disk;
    ``speaker_variants`` gets one row (JSON text) per speaker with quote variants; ``claim_speakers``
    each claim's corpus speaker; ``speaker_framing`` one row (JSON text) per speaker with
    statements or variants; ``article_words`` each article's words; ``claim_echoes`` each claim's
    reports in other articles; ``article_counts`` each article's attributions. The caller unregisters
    ``queries.PAGE_VIEWS`` afterwards.
    """
    queries.refill_quotes_by_speaker(con)
    queries.refill_claim_speakers(con)
    queries.refill_article_words(con)
    queries.refill_claim_echoes(con)
    queries.refill_article_counts(con)
    groups = _write_page_variants(con)
    _write_speaker_framing(con, groups)


def _speaker_blocks(reader: Any) -> Iterator[list[dict[str, Any]]]:
    """The rows of a reader sorted by speaker_id, one speaker's rows at a time."""
    block: list[dict[str, Any]] = []
    for batch in reader:
        for row in batch.to_pylist():
            if block and row["speaker_id"] != block[0]["speaker_id"]:
                yield block
                block = []
            block.append(row)
    if block:
        yield block


def _write_page_variants(con: duckdb.DuckDBPyConnection) -> dict[str, list[dict[str, Any]]]:
    """Group each speaker's most recent quotes (``page_variants``) into ``speaker_variants``; returns the
    groups by speaker (speakers with groups only)."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for block in _speaker_blocks(queries.recent_speaker_quotes(con, PAGE_VARIANT_QUOTES)):
        found = page_variants(block) if len(block) > 1 else []
        if found:
            groups[block[0]["speaker_id"]] = found
    queries.replace_page_variants(
        con, [{"speaker_id": sid, "groups": json.dumps(g, ensure_ascii=False)} for sid, g in groups.items()]
    )
    return groups


def _write_speaker_framing(con: duckdb.DuckDBPyConnection, groups: dict[str, list[dict[str, Any]]]) -> None:
    """Each speaker's framing × attribution summary (``web.wrapping.framing_summary``) into ``speaker_framing``."""
    # (imported here: wrapping reads the pages' data, which imports this module)
    from presslens.web.wrapping import framing_summary

    stored: list[dict[str, str]] = []
    done: set[str] = set()
    for block in _speaker_blocks(queries.all_speaker_framing_rows(con)):
        sid = block[0]["speaker_id"]
        done.add(sid)
        stored.append(
            {
                "speaker_id": sid,
                "summary": json.dumps(framing_summary(block, groups.get(sid, [])), ensure_ascii=False),
            }
        )
    for sid in sorted(set(groups) - done):  # variants but no statement with a span
        stored.append(
            {"speaker_id": sid, "summary": json.dumps(framing_summary([], groups[sid]), ensure_ascii=False)}
        )
    queries.replace_speaker_framing(con, stored)
