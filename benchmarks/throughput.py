"""Throughput: bare spaCy ``nlp.pipe`` versus presslens end to end, on the same texts in one run.

    python benchmarks/throughput.py --limit 300 [--workers 2] [--extract attributions,dates]
                                    [--framing-model base|minilm|mpnet]

Reads the ``.txt`` articles under ../shared/data (skips cleanly when absent), excludes file
reading from the timings, and reports words per second for: bare ``nlp.pipe`` with the same model,
presslens in this process, and presslens with N worker processes (model loading excluded: each
engine is warmed up on a few texts first). Prints a markdown table and the ratios, by wall time
and, for the single-process runs, by CPU time (steadier on a machine shared with other work).
The framing model is the default one (``base``) unless ``--framing-model`` names another.
"""

from __future__ import annotations

import argparse
import time

from _corpus import article_paths, read_texts
from presslens.engines.local import run_local
from presslens.nlp import load
from presslens.pipeline import ALL_EXTRACTORS, FRAMING_MODELS, Options, Pipeline
from presslens.schema import Article

BATCH = 16


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def time_bare(texts: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of bare ``nlp.pipe``."""
    nlp = load()
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=BATCH):
        pass
    return time.perf_counter() - start, time.process_time() - cpu


def time_presslens(texts: list[str], options: Options) -> tuple[float, float]:
    """Wall and CPU seconds of presslens in this process."""
    pipeline = Pipeline(load(), batch_size=BATCH, options=options)
    start, cpu = time.perf_counter(), time.process_time()
    for result in pipeline.analyze_many(Article(text=t) for t in texts):
        assert not hasattr(result, "reason"), result
    return time.perf_counter() - start, time.process_time() - cpu


def time_workers(texts: list[str], options: Options, workers: int) -> float:
    """Wall time of ``workers`` processes, after warming each worker's model up."""
    warm = [Article(text=t) for t in texts[: workers * BATCH * 2]]
    list(run_local(warm, workers=workers, options=options, batch_size=BATCH))  # not timed: start-up
    start = time.perf_counter()
    count = sum(1 for _ in run_local((Article(text=t) for t in texts), workers=workers, options=options,
                                     batch_size=BATCH))
    assert count == len(texts)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=300, help="articles to use (0 = all)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes for the parallel run (0 = skip)")
    parser.add_argument("--extract", default=",".join(ALL_EXTRACTORS), help="extractors to run")
    parser.add_argument("--framing-model", choices=FRAMING_MODELS, default=None,
                        help="framing model (default: the default, base, or PRESSLENS_FRAMING_MODEL)")
    args = parser.parse_args()

    texts = read_texts(article_paths(args.limit or None))
    n_words = words(texts)
    options = Options(extractors=tuple(x for x in args.extract.split(",") if x), framing_model=args.framing_model)
    load()
    time_presslens(texts[:20], options)  # warm up lazy model loads (claims, framing)
    bare, bare_cpu = time_bare(texts)
    ours, ours_cpu = time_presslens(texts, options)
    rows = [("bare nlp.pipe", bare), (f"presslens ({args.extract}; framing {args.framing_model or 'default'})", ours)]
    if args.workers > 1:
        one = time_workers(texts, options, 1)
        many = time_workers(texts, options, args.workers)
        rows += [("presslens --workers 1", one), (f"presslens --workers {args.workers}", many)]
    print(f"{len(texts)} articles, {n_words:,} words\n")
    print("| run | seconds | words/s |\n|---|---:|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.1f} | {n_words / seconds:,.0f} |")
    print(f"\npresslens / bare spaCy throughput: {bare / ours:.2f} by wall time, {bare_cpu / ours_cpu:.2f} by CPU "
          f"time ({bare_cpu:.1f} s vs {ours_cpu:.1f} s)")
    if args.workers > 1:
        print(f"{args.workers} workers / 1 worker: {one / many:.2f}x")


if __name__ == "__main__":
    main()
