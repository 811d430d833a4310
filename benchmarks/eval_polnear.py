"""Score presslens attribution extraction on PolNeAR (Newell, Margolin & Ruths, LREC 2018).

Parses the article texts with ``nlp.pipe``, runs ``find_attributions`` (and, for timing, entities and
speaker resolution) on each Doc and reports content precision/recall/F1 with overlap matching,
source-mention accuracy on matched items, the misses broken down by cue (beliefs/thoughts,
polls/documents, speech) and the extractors' time against the bare parse.

    .venv/bin/python benchmarks/eval_polnear.py --split dev
    .venv/bin/python benchmarks/eval_polnear.py --split dev --profile speech
    .venv/bin/python benchmarks/eval_polnear.py --split train --limit 100 --show-misses 20
    .venv/bin/python benchmarks/eval_polnear.py --split dev --shapes   # misses by shape too

Predictions that share a cue are scored as one item, as PolNeAR annotates one attribution per cue
(see ``presslens.eval.polnear``). PolNeAR is univocal and annotates the outer level of a nested
attribution ("According to CNN, Sanders said …" is CNN's), so statements with ``relayed_by`` set are
left out of the scores (``--with-relayed`` keeps them).

Speech and beliefs apart (issue 19): each prediction carries ``act`` (speech, belief, stance); each
gold attribution is put in a class by its cue's lemma with the scorer's own lists
(``lexicon/evaluation.py``: belief/thought, stance/evaluation, the rest speech). The report gives
each act's precision against all gold, each gold class's recall, and P/R/F1 of speech predictions
against speech gold and of belief predictions against belief gold.

The data are read from ``/work/shared/data/polnear`` (or ``--data``); if they are absent the script
prints a message and exits with status 0. No PolNeAR text is written anywhere.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from spacy.tokens import Doc

from presslens import nlp as presslens_nlp
from presslens.eval.miss_shapes import miss_shapes
from presslens.eval.polnear import (
    GoldAttribution,
    Scores,
    cue_lemma,
    gold_cue_lemma,
    load_split,
    miss_category,
    score_article,
    to_pred_items,
)
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
    p.add_argument(
        "--with-relayed",
        action="store_true",
        help="also score the statements nested in another attribution (relayed_by set); PolNeAR annotates "
        "only the outer level",
    )
    p.add_argument("--threshold", type=float, default=0.5, help="character Jaccard needed for a match")
    p.add_argument(
        "--shapes", action="store_true",
        help="also count the missed gold attributions by shape (cue found but content wrong, inside another record, "
        "cue never read: verb outside the lexicon, noun, …)",
    )
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
    by_act = {act: Scores() for act in ACTS}  # each act's predictions against all gold
    apart = {act: Scores() for act in ("speech", "belief")}  # each act against gold of its own class
    gold_class: Counter[str] = Counter()
    shapes: Counter[str] = Counter()
    relayed = 0
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
        relayed += sum(1 for a in predicted if a.relayed_by is not None)
        if not args.with_relayed:
            predicted = [a for a in predicted if a.relayed_by is None]
        score_article(name, text, gold, predicted, scores, threshold=args.threshold, doc=doc)
        if args.shapes:
            shapes.update(miss_shapes(text, doc, gold, to_pred_items(predicted), args.threshold))
        classes = [gold_act(g, doc) for g in gold]
        gold_class.update(classes)
        for act in ACTS:
            mine = [a for a in predicted if a.act == act]
            score_article(name, text, gold, mine, by_act[act], threshold=args.threshold, doc=doc)
            if act in apart:
                own = [g for g, c in zip(gold, classes, strict=True) if c == act]
                score_article(name, text, own, mine, apart[act], threshold=args.threshold)
    report(args, len(articles), scores, parse_s, attrib_s, speaker_s)
    report_acts(scores, by_act, apart, gold_class, relayed, args.with_relayed)
    if args.shapes:
        print(f"missed gold attributions by shape ({sum(shapes.values())}):")
        for shape, n in shapes.most_common():
            print(f"  {n:5d}  {shape}")
    return 0


ACTS = ("speech", "belief", "stance")
_GOLD_ACT = {"belief/thought": "belief", "stance/evaluation": "stance"}


def gold_act(g: GoldAttribution, doc: Doc) -> str:
    """The class of a gold attribution by its cue (the scorer's lists, not the extractor's)."""
    return _GOLD_ACT.get(miss_category(g, gold_cue_lemma(doc, g)), "speech")


def report_acts(
    scores: Scores,
    by_act: dict[str, Scores],
    apart: dict[str, Scores],
    gold_class: Counter[str],
    relayed: int,
    kept: bool,
) -> None:
    """Speech, belief and stance apart: precision per act, recall per gold class, P/R/F1 per act."""
    print(
        "by act (precision against all gold): "
        + "; ".join(f"{act} {sc.predicted} P={sc.precision:.3f}" for act, sc in by_act.items())
    )
    missed = Counter(_GOLD_ACT.get(m.category, "speech") for m in scores.misses)
    recalls = []
    for act in ACTS:
        n = gold_class[act]
        recalls.append(f"{act} {n}" + (f" R={(n - missed[act]) / n:.3f}" if n else ""))
    print("by gold class (recall of all predictions): " + "; ".join(recalls))
    for act, sc in apart.items():
        print(
            f"{act} only ({act} predictions against {act} gold): "
            f"P={sc.precision:.3f} R={sc.recall:.3f} F1={sc.f1:.3f} ({sc.predicted} predicted, {sc.gold} gold)"
        )
    print(f"relayed statements (nested, relayed_by set): {relayed}, {'scored' if kept else 'not scored'}")


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
