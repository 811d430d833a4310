"""Train the second look at unnamed sources (``presslens/models/unnamed-sources.*``, ``speakers/unnamed.py``).

Data: our canonical-speaker gold (``benchmarks/data``: ``outlets-*`` and ``speakers*``, every folder
but ``UNSEEN_GOLD``). Each article runs through presslens as at run time with the shipped resolver;
every source the rules leave unnamed that is matched to a gold attribution is one example group: its
options (``unnamed.options``) are labelled right when the option's name is the gold name (strictly,
as ``benchmarks/eval_speakers.py`` scores it), and every option is wrong when the gold source is
generic. A logistic regression (scikit-learn, for fitting only) scores the options.

The figure that matters is end to end: a group whose gold names someone is won when its best option is
right and reaches the threshold; a group whose gold is generic is lost when any option does (the rules
had it right). Folds by gold folder give the cross-validated net gain for each threshold of
``--thresholds``; the one with the largest net gain is saved with the weights refitted on all groups.

    .venv/bin/python training/train_unnamed_sources.py --parse-cache /tmp/unnamed-parses
    .venv/bin/python training/train_unnamed_sources.py --no-save   # figures only
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from parse_cache import parsed  # training/parse_cache.py
from presslens import nlp as presslens_nlp
from presslens.eval.polnear import match_items, to_pred_items
from presslens.eval.speakers import OWN_SPLIT, gold_articles, judge, load_gold
from presslens.extract import speakers
from presslens.extract.attributions import find_attributions
from presslens.extract.entities import find_entities
from presslens.extract.speakers.naming import clean
from presslens.extract.speakers.unnamed import UNNAMED_FEATURES, Option, UnnamedModel
from presslens.schema import Article

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_speaker_resolver import read_gold_folders  # noqa: E402  every gold folder but the unseen ones

POLNEAR = Path("/work/shared/data/polnear")


@dataclass(slots=True)
class Group:
    """The options of one unnamed source matched to a gold attribution."""

    folder: str
    x: np.ndarray
    y: np.ndarray
    gold_generic: bool


class _Recorder:
    """Stands in for the model while examples are collected: keeps each mention's options, names nobody."""

    def __init__(self) -> None:
        self.key: tuple[int, int] | None = None
        self.options: dict[tuple[int, int], list[Option]] = {}

    def choose(self, found: list[Option]) -> tuple[None, float]:
        if self.key is not None:
            self.options[self.key] = found
        return None, 0.0


def collect(folders: list[Path], nlp, cache: Path | None) -> list[Group]:
    groups: list[Group] = []
    recorder = _Recorder()
    original = speakers._Resolver.resolve

    def resolve(self, mention, said=None):  # noqa: ANN001, ANN202  the key of the options being recorded
        recorder.key = (mention.start, mention.end)
        return original(self, mention, said)

    speakers._Resolver.resolve = resolve
    try:
        for folder in folders:
            gold = {
                f"{folder.name}/{name}" if r.get("split") == OWN_SPLIT else name: r for name, r in load_gold(folder).items()
            }
            articles = gold_articles(POLNEAR, gold)
            docs = parsed(nlp, [text for _, text, _ in articles], cache)
            for (name, text, _), doc in zip(articles, docs, strict=True):
                recorder.options.clear()
                predicted = find_attributions(doc)
                speakers.resolve_speakers(doc, predicted, find_entities(doc), article=Article(text=text), review=recorder)
                rows = gold[name]["attributions"]
                items = to_pred_items(predicted, merge_continuations=gold[name].get("split") != OWN_SPLIT)
                pairs = match_items(text, [tuple(map(tuple, r["content"])) for r in rows], items)
                for gi, pi in pairs:
                    row, a = rows[gi], items[pi].attribution
                    m = a.source.mention if a is not None else None
                    if m is None or row.get("joint") or a.source.name is not None:
                        continue
                    found = recorder.options.get((m.start, m.end))
                    if not found:
                        continue
                    y = np.array([row["name"] is not None and judge(row, clean(o.node.entity.name))[0] for o in found])
                    groups.append(Group(folder.name, np.stack([o.row for o in found]), y.astype(np.float32), row["name"] is None))
    finally:
        speakers._Resolver.resolve = original
    return groups


def fit(groups: list[Group], c: float) -> tuple[np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    x = np.concatenate([g.x for g in groups])
    y = np.concatenate([g.y for g in groups])
    clf = LogisticRegression(C=c, max_iter=5000)
    clf.fit(x, y)
    return clf.coef_[0].astype(np.float32), float(clf.intercept_[0])


def outcome(model: UnnamedModel, groups: list[Group]) -> tuple[int, int]:
    """(won, lost) end to end: a named gold now right, a generic gold now given a name."""
    won = lost = 0
    for g in groups:
        p = model.probabilities(g.x)
        k = int(p.argmax())
        if p[k] < model.threshold:
            continue
        won += int(g.y[k] == 1)
        lost += int(g.gold_generic)
    return won, lost


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--c", type=float, default=3.0, help="inverse regularisation strength (0.3 gave net +17 at best)")
    p.add_argument(
        "--thresholds", type=float, nargs="+", default=[0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6],
        help="decision thresholds to cross-validate; the best by net gain is saved",
    )
    p.add_argument("--parse-cache", type=Path, default=None, help="keep the spaCy parses here between runs")
    p.add_argument("--no-save", action="store_true", help="report the figures without writing the model")
    args = p.parse_args(argv)
    folders = read_gold_folders()
    t0 = time.time()
    groups = collect(folders, presslens_nlp.load(), args.parse_cache)
    named = sum(1 for g in groups if not g.gold_generic)
    reachable = sum(1 for g in groups if g.y.any())
    print(f"{len(groups)} unnamed sources matched to gold in {len(folders)} folders ({time.time() - t0:.0f} s): "
          f"gold names someone {named} (among the options {reachable}), generic {len(groups) - named}")
    names = sorted({g.folder for g in groups})
    folds = {name: i % 5 for i, name in enumerate(names)}
    cv = {t: [0, 0] for t in args.thresholds}
    for k in range(5):
        train = [g for g in groups if folds[g.folder] != k]
        test = [g for g in groups if folds[g.folder] == k]
        w, b = fit(train, args.c)
        for t in args.thresholds:
            won, lost = outcome(UnnamedModel(w, b, t, {}), test)
            cv[t][0] += won
            cv[t][1] += lost
    for t, (won, lost) in cv.items():
        print(f"  threshold {t:.2f}: five folds by folder: {won} won, {lost} lost, net {won - lost:+d}")
    best = max(args.thresholds, key=lambda t: (cv[t][0] - cv[t][1], t))
    w, b = fit(groups, args.c)
    model = UnnamedModel(w, b, best, {
        "trained_on": [d.name for d in folders], "groups": len(groups), "gold_named": named, "reachable": reachable,
        "c": args.c, "cv_by_threshold": {f"{t:.2f}": cv[t] for t in args.thresholds},
    })
    print(f"threshold {best:.2f}; features {len(UNNAMED_FEATURES)}")
    if not args.no_save:
        model.save()
        print("saved presslens/models/unnamed-sources.{npz,json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
