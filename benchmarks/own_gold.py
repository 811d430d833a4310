"""Check the gold of articles we wrote ourselves (``benchmarks/data/outlets-*``).

PolNeAR covers one month of US politics from seven outlets. The project is also judged on wire
copy, broadcasters, state media and Canadian papers, so these folders hold short articles written
by the team in those styles (never copied from a real outlet) with their reported statements
annotated by hand. Each article is two files side by side: ``<name>.txt`` (the text) and
``<name>.json``:

    {"article": "<name>", "split": "own", "style": "wire",
     "attributions": [{"type": "indirect", "content": [[s, e]], "content_text": ["…"],
                       "cue": [[s, e]], "cue_text": "said", "source": [[s, e]], "source_text": "she",
                       "name": "Anna Berg", "aliases": ["Berg"], "kind": "person"}, ...]}

Offsets are character offsets into the ``.txt`` file (end exclusive); ``*_text`` repeat the spans
so that a typo in an offset is caught. ``name``, ``aliases`` and ``kind`` follow the rules of
``data/speakers/README.md``; ``type`` is ``direct``, ``indirect`` or ``mixed``.

    .venv/bin/python benchmarks/own_gold.py benchmarks/data/outlets-a   # check every file
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

TYPES = {"direct", "indirect", "mixed"}
KINDS = {"person", "organization", "group", "document", "unknown"}


def problems(path: Path) -> list[str]:
    """What is wrong with one gold file (empty when it is sound)."""
    record = json.loads(path.read_text(encoding="utf-8"))
    text_path = path.with_suffix(".txt")
    if not text_path.exists():
        return [f"{path.name}: no {text_path.name} beside it"]
    text = text_path.read_text(encoding="utf-8")
    out = []
    if record.get("article") != path.stem:
        out.append(f"{path.name}: article should be {path.stem!r}")
    for i, row in enumerate(record.get("attributions", [])):
        where = f"{path.name}[{i}]"
        if row.get("type") not in TYPES:
            out.append(f"{where}: type {row.get('type')!r} not one of {sorted(TYPES)}")
        if row.get("kind") not in KINDS:
            out.append(f"{where}: kind {row.get('kind')!r} not one of {sorted(KINDS)}")
        if not row.get("content"):
            out.append(f"{where}: no content")
        spans = [
            ("content", f, t)
            for f, t in zip(row.get("content", []), row.get("content_text", []), strict=False)
        ]
        if len(row.get("content", [])) != len(row.get("content_text", [])):
            out.append(f"{where}: content and content_text differ in length")
        for field in ("cue", "source"):
            frags = row.get(field, [])
            if len(frags) > 1:
                out.append(f"{where}: {field} should be one span")
            if frags:
                spans.append((field, frags[0], row.get(f"{field}_text", "")))
            elif row.get(f"{field}_text"):
                out.append(f"{where}: {field}_text without {field} offsets")
        for field, (start, end), written in spans:
            if not (0 <= start < end <= len(text)) or text[start:end] != written:
                out.append(f"{where}: {field} {start}:{end} is {text[start:end]!r}, not {written!r}")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folders", nargs="+", type=Path, help="folders of <name>.txt and <name>.json")
    args = p.parse_args(argv)
    found = [
        problem
        for folder in args.folders
        for path in sorted(folder.glob("*.json"))
        for problem in problems(path)
    ]
    print("\n".join(found) or "all gold files are sound")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
