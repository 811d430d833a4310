"""Score presslens framing spans on a held-out part of the SemEval-2020 Task 11 training data.

Metrics follow Da San Martino et al., "SemEval-2020 Task 11: Detection of Propaganda
Techniques in News Articles" (SemEval 2020):

* **SI** (span identification): predicted spans of an article are first merged where they
  overlap. With S the predicted and T the gold spans over all articles,
  P = (1/|S|) * sum over s in S, t in T (same article) of |s ∩ t| / |s| and
  R = (1/|T|) * sum of |s ∩ t| / |t|, so partial character overlap earns partial credit;
  F1 is their harmonic mean.
* **TC** (technique classification): given the gold spans, predict one technique per span;
  the score is micro-averaged F1, which equals accuracy because every span gets one label.

The dev split is the one ``training/train_framing.py`` holds out (by article, fixed seed), so
the model never saw it. Exits 0 with a message when the data folder is absent.

    .venv/bin/python benchmarks/eval_framing.py [--data /work/shared/data/ptc] [--model-dir DIR]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

DEFAULT_DATA = Path("/work/shared/data/ptc")
SPLIT_SEED = 2020
DEV_ARTICLES = 60


# ---------------------------------------------------------------------------------------------
# Data.
# ---------------------------------------------------------------------------------------------
def article_ids(data: Path) -> list[str]:
    """Ids of the labelled training articles, sorted."""
    folder = data / "train-articles"
    return sorted(p.stem.removeprefix("article") for p in folder.glob("article*.txt"))


def split_ids(ids: Sequence[str], seed: int = SPLIT_SEED, n_dev: int = DEV_ARTICLES) -> tuple[list[str], list[str]]:
    """Fixed train/dev split by article."""
    order = sorted(ids)
    random.Random(seed).shuffle(order)
    return sorted(order[n_dev:]), sorted(order[:n_dev])


def read_article(data: Path, aid: str) -> str:
    return (data / "train-articles" / f"article{aid}.txt").read_text(encoding="utf-8")


def read_tc_labels(data: Path) -> dict[str, list[tuple[str, int, int]]]:
    """Technique spans per article: (technique, start, end)."""
    out: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for line in (data / "train-task2-TC.labels").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 4:
            out[parts[0]].append((parts[1], int(parts[2]), int(parts[3])))
    return out


def read_si_labels(data: Path) -> dict[str, list[tuple[int, int]]]:
    """Binary propaganda spans per article (already merged by the organisers)."""
    out: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for line in (data / "train-task1-SI.labels").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 3:
            out[parts[0]].append((int(parts[1]), int(parts[2])))
    return out


# ---------------------------------------------------------------------------------------------
# Metrics.
# ---------------------------------------------------------------------------------------------
def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of overlapping character spans, sorted; empty spans are dropped."""
    merged: list[list[int]] = []
    for s, e in sorted((int(s), int(e)) for s, e in spans if e > s):
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


def si_score(pred: dict[str, list[tuple[int, int]]],
             gold: dict[str, list[tuple[int, int]]]) -> tuple[float, float, float]:
    """SemEval-2020 Task 11 SI precision, recall and F1 over all articles in ``gold``."""
    p_num = r_num = 0.0
    n_pred = n_gold = 0
    for aid in set(gold) | set(pred):
        ps = merge_spans(pred.get(aid, []))
        gs = merge_spans(gold.get(aid, []))
        n_pred += len(ps)
        n_gold += len(gs)
        for s0, s1 in ps:
            for g0, g1 in gs:
                inter = min(s1, g1) - max(s0, g0)
                if inter > 0:
                    p_num += inter / (s1 - s0)
                    r_num += inter / (g1 - g0)
    p = p_num / n_pred if n_pred else 0.0
    r = r_num / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p > 0 and r > 0 else 0.0
    return p, r, f1


def tc_micro_f1(pred: Sequence[str], gold: Sequence[str]) -> float:
    """Micro-averaged F1 with exactly one label per gold span: the share of spans labelled right."""
    if not gold:
        return 0.0
    return sum(p == g for p, g in zip(pred, gold, strict=True)) / len(gold)


# ---------------------------------------------------------------------------------------------
# Running the model.
# ---------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PTC v2 folder (train-articles, labels)")
    parser.add_argument("--model-dir", type=Path, default=None, help="folder with framing.npz/json (default: shipped)")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N dev articles (0 = all)")
    parser.add_argument("--encoder", choices=("auto", "on", "off"), default="auto",
                        help="auto: the configured model (PRESSLENS_FRAMING_MODEL, else base); on: the best "
                             "encoder head installed; off: the base model")
    args = parser.parse_args(argv)
    if not (args.data / "train-articles").is_dir() or not (args.data / "train-task2-TC.labels").is_file():
        print(f"eval_framing: PTC data not found under {args.data}; skipping.")
        return 0

    from presslens import nlp as presslens_nlp
    from presslens.extract import framing

    t0 = time.perf_counter()
    use_encoder = {"auto": None, "on": True, "off": False}[args.encoder]
    model = framing.load_model(args.model_dir, use_encoder)  # the first call in this process reads the files
    load_s = time.perf_counter() - t0
    if model is None:
        print("eval_framing: no framing model files found; run training/train_framing.py first.")
        return 0
    _, dev = split_ids(article_ids(args.data))
    if args.limit:
        dev = dev[: args.limit]
    tc_gold, si_gold = read_tc_labels(args.data), read_si_labels(args.data)
    texts = [read_article(args.data, aid) for aid in dev]
    nlp = presslens_nlp.load()

    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse_s = time.perf_counter() - t0

    si_pred: dict[str, list[tuple[int, int]]] = {}
    found_per_technique: Counter[str] = Counter()
    t0 = time.perf_counter()
    for aid, doc in zip(dev, docs, strict=True):
        spans = framing.find_framing(doc, model=model)
        si_pred[aid] = [(s.start, s.end) for s in spans]
        found_per_technique.update(s.technique for s in spans)
    find_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    gold_labels: list[str] = []
    pred_labels: list[str] = []
    for aid, doc in zip(dev, docs, strict=True):
        rows = tc_gold.get(aid, [])
        labels = framing.classify_spans(doc, [(s, e) for _, s, e in rows], model=model)
        gold_labels += [tech for tech, _, _ in rows]
        pred_labels += [tech for tech, _ in labels]
    tc_s = time.perf_counter() - t0

    p, r, f1 = si_score(si_pred, {aid: si_gold.get(aid, []) for aid in dev})
    acc = tc_micro_f1(pred_labels, gold_labels)
    n_si_gold = sum(len(si_gold.get(aid, [])) for aid in dev)
    head = model.encoder
    print("SI model: " + (f"base + {head.backbone} encoder head (layer {head.layer})" if head else "base"))
    print(f"dev split: {len(dev)} articles (seed {SPLIT_SEED}), {n_si_gold} SI spans, {len(gold_labels)} TC spans")
    print(f"SI  precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  ({sum(len(v) for v in si_pred.values())} spans predicted)")
    print(f"TC  micro-F1 {acc:.3f}  (majority class would score "
          f"{Counter(gold_labels).most_common(1)[0][1] / max(1, len(gold_labels)):.3f})")
    per = Counter(g for g, q in zip(gold_labels, pred_labels, strict=True) if g == q)
    tot = Counter(gold_labels)
    for tech in sorted(tot, key=lambda k: -tot[k]):
        print(f"    {tech:38s} {per[tech]:4d}/{tot[tech]:4d}")
    print(f"time: model load {load_s:.2f}s, spaCy parse {parse_s:.2f}s, find_framing {find_s:.2f}s "
          f"({100 * find_s / max(parse_s, 1e-9):.1f}% of parse), classify_spans {tc_s:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
