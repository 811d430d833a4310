"""Metadata for articles whose files carry none: a sidecar file (CSV or JSONL) and run-wide values.

A sidecar row names an input by ``path`` (as given on the command line, or any path that
resolves to the same file; relative paths are tried from the current folder and from the
sidecar's folder) or by ``id`` (the article's content id, or the ``id`` of its JSONL record), and
gives any of ``title``, ``outlet``, ``published`` (YYYY-MM-DD), ``author`` and ``url``.

What wins: a sidecar row, then the run-wide values (``--outlet``, ``--published``, ``--title``),
then what the document says of itself (HTML metadata, JSONL fields, a text's headline).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from presslens.schema import Article, InputError

FIELDS = ("title", "outlet", "published", "author", "url")
KEYS = ("path", "id")
MAX_SIDECAR_BYTES = 200_000_000


class MetadataError(ValueError):
    """A sidecar file or value that cannot be used; the message is one clear line."""


def check_date(value: str, where: str) -> str:
    """A YYYY-MM-DD day, normalised, or MetadataError naming ``where``."""
    text = value.strip()
    day = text[:10] if len(text) > 10 and text[10] in "T " else text  # a timestamp gives its day
    try:
        return date.fromisoformat(day).isoformat()
    except ValueError:
        raise MetadataError(f"{where}: published {value!r} is not a date in YYYY-MM-DD form") from None


def _resolved(path: str) -> str:
    try:
        return str(Path(path).expanduser().resolve())
    except (OSError, RuntimeError):
        return path


@dataclass
class Metadata:
    """The metadata to apply to a run's articles; ``apply`` sets it on each Article as it is read."""

    run: dict[str, str] = field(default_factory=dict)  # for every article of the run
    by_path: dict[str, dict[str, str]] = field(default_factory=dict)  # keys: resolved paths
    by_id: dict[str, dict[str, str]] = field(default_factory=dict)
    rows: dict[str, str] = field(default_factory=dict)  # row key -> how the sidecar named it
    used: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.run or self.by_path or self.by_id)

    def row_for(self, article: Article) -> dict[str, str] | None:
        """The sidecar row naming this article, if any (marked as used)."""
        keys = [f"id:{article.id}", f"id:{article.source_id}"] if article.source_id else [f"id:{article.id}"]
        for key in keys:
            row = self.by_id.get(key[3:])
            if row is not None:
                self.used.add(key)
                return row
        if article.origin:
            resolved = _resolved(article.origin)
            row = self.by_path.get(resolved)
            if row is not None:
                self.used.add(f"path:{resolved}")
                return row
        return None

    def apply(self, item: Article | InputError) -> Article | InputError:
        """Set the run-wide values and then the sidecar row's on an Article (errors pass through)."""
        if isinstance(item, Article):
            for values in (self.run, self.row_for(item) or {}):
                for name, value in values.items():
                    setattr(item, name, value)
        return item

    def apply_all(self, items: Iterable[Article | InputError]) -> Iterator[Article | InputError]:
        """``apply`` over a stream."""
        for item in items:
            yield self.apply(item)

    def unused(self) -> list[str]:
        """How the sidecar named the rows that matched no article, in file order."""
        return [shown for key, shown in self.rows.items() if key not in self.used]


def run_values(title: str | None = None, outlet: str | None = None, published: str | None = None,
               author: str | None = None, url: str | None = None) -> dict[str, str]:
    """The run-wide values that were given, ``published`` checked."""
    values = {"title": title, "outlet": outlet, "published": published, "author": author, "url": url}
    out = {k: v for k, v in values.items() if v not in (None, "")}
    if "published" in out:
        out["published"] = check_date(out["published"], "--published")
    return out


def load_metadata(path: str | Path | None = None, **run: str | None) -> Metadata:
    """The run-wide values and, from ``path`` (CSV with a header row, or JSONL), the per-article rows."""
    meta = Metadata(run=run_values(**run))
    if path is None:
        return meta
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MetadataError(f"{path}: cannot read the metadata file: {exc.strerror or exc}") from None
    if len(data) > MAX_SIDECAR_BYTES:
        raise MetadataError(f"{path}: metadata file larger than {MAX_SIDECAR_BYTES // 1_000_000} MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MetadataError(f"{path}: invalid UTF-8 at byte {exc.start}; save the file as UTF-8") from None
    jsonl = path.name.lower().endswith((".jsonl", ".ndjson")) or text.lstrip().startswith("{")
    rows = _jsonl_rows(text, path) if jsonl else _csv_rows(text, path)
    for where, row in rows:
        _add(meta, row, where, path.parent)
    return meta


def _csv_rows(text: str, path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if not header:
        raise MetadataError(f"{path}: empty metadata file; the first row names the columns "
                            f"({' or '.join(KEYS)}, then any of {', '.join(FIELDS)})")
    _check_columns(header, path)
    reader.fieldnames = header
    try:
        for number, row in enumerate(reader, start=2):
            if None in row:
                raise MetadataError(f"{path}:{number}: more values than columns")
            yield f"{path}:{number}", {k: (v or "").strip() for k, v in row.items()}
    except csv.Error as exc:
        raise MetadataError(f"{path}:{reader.line_num}: {exc}") from None


def _jsonl_rows(text: str, path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise MetadataError(f"{path}:{number}: malformed JSON: {exc.msg}") from None
        if not isinstance(row, dict):
            raise MetadataError(f"{path}:{number}: each line must be a JSON object")
        row = {str(k).lower(): v for k, v in row.items()}
        _check_columns(list(row), path, number)
        yield f"{path}:{number}", {k: "" if v is None else str(v).strip() for k, v in row.items()}


def _check_columns(names: list[str], path: Path, number: int | None = None) -> None:
    where = f"{path}:{number}" if number else str(path)
    unknown = [n for n in names if n not in (*KEYS, *FIELDS)]
    if unknown:
        raise MetadataError(f"{where}: unknown column(s) {', '.join(unknown)}; the columns are "
                            f"{' or '.join(KEYS)}, then any of {', '.join(FIELDS)}")
    if not any(k in names for k in KEYS):
        raise MetadataError(f"{where}: no path or id column to say which article a row is for")


def _add(meta: Metadata, row: dict[str, str], where: str, base: Path) -> None:
    values = {k: row[k] for k in FIELDS if row.get(k)}
    if "published" in values:
        values["published"] = check_date(values["published"], where)
    if row.get("id"):
        key, shown, target = f"id:{row['id']}", row["id"], meta.by_id
        name = row["id"]
    elif row.get("path"):
        given = row["path"]
        candidates = {_resolved(given), _resolved(str(base / given))}
        name = next((c for c in candidates if Path(c).exists()), _resolved(given))
        key, shown, target = f"path:{name}", given, meta.by_path
    else:
        raise MetadataError(f"{where}: the row has neither a path nor an id")
    if key in meta.rows:
        raise MetadataError(f"{where}: {shown} is named twice in the metadata file")
    meta.rows[key] = shown
    target[name] = values
