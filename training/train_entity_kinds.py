"""Fit ``src/presslens/models/entity-kinds.npz``: is an entity a person, an organisation, a place or no name?

Examples are the entities ``find_entities`` builds (without the learned step) on two kinds of text:

* GUM (``../shared/data/coref/gum``, train split; dev for figures): every mention is annotated with
  its entity's type, so an entity takes the type of the GUM mentions that end where its mentions
  end (person, organization, place; any other type, or none, is "other");
* our canonical-speaker gold (``benchmarks/data``, every folder but ``UNSEEN_GOLD``): an entity whose
  name or alias is a gold speaker's name or alias takes the gold kind (person or organization); the
  article's other entities are left out, since the gold names only speakers.

The model is a multinomial logistic regression (scikit-learn for fitting; numpy at run time) over
``entity_kinds.entity_features``. The figures: kind accuracy on GUM dev, and on the gold entities by
five folds of articles, for the rules alone and with the model's relabelling at each threshold.

    .venv/bin/python training/train_entity_kinds.py --parse-cache /tmp/kind-parses
    .venv/bin/python training/train_entity_kinds.py --no-save
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from parse_cache import parsed  # training/parse_cache.py
from presslens import nlp as presslens_nlp
from presslens.eval.speakers import OWN_SPLIT, gold_articles, load_gold, normalise
from presslens.extract.entities import find_entities
from presslens.extract.entity_kinds import (
    KINDS,
    KindModel,
    chosen_kind,
    entity_features,
    feature_matrix,
    person_name_words,
)
from train_speaker_resolver import read_gold_folders  # every gold folder but the unseen ones

ROOT = Path(__file__).resolve().parents[1]
COREF = ROOT.parent / "shared" / "data" / "coref" / "gum"
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"


@dataclass
class Examples:
    """Entities as feature rows, with their gold kind, the rules' kind, name and article."""

    rows: list[dict] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)

    def add(self, row: dict, label: str, entity, group: str) -> None:
        self.rows.append(row)
        self.labels.append(label)
        self.rules.append(entity.kind)
        self.names.append(entity.name)
        self.groups.append(group)

    def subset(self, keep: list[int]) -> Examples:
        out = Examples()
        for field_name in ("rows", "labels", "rules", "names", "groups"):
            setattr(out, field_name, [getattr(self, field_name)[i] for i in keep])
        return out


GUM_TYPES = {"person": "person", "organization": "organization", "place": "place"}
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def gum_examples(split: str, nlp, cache: Path | None) -> Examples:
    records = [json.loads(line) for line in (COREF / f"gum_{split}.jsonl").open(encoding="utf-8")]
    out = Examples()
    for record, doc in zip(records, parsed(nlp, [r["text"] for r in records], cache), strict=True):
        by_end: dict[int, list[dict]] = {}
        for m in record["mentions"]:
            by_end.setdefault(m["end"], []).append(m)
        words = person_name_words(doc)
        for entity in find_entities(doc, learned_kinds=False):
            if entity.kind not in KINDS[:3]:
                continue
            votes: Counter[str] = Counter()
            for m in entity.mentions:
                near = [g for g in by_end.get(m.end, []) if m.start - 5 <= g["start"] <= m.start]
                if near:
                    best = max(near, key=lambda g: g["start"])
                    votes[GUM_TYPES.get(best["entity_type"], "other")] += 1
                else:
                    votes["other"] += 1
            out.add(entity_features(doc, entity, words), votes.most_common(1)[0][0], entity, record["id"])
    return out


def gold_examples(nlp, cache: Path | None) -> Examples:
    folders = read_gold_folders()
    gold = {
        f"{d.name}/{name}" if record.get("split") == OWN_SPLIT else name: record
        for d in folders for name, record in load_gold(d).items()
    }
    articles = gold_articles(POLNEAR, gold)
    out = Examples()
    for (name, _, _), doc in zip(articles, parsed(nlp, [t for _, t, _ in articles], cache), strict=True):
        kinds: dict[str, str] = {}
        for row in gold[name]["attributions"]:
            if row.get("kind") in ("person", "organization") and row.get("name"):
                for form in [row["name"], *row.get("aliases", [])]:
                    kinds.setdefault(normalise(form), row["kind"])
        words = person_name_words(doc)
        for entity in find_entities(doc, learned_kinds=False):
            if entity.kind not in KINDS[:3]:
                continue
            found = {kinds[n] for n in map(normalise, [entity.name, *entity.aliases]) if n in kinds}
            if len(found) != 1:
                continue
            label = found.pop()
            if label == "organization" and entity.kind == "place":
                continue  # "Russia said": a country speaking; the gold calls it an organisation
            out.add(entity_features(doc, entity, words), label, entity, name)
    return out


def fit(rows, labels, weights, c: float, threshold: float) -> KindModel:
    counts = Counter(f for row in rows for f in row)
    names = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= 3))}
    y = np.array([KINDS.index(label) for label in labels])
    clf = LogisticRegression(C=c, max_iter=3000)
    clf.fit(feature_matrix(rows, names), y, sample_weight=weights)
    w = np.zeros((len(names), len(KINDS)), dtype=np.float32)
    b = np.zeros(len(KINDS), dtype=np.float32)
    for j, k in enumerate(clf.classes_):
        w[:, k], b[k] = clf.coef_[j], clf.intercept_[j]
    return KindModel(names, w, b, threshold, {})


def relabelled(model: KindModel, ex: Examples, threshold: float) -> list[str]:
    probs = model.probabilities(ex.rows)
    return [chosen_kind(k, n, p, threshold) for k, n, p in zip(ex.rules, ex.names, probs, strict=True)]


def accuracy(predicted: list[str], labels: list[str], keep: list[bool] | None = None) -> tuple[float, int]:
    pairs = [(p, g) for k, (p, g) in enumerate(zip(predicted, labels, strict=True)) if keep is None or keep[k]]
    return (sum(p == g for p, g in pairs) / len(pairs) if pairs else 0.0), len(pairs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--parse-cache", type=Path, default=None, help="keep the spaCy parses in this folder")
    ap.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    ap.add_argument("--gold-weight", type=float, default=3.0, help="weight of a gold entity against a GUM one")
    ap.add_argument("--threshold", type=float, default=0.6, help="probability that replaces the rules' kind")
    ap.add_argument("--no-save", action="store_true", help="print the figures only")
    args = ap.parse_args(argv)
    nlp = presslens_nlp.load()
    gum, dev, gold = gum_examples("train", nlp, args.parse_cache), gum_examples("dev", nlp, args.parse_cache), gold_examples(nlp, args.parse_cache)
    print(f"examples: GUM train {len(gum.rows)} {dict(Counter(gum.labels))}, GUM dev {len(dev.rows)}, "
          f"gold {len(gold.rows)} {dict(Counter(gold.labels))} in {len(set(gold.groups))} articles")
    named = [y != "other" for y in dev.labels]
    figures: dict[str, object] = {"gum_dev_rules": accuracy(dev.rules, dev.labels, named)[0], "gold_rules": accuracy(gold.rules, gold.labels)[0]}
    print(f"rules alone: GUM dev {figures['gum_dev_rules']:.3f} (person/org/place entities), gold {figures['gold_rules']:.3f}")
    # five folds of gold articles, GUM train always in
    fold_of = {a: k % 5 for k, a in enumerate(sorted(set(gold.groups)))}
    cv = {t: [""] * len(gold.rows) for t in THRESHOLDS}
    for k in range(5):
        train = gold.subset([i for i, g in enumerate(gold.groups) if fold_of[g] != k])
        test_at = [i for i, g in enumerate(gold.groups) if fold_of[g] == k]
        model = fit(gum.rows + train.rows, gum.labels + train.labels,
                    [1.0] * len(gum.rows) + [args.gold_weight] * len(train.rows), args.c, args.threshold)
        for t in THRESHOLDS:
            for i, kind in zip(test_at, relabelled(model, gold.subset(test_at), t), strict=True):
                cv[t][i] = kind
    model = fit(gum.rows + gold.rows, gum.labels + gold.labels, [1.0] * len(gum.rows) + [args.gold_weight] * len(gold.rows), args.c, args.threshold)
    for t in THRESHOLDS:
        dev_accuracy = accuracy(relabelled(model, dev, t), dev.labels, named)[0]
        gold_accuracy = accuracy(cv[t], gold.labels)[0]
        changed = sum(a != b for a, b in zip(cv[t], gold.rules, strict=True))
        print(f"threshold {t}: GUM dev {dev_accuracy:.3f}, gold (5 folds) {gold_accuracy:.3f}, gold entities relabelled {changed}")
        figures[f"gum_dev_{t}"], figures[f"gold_cv_{t}"] = dev_accuracy, gold_accuracy
    model.meta = {"c": args.c, "gold_weight": args.gold_weight, "examples": {"gum_train": len(gum.rows), "gold": len(gold.rows)}, "figures": figures}
    if not args.no_save:
        model.save()
        print("saved src/presslens/models/entity-kinds.npz and .json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
