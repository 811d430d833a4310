"""CSV twins of the table pages (``/api/….csv``, Datasette's convention): the JSON twin's rows, flattened.

Each item of the JSON list becomes one CSV row: nested objects give dotted column names
(``article.title``), lists of plain values are joined with ``; ``, lists of objects are written as
JSON text. A text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a
leading apostrophe, so a spreadsheet opening the file does not run it as a formula.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

from fastapi.responses import Response

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def flatten(item: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """One JSON item as a flat row (see the module docstring)."""
    out: dict[str, Any] = {}
    for key, value in item.items():
        name = prefix + str(key)
        if isinstance(value, Mapping):
            out.update(flatten(value, name + "."))
        elif isinstance(value, list | tuple):
            if all(not isinstance(v, Mapping | list | tuple) for v in value):
                out[name] = "; ".join("" if v is None else str(v) for v in value)
            else:
                out[name] = json.dumps(value, ensure_ascii=False)
        else:
            out[name] = value
    return out


def cell(value: Any) -> Any:
    """A value as written to the CSV: None empty, booleans as true/false, formula-like text defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(items: Iterable[Mapping[str, Any]]) -> str:
    """The items as CSV text with a header row (columns in first-seen order)."""
    rows = [flatten(i) for i in items]
    columns: list[str] = []
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return buffer.getvalue()


def csv_response(items: Iterable[Mapping[str, Any]], filename: str) -> Response:
    """A CSV answer (UTF-8, shown inline, with a file name for saving)."""
    return Response(to_csv(items), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'inline; filename="{filename}"'})
