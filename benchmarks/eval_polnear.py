"""Score presslens attribution extraction on PolNeAR (Newell, Margolin & Ruths, LREC 2018).

Parses the article texts with ``nlp.pipe``, runs ``find_attributions`` (and, for timing, entities and
speaker resolution) on each Doc and reports content precision/recall/F1 with overlap matching,
source-mention accuracy on matched items, the misses broken down by cue (beliefs/thoughts,
polls/documents, speech) and the extractors' time against the bare parse.

    .venv/bin/python benchmarks/eval_polnear.py --split dev
    .venv/bin/python benchmarks/eval_polnear.py --split dev --profile speech
    .venv/bin/python benchmarks/eval_polnear.py --split train --limit 100 --show-misses 20

Predictions that share a cue are scored as one item, as PolNeAR annotates one attribution per cue
(see ``presslens.eval.polnear``).

The data are read from ``/work/shared/data/polnear`` (or ``--data``); if they are absent the script
prints a message and exits with status 0. No PolNeAR text is written anywhere.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from presslens import nlp as presslens_nlp
from presslens.eval.polnear import Scores, cue_lemma, load_split, score_article
from presslens.extract.attributions import find_attributions
from presslens.extract.entities import find_entities
from presslens.extract.speakers import resolve_speakers

DEFAULT_DATA = Path("/work/shared/data/polnear")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--split", choices=("dev", "train"), default="dev", help="which PolNeAR split to score")
    p.add_argument("--limit", type=int, default=None, help="score only the first N articles")
    p.add_argument("--show-misses", type=int, default=0, metavar="K", help="print K missed gold attributions")
    p.add_argument("--show-false", type=int, default=0, metavar="K", help="print K unmatched predictions")
    p.add_argument(
        "--profile",
        choices=("parc", "speech"),
        default="parc",
        help="extractor profile: parc (beliefs and stances too, as PolNeAR annotates) or speech (the default "
        "of find_attributions: what was said or written)",
    )
    p.add_argument("--threshold", type=float, default=0.5, help="character Jaccard needed for a match")
    p.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch size")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR root (with metadata.tsv)")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not (args.data / "metadata.tsv").exists() or not (args.data / args.split).is_dir():
        print(f"PolNeAR data not found under {args.data}; skipping.")
        return 0
    articles = list(load_split(args.data, args.split, args.limit))
    if not articles:
        print(f"No articles in {args.data / args.split}; skipping.")
        return 0
    nlp = presslens_nlp.load()
    scores = Scores()
    parse_s = attrib_s = speaker_s = 0.0
    texts = iter([text for _, text, _ in articles])
    docs = nlp.pipe(texts, batch_size=args.batch_size)
    for name, text, gold in articles:
        t0 = time.perf_counter()
        doc = next(docs)
        t1 = time.perf_counter()
        predicted = find_attributions(doc, profile=args.profile)
        t2 = time.perf_counter()
        resolve_speakers(doc, predicted, find_entities(doc))
        t3 = time.perf_counter()
        parse_s += t1 - t0
        attrib_s += t2 - t1
        speaker_s += t3 - t2
        score_article(name, text, gold, predicted, scores, threshold=args.threshold, doc=doc)
    report(args, len(articles), scores, parse_s, attrib_s, speaker_s)
    return 0


def report(
    args: argparse.Namespace, n: int, sc: Scores, parse_s: float, attrib_s: float, speaker_s: float
) -> None:
    print(
        f"PolNeAR {args.split} (profile {args.profile}): {n} articles, {sc.gold} gold attributions, "
        f"{sc.predicted} predicted"
    )
    print(
        f"content (char Jaccard >= {args.threshold}): P={sc.precision:.3f} R={sc.recall:.3f} F1={sc.f1:.3f}"
    )
    print(
        f"source mention accuracy on matched items: {sc.source_accuracy:.3f} ({sc.source_ok}/{sc.source_gold})"
    )
    misses = len(sc.misses)
    if misses:
        parts = ", ".join(f"{k} {v} ({v / misses:.0%})" for k, v in sc.miss_breakdown().most_common())
        print(f"misses: {misses} — {parts}")
        top = Counter(m.lemma or cue_lemma(m.cue) for m in sc.misses).most_common(15)
        print("missed cues: " + ", ".join(f"{k} {v}" for k, v in top))
    extract = attrib_s + speaker_s
    print(
        f"time per article: parse {parse_s / n * 1000:.1f} ms, attributions {attrib_s / n * 1000:.1f} ms, "
        f"entities+speakers {speaker_s / n * 1000:.1f} ms; extraction adds {extract / parse_s:.1%} to the parse"
    )
    for m in sc.misses[: args.show_misses]:
        print(f"MISS [{m.category}] {m.source!r} | {m.cue!r} | {m.content[:160]!r}")
    for _name, content, cue in sc.false_alarms[: args.show_false]:
        print(f"FALSE {cue!r} | {content[:160]!r}")


if __name__ == "__main__":
    sys.exit(main())
