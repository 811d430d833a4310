"""JSON Lines dumps (optionally gzipped): one article per line with ``text`` or ``html``."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

from presslens.schema import Article, InputError
from presslens.sources.decode import without_surrogates
from presslens.sources.html import article_from_html

META_FIELDS = ("url", "title", "published", "outlet", "author", "id")


def iter_jsonl(path: Path) -> Iterator[Article | InputError]:
    """Stream the articles of a .jsonl or .jsonl.gz file; a bad line yields an InputError and reading goes on."""
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if raw.strip():
                    yield _parse_line(raw, f"{path}:{number}")
    except (OSError, EOFError) as exc:
        yield InputError(str(path), f"cannot read file: {exc}")


def _parse_line(raw: bytes, origin: str) -> Article | InputError:
    try:
        record = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return InputError(origin, f"malformed JSON: {exc}")
    if not isinstance(record, dict):
        return InputError(origin, "each line must be a JSON object")
    # JSON may escape unpaired surrogates ("\ud800"), which no UTF-8 consumer accepts: replace them.
    meta = {k: without_surrogates(str(record[k])) for k in META_FIELDS if record.get(k) not in (None, "")}
    try:
        if isinstance(record.get("text"), str) and record["text"].strip():
            return Article(text=without_surrogates(record["text"]), origin=origin, **meta)
        if isinstance(record.get("html"), str):
            article = article_from_html(without_surrogates(record["html"]), origin=origin, url=meta.get("url"))
            for key, value in meta.items():
                setattr(article, key, value)
            return article
    except InputError as exc:
        return exc
    return InputError(origin, 'no "text" or "html" field with content')
