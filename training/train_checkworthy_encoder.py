"""Train the opt-in ``minilm`` check-worthiness model, ``src/presslens/models/checkworthy-minilm.npz``.

It fuses three raw scores (see ``presslens.extract.checkworthy_encoder``):

* the linear model of ``train_checkworthy.py`` (same features, C = 0.5, source weights ClaimBuster
  1, CLEF-2020 1, CLEF-2022 3), here trained on the 6 CLEF-2020 validation documents as well;
* a logistic head (C = 1, same source weights, one bias per source, ClaimBuster's kept) over the
  all-MiniLM-L6-v2 sentence vector (``training/embed_checkworthy.py``, cached in /tmp);
* a memory feature: max(0, mean of the 3 best cosines to the fact-checked CLEF-2020 training
  lines − 0.5). Debate speakers repeat claims, and fact-checkers check the same claims again.

Fused score = linear + 0.5 × head + 16 × memory, Platt-calibrated on the 3 ClaimBuster validation
debates. The weights (0.5, 0.5, 16, k = 3) were chosen by 4-fold cross-validation over the 36
CLEF-2020 training documents that are not ClaimBuster debates (folds by document; ``--cv``
reprints the figures), subject to ClaimBuster validation F1 not falling below the linear
model's. The 10 held-out CLEF-2020 documents and the CLEF-2022 ``dev_test`` tweets of
``train_checkworthy.make_splits`` are never used for training or choice.

Usage: ``.venv/bin/python training/train_checkworthy_encoder.py [--data DIR] [--out PATH] [--cv]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "training"))

import embed_checkworthy as ec  # noqa: E402
import train_checkworthy as tr  # noqa: E402
from presslens.extract.checkworthy_encoder import (  # noqa: E402
    ENCODER_FORMAT_VERSION,
    ENCODER_MODEL_PATH,
    EncoderCheckworthyModel,
    memory_feature,
)

C_LINEAR, C_HEAD = 0.5, 1.0
SOURCE_WEIGHTS = {"clef20_weight": 1.0, "ct22_weight": 3.0}
EMB_WEIGHT, MEMORY_WEIGHT, MEMORY_FLOOR, MEMORY_K = 0.5, 16.0, 0.5, 3
N_CV_FOLDS, CV_SEED = 4, 7


def _weights(items: Sequence[tr.Item]) -> np.ndarray:
    return tr._weights(items, SOURCE_WEIGHTS["clef20_weight"], SOURCE_WEIGHTS["ct22_weight"])


def _source_x(items: Sequence[tr.Item]) -> np.ndarray:
    return np.asarray([[float(i.source == s) for s in tr.SOURCES] for i in items])


class Parts:
    """The three raw scores' models, fitted on one training set."""

    def __init__(self, train: Sequence[tr.Item], vectors: np.ndarray) -> None:
        from sklearn.linear_model import LogisticRegression

        y = np.asarray([i.label for i in train])
        w = _weights(train)
        self.vec_w, self.vec_c = tr._vectorizers()
        self.lr = tr.fit_lr(tr._features(train, self.vec_w, self.vec_c, fit=True), y, w, C_LINEAR)
        self.head = LogisticRegression(C=C_HEAD, max_iter=3000).fit(
            np.hstack([vectors, _source_x(train)]), y, sample_weight=w
        )
        coef = self.head.coef_.ravel()
        self.emb_coef = coef[: vectors.shape[1]]
        self.emb_intercept = float(self.head.intercept_[0] + coef[vectors.shape[1] + tr.SOURCES.index("cb")])
        self.memory = vectors[[k for k, i in enumerate(train) if i.source == "clef20" and i.label == 1]]

    def parts(self, items: Sequence[tr.Item], vectors: np.ndarray) -> np.ndarray:
        """Columns: linear raw score, head raw score, memory feature (ClaimBuster's biases)."""
        z = tr.as_claimbuster(
            self.lr, items, self.lr.decision_function(tr._features(items, self.vec_w, self.vec_c, False))
        )
        head = vectors @ self.emb_coef + self.emb_intercept
        return np.column_stack([z, head, memory_feature(vectors, self.memory, MEMORY_K, MEMORY_FLOOR)])


def fuse(
    parts: np.ndarray, emb_weight: float = EMB_WEIGHT, memory_weight: float = MEMORY_WEIGHT
) -> np.ndarray:
    return parts @ np.asarray([1.0, emb_weight, memory_weight])


def cross_validate(sp: tr.Splits, embed) -> None:  # noqa: ANN001
    """CV MAP over the non-ClaimBuster CLEF-2020 training documents, for a grid of fusion weights."""
    pool = sp.train + [i for i in sp.val if i.source == "clef20"]
    docs = sorted({i.group for i in pool if i.source == "clef20"} - set(tr.CLEF20_IN_CLAIMBUSTER))
    fold_of = {d: k % N_CV_FOLDS for k, d in enumerate(np.random.RandomState(CV_SEED).permutation(docs))}
    vectors = embed([i.text for i in pool])
    held_all, parts_by_floor = [], {}
    for k in range(N_CV_FOLDS):
        held = [j for j, i in enumerate(pool) if fold_of.get(i.group) == k]
        keys = {tr.dedupe_key(pool[j].text) for j in held}
        fit = [
            j for j, i in enumerate(pool) if fold_of.get(i.group) != k and tr.dedupe_key(i.text) not in keys
        ]
        model = Parts([pool[j] for j in fit], vectors[fit])
        p = model.parts([pool[j] for j in held], vectors[held])
        for floor in (0.0, 0.5):
            q = p.copy()
            q[:, 2] = memory_feature(vectors[held], model.memory, MEMORY_K, floor)
            parts_by_floor.setdefault(floor, []).append(q)
        held_all += held
        print(f"  fold {k}: {len(fit)} training items, {len(held)} held out", flush=True)
    items = [pool[j] for j in held_all]
    for floor, chunks in parts_by_floor.items():
        p = np.vstack(chunks)
        for a in (0.0, 0.5, 1.0):
            for b in (0.0, 8.0, 16.0, 32.0):
                print(
                    f"  floor {floor} head x{a} memory x{b}: CV MAP {tr.mean_average_precision(items, fuse(p, a, b)):.4f}"
                )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=tr.DEFAULT_DATA, help="folder of the check-worthiness data")
    ap.add_argument("--out", type=Path, default=ENCODER_MODEL_PATH, help="where to write the .npz model")
    ap.add_argument("--cache", type=Path, default=ec.DEFAULT_CACHE, help="sentence-vector cache")
    ap.add_argument("--cv", action="store_true", help="print the cross-validation figures and stop")
    args = ap.parse_args(argv)
    if not (args.data / tr.CB).exists():
        print(f"data not found under {args.data}; nothing to train", file=sys.stderr)
        return 1
    t0 = time.perf_counter()
    sp = tr.make_splits(args.data)

    def embed(texts: Sequence[str]) -> np.ndarray:
        return ec.embed(texts, args.cache)

    if args.cv:
        cross_validate(sp, embed)
        return 0
    train = sp.train + [i for i in sp.val if i.source == "clef20"]
    val = [i for i in sp.val if i.source != "clef20"]
    model = Parts(train, embed([i.text for i in train]))
    cb = [i for i in val if i.source == "cb"]
    z_cb = fuse(model.parts(cb, embed([i.text for i in cb])))
    platt = tr.fit_platt(z_cb, np.asarray([i.label for i in cb]))
    meta = {
        "trained": dt.date.today().isoformat(),
        "splits": {
            **sp.description,
            "clef2020_train_docs": sorted({i.group for i in train if i.source == "clef20"}),
            "clef2020_val_docs": "(in training; weights chosen by --cv)",
        },
        "hyperparameters": {
            "C_linear": C_LINEAR,
            "C_head": C_HEAD,
            **SOURCE_WEIGHTS,
            "emb_weight": EMB_WEIGHT,
            "memory_weight": MEMORY_WEIGHT,
            "memory_floor": MEMORY_FLOOR,
            "memory_k": MEMORY_K,
        },
        "memory_rows": len(model.memory),
        "platt": platt,
    }
    extra = {
        "encoder_format_version": np.int64(ENCODER_FORMAT_VERSION),
        "emb_coef": model.emb_coef.astype(np.float32),
        "emb_intercept": np.float64(model.emb_intercept),
        "memory": model.memory.astype(np.float16),
        "memory_k": np.int64(MEMORY_K),
        "fusion": np.asarray([EMB_WEIGHT, MEMORY_WEIGHT, MEMORY_FLOOR], dtype=np.float64),
        "vocab": np.asarray(ec.encoder_vocab()),
    }

    def write(meta: dict) -> None:
        tr.export(args.out, model.vec_w, model.vec_c, model.lr, platt, meta)
        with np.load(args.out, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
        np.savez_compressed(args.out, **arrays, **extra)

    write(meta)
    # Scores of the written model, end to end (its own encoder run on every text).
    scorer = EncoderCheckworthyModel.load(args.out)
    report: dict[str, dict] = {"validation": {}, "test": {}}
    thresholds = {}
    for src in ("cb", "ct22"):
        items = [i for i in val if i.source == src]
        scores = scorer.score([i.text for i in items])
        thresholds[src] = tr.best_threshold([i.label for i in items], scores)
        report["validation"][src] = {
            "default": tr.evaluate(items, scores, 0.5),
            "tuned": tr.evaluate(items, scores, thresholds[src]),
        }
    ref = 1.0 / (1.0 + np.exp(-(platt[0] * z_cb + platt[1])))
    drift = float(np.max(np.abs(scorer.score([i.text for i in cb]) - ref)))
    print(f"export check: max |numpy - sklearn| = {drift:.2e}")
    if drift > 1e-3:
        print("exported model disagrees with the trained one", file=sys.stderr)
        return 2
    domain = {"clef2020_heldout_debates": "cb", "ct22_dev_test_tweets": "ct22"}
    for name, items in sp.tests.items():
        scores = scorer.score([i.text for i in items])
        report["test"][name] = {
            "default": tr.evaluate(items, scores, 0.5),
            "val_tuned": tr.evaluate(items, scores, thresholds[domain[name]]),
        }
    report["validation_thresholds"] = {"clef20": thresholds["cb"], "ct22": thresholds["ct22"]}
    report["export_max_abs_diff"] = drift
    print(json.dumps(report, indent=1))
    write({**meta, "report": report})
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB) in {time.perf_counter() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
