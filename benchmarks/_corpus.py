"""The benchmark corpus: real article texts read from ../shared/data (never copied into the repo)."""

from __future__ import annotations

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def article_paths(limit: int | None = None) -> list[Path]:
    """Every ``.txt`` article under the shared data sets (PolNeAR texts, PTC articles), sorted."""
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent", file=sys.stderr)
        raise SystemExit(0)
    paths = sorted(p for p in DATA.rglob("*.txt") if "/annotation-guidelines/" not in str(p)
                   and not p.name.startswith(("ORIGINAL_", "ORGANIZERS_", "techniques")))
    paths = [p for p in paths if "articles" in p.parent.name or p.parent.name == "text"]
    return paths[:limit] if limit else paths


def read_texts(paths: list[Path]) -> list[str]:
    """The texts, decoded as UTF-8 with replacement (the benchmark measures parsing, not reading)."""
    return [p.read_bytes().decode("utf-8", "replace") for p in paths]
