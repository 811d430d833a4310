"""The most quoted speakers of PolNeAR ``train`` after corpus-wide speaker identity, as a markdown table.

    .venv/bin/python benchmarks/speakers_table.py [--workers 2] [--top 30] [--db polnear.duckdb] [--limit N]

Ingests the PolNeAR training texts (attributions only; other extractors do not affect speakers)
into a database (reused when ``--db`` already exists), then prints the ``--top`` speakers with
their speaker id, quotes, articles and aliases, followed by how many attributions were linked to
a speaker. Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from presslens import queries
from presslens.ingest import ingest
from presslens.pipeline import Options
from presslens.store import connect

DATA = Path("/work/shared/data/polnear/train/text")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="Folder of PolNeAR train .txt files.")
    parser.add_argument("--db", type=Path, default=None, help="Database to build or reuse.")
    parser.add_argument("--workers", type=int, default=2, help="Worker processes for the ingest.")
    parser.add_argument("--top", type=int, default=30, help="Speakers to list.")
    parser.add_argument("--limit", type=int, default=None, help="Ingest at most this many articles.")
    parser.add_argument("--aliases", type=int, default=8, help="Aliases to show per speaker.")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"skipped: {args.data} is absent", file=sys.stderr)
        return 0
    db = args.db or Path(tempfile.mkdtemp(prefix="presslens-speakers-")) / "polnear-train.duckdb"
    if not db.exists():
        paths = sorted(str(p) for p in args.data.glob("*.txt"))[: args.limit]
        stats = ingest(paths, db=db, workers=args.workers, options=Options(extractors=("attributions",)))
        print(f"ingested {stats.added} articles in {stats.seconds:.0f} s into {db}", file=sys.stderr)
    con = connect(db, read_only=True)
    rows = queries.records(queries.speakers(con, limit=args.top))
    totals = con.execute("SELECT count(*), count(speaker_id), count(DISTINCT speaker_id) FROM attributions"
                         ).fetchall()[0]
    con.close()
    print("| # | speaker | id | kind | quotes | articles | aliases |")
    print("|---:|---|---|---|---:|---:|---|")
    for rank, r in enumerate(rows, start=1):
        aliases = ", ".join(r["aliases"][: args.aliases]) + (" …" if len(r["aliases"]) > args.aliases else "")
        print(f"| {rank} | {r['name']} | `{r['speaker_id']}` | {r['kind']} | {r['quotes']} | {r['articles']} | "
              f"{aliases.replace('|', '/')} |")
    print(f"\n{totals[0]} attributions, {totals[1]} linked to {totals[2]} speakers "
          f"({totals[1] / max(totals[0], 1):.0%}).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
