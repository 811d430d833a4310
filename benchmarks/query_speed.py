"""Query speed on a synthetic 100k-attribution corpus built through the store API.

    .venv/bin/python benchmarks/query_speed.py [--attributions 100000] [--runs 20] [--db path]

Builds (or reuses, with ``--db``) a corpus of synthetic articles, each quoting five speakers drawn
from a pool of names written in several forms ("Angela Merkel", "Merkel", "Chancellor Merkel"),
writes it with ``Store.write`` in batches, recomputes speakers, then times the named queries the
CLI and web app use: ``quotes(speaker="Merkel", contains="refugees")`` (target < 200 ms), the
same with pagination, the speakers listing, one article's detail and the variant grouping of one
speaker (a fifth of the quotes repeat one of the speaker's 30 recurring statements, half of those
with one word changed). Also reports how long ``update_speakers`` takes on the whole corpus. Prints a markdown table of median and 95th-percentile times.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from presslens import queries
from presslens.corpus import find_variants, update_speakers
from presslens.schema import Analysis, Article, Attribution, Entity, Source, Span
from presslens.store import Store, connect

PER_ARTICLE = 5
FIRST = ["Angela", "Olaf", "Emmanuel", "Boris", "Joe", "Ursula", "Pedro", "Giorgia", "Mark", "Mette", "Viktor",
         "Jacinda", "Justin", "Narendra", "Cyril", "Luiz", "Fumio", "Anthony", "Recep", "Kyriakos"]
LAST = ["Merkel", "Scholz", "Macron", "Johnson", "Biden", "Leyen", "Sanchez", "Meloni", "Rutte", "Frederiksen",
        "Orban", "Ardern", "Trudeau", "Modi", "Ramaphosa", "Silva", "Kishida", "Albanese", "Erdogan", "Mitsotakis"]
TITLES = ["Chancellor", "President", "Prime Minister", "Minister", "Senator"]
WORDS = ("economy budget refugees border climate energy prices inflation security police schools hospitals "
         "taxes growth jobs housing transport farmers trade europe alliance elections reform pensions").split()
OUTLETS = ["spiegel", "reuters", "bbc", "guardian", "lemonde", "elpais", "nyt", "ap"]


def speaker_forms(rng: random.Random, first: str, last: str) -> str:
    return rng.choice([f"{first} {last}", f"{first} {last}", last, f"{rng.choice(TITLES)} {last}"])


VOCABULARY = [a + b + c for a in ("ba", "ko", "mi", "tu", "re", "sa", "lo", "ne", "vi", "da")
              for b in ("r", "n", "l", "s", "t", "m") for c in ("a", "o", "e", "um", "is", "ent")] + WORDS


def fresh_statement(rng: random.Random) -> str:
    """A statement made once: random words from a 380-word vocabulary, a tenth mention refugees."""
    words = [rng.choice(VOCABULARY) for _ in range(rng.randint(8, 20))]
    if rng.random() < 0.1:
        words[rng.randrange(len(words))] = "refugees"
    return " ".join(words)


def reported_statement(rng: random.Random, speaker: int) -> str:
    """One of a speaker's 30 recurring statements, sometimes with one word changed (a wording variant)."""
    fixed = random.Random(speaker * 1000 + rng.randrange(30))
    words = [fixed.choice(WORDS) + str(fixed.randrange(100)) for _ in range(fixed.randint(8, 16))]
    if rng.random() < 0.5:
        words[rng.randrange(len(words))] = rng.choice(WORDS)
    return " ".join(words)


def synthetic_article(rng: random.Random, n: int) -> Analysis:
    """An article with PER_ARTICLE attributions by random speakers; the full name is always mentioned once."""
    text = f"Report {n}. "
    attributions, entities = [], []
    for i in range(PER_ARTICLE):
        k = rng.randrange(len(LAST))
        first, last = FIRST[k], LAST[k]
        name = speaker_forms(rng, first, last)
        quote = reported_statement(rng, k) if rng.random() < 0.2 else fresh_statement(rng)
        start = len(text) + 1
        text += f'"{quote}," {name} said. '
        m = len(text) - len(name) - 7
        attributions.append(Attribution("direct", Span.of(text, start, start + len(quote)),
                                        Span.of(text, m + len(name) + 1, m + len(name) + 5),
                                        Source(name, "person", Span.of(text, m, m + len(name)), f"e{i}")))
        text += f"{first} {last} spoke in the capital. "
        p = len(text) - len(first) - len(last) - 24
        entities.append(Entity(f"e{i}", f"{first} {last}", "person", [name],
                               [Span.of(text, p, p + len(first) + len(last) + 1)]))
    day = f"20{rng.randint(15, 23)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return Analysis(Article(text=text, outlet=rng.choice(OUTLETS), published=day, title=f"Report {n}"),
                    attributions, entities)


def build(db: Path, attributions: int, batch: int = 1000) -> float:
    rng = random.Random(11)
    start = time.perf_counter()
    with Store(db) as store:
        articles = attributions // PER_ARTICLE
        for offset in range(0, articles, batch):
            store.write([synthetic_article(rng, n) for n in range(offset, min(offset + batch, articles))])
        t = time.perf_counter()
        update = update_speakers(store.con)
        print(f"update_speakers: {time.perf_counter() - t:.2f} s for {update.linked} (article, name) pairs, "
              f"{update.speakers} speakers", file=sys.stderr)
    return time.perf_counter() - start


def timed(fn, runs: int) -> tuple[float, float, int]:  # noqa: ANN001
    times, rows = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        rows = fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attributions", type=int, default=100_000, help="Attributions to generate.")
    parser.add_argument("--runs", type=int, default=20, help="Timed runs per query.")
    parser.add_argument("--db", type=Path, default=None, help="Reuse (or create) this database.")
    args = parser.parse_args(argv)
    db = args.db or Path(tempfile.mkdtemp(prefix="presslens-q-")) / "synthetic.duckdb"
    if not db.exists():
        seconds = build(db, args.attributions)
        print(f"built {db} in {seconds:.1f} s", file=sys.stderr)
    con = connect(db, read_only=True)
    stats = queries.stats(con)
    some_article = queries.records(queries.articles(con, limit=1))[0]["id"]
    cases = {
        'quotes(speaker="Merkel", contains="refugees")':
            lambda: len(queries.quotes(con, speaker="Merkel", contains="refugees").fetchall()),
        'quotes(speaker="Merkel", contains="refugees", since=2020-01-01)':
            lambda: len(queries.quotes(con, speaker="Merkel", contains="refugees", since="2020-01-01").fetchall()),
        "quotes(...) count, all pages": lambda: queries.count(queries.quotes(con, speaker="Merkel",
                                                                              contains="refugees", limit=None)),
        "quotes(...) page 50 (offset 5000)":
            lambda: len(queries.quotes(con, contains="refugees", limit=100, offset=5000).fetchall()),
        "speakers(limit=20)": lambda: len(queries.speakers(con, limit=20).fetchall()),
        "article(id) detail": lambda: len(queries.article(con, some_article)["attributions"]),
        'variants(speaker="Merkel")': lambda: len(find_variants(con, speaker="Merkel")),
    }
    print(f"\ncorpus: {stats['articles']} articles, {stats['attributions']} attributions, "
          f"{stats['speakers']} speakers\n")
    print("| query | median ms | p95 ms | rows |")
    print("|---|---:|---:|---:|")
    for label, fn in cases.items():
        runs = 3 if label.startswith("variants") else args.runs
        median, p95, rows = timed(fn, runs)
        print(f"| `{label}` | {median:.1f} | {p95:.1f} | {rows} |")
    con.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
