"""Time the date and quantity extractors against the spaCy parse they run on.

Parses the ``.txt`` files under ``/work/shared/data/polnear/dev/text/`` (or a folder given as the
first argument) with ``nlp.pipe``, then times ``find_dates`` and ``find_quantities`` (whole article,
and once per sentence as the claims extractor calls it) on the parsed docs, and prints the cost per
article and as a share of the parse time. Exits 0 with a note when the folder is missing.

    .venv/bin/python benchmarks/dates_speed.py [FOLDER] [--limit N]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

DEFAULT_DIR = Path("/work/shared/data/polnear/dev/text")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR, help="folder of .txt articles")
    parser.add_argument("--limit", type=int, default=0, help="use at most this many files (0: all)")
    args = parser.parse_args(argv)

    files = sorted(args.folder.glob("*.txt")) if args.folder.is_dir() else []
    if args.limit > 0:
        files = files[: args.limit]
    if not files:
        print(f"no .txt files under {args.folder}; nothing to measure")
        return 0

    from presslens.extract.dates import find_dates
    from presslens.extract.quantities import find_quantities
    from presslens.nlp import load

    nlp = load()
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    published = [_date_in_name(f.name) for f in files]

    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_dates = sum(len(find_dates(doc, pub)) for doc, pub in zip(docs, published, strict=True))
    dates = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_quantities = sum(len(find_quantities(doc)) for doc in docs)
    quantities = time.perf_counter() - t0

    t0 = time.perf_counter()
    for doc in docs:
        for sent in doc.sents:
            find_quantities(doc, sent.start_char, sent.end_char)
    per_sentence = time.perf_counter() - t0

    n = len(docs)
    print(f"{n} articles, {sum(map(len, texts)) / n:,.0f} characters and {sum(map(len, docs)) / n:,.0f} tokens each")
    print(f"spaCy parse            {1000 * parse / n:8.1f} ms/article")
    for name, secs, count in (
        ("find_dates", dates, n_dates),
        ("find_quantities", quantities, n_quantities),
        ("  again per sentence", per_sentence, None),
    ):
        found = f"  ({count / n:.1f} found per article)" if count is not None else ""
        print(f"{name:22} {1000 * secs / n:8.2f} ms/article  {100 * secs / parse:5.2f}% of parse{found}")
    return 0


def _date_in_name(name: str) -> str | None:
    """PolNeAR file names carry the publication date: ``outlet_2016-09-12_slug.txt``."""
    m = re.search(r"(\d{4}-\d{2}-\d{2})", name)
    return m.group(1) if m else None


if __name__ == "__main__":
    sys.exit(main())
