"""Recompute the shipped check-worthiness model's held-out scores and compare them with its card.

Scores ``src/presslens/models/checkworthy.npz`` with the runtime (numpy) scorer on the held-out
splits that ``training/train_checkworthy.py`` defines: 10 CLEF CheckThat! 2020 Task 5 debates and
speeches (MAP over documents, the task's official measure) and the CLEF CheckThat! 2022 Task 1A
English ``dev_test`` tweets (F1 of the check-worthy class, that task's official measure; AP too).
It also rescores the 3 ClaimBuster validation debates (F1 of the check-worthy-factual class and
MAP; the expert-labelled ClaimBuster test set is kept back by the project, so this is the
ClaimBuster figure we have). The numbers are compared with those the training run stored in the
model's metadata; a mismatch exits with status 1. Without the data (``../shared/data/checkworthy``)
it prints a note and exits 0.

``--model`` takes a path or a model name: ``base`` (the default, ``checkworthy.npz``) or ``minilm``
(the opt-in encoder model ``checkworthy-minilm.npz``, which needs the ``encoder`` extra).

``--speed N`` also times ``find_claims`` against bare spaCy parsing on N real articles.

Usage: ``.venv/bin/python benchmarks/eval_checkworthy.py [--data DIR] [--model PATH|base|minilm] [--json] [--speed N]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from presslens.extract.claims import MODEL_PATH, CheckworthyModel  # noqa: E402

MODEL_NAMES = {"base": MODEL_PATH, "minilm": MODEL_PATH.parent / "checkworthy-minilm.npz"}

TOLERANCE = 1e-3


def _training_module() -> ModuleType:
    """``training/train_checkworthy.py``, which owns the split definitions and metrics."""
    path = REPO / "training" / "train_checkworthy.py"
    spec = importlib.util.spec_from_file_location("train_checkworthy", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def _stored_meta(model_path: Path) -> dict:
    import numpy as np

    with np.load(model_path, allow_pickle=False) as data:
        return json.loads(str(data["meta"])) if "meta" in data.files else {}


def _array_names(model_path: Path) -> list[str]:
    import numpy as np

    with np.load(model_path, allow_pickle=False) as data:
        return list(data.files)


def _compare(expected: dict, got: dict, where: str) -> list[str]:
    """Differences beyond ``TOLERANCE`` between two metric dictionaries."""
    bad = []
    for key, want in expected.items():
        have = got.get(key)
        if isinstance(want, int | float) and isinstance(have, int | float):
            if abs(float(want) - float(have)) > TOLERANCE:
                bad.append(f"{where}.{key}: card {want} vs recomputed {have}")
    return bad


def measure_speed(n_articles: int) -> None:
    """Time ``find_claims`` against bare spaCy parsing on real articles from ``../shared/data``."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from _corpus import article_paths, read_texts
    except ImportError:
        print("speed: benchmarks/_corpus.py not available; skipped")
        return
    try:
        texts = read_texts(article_paths(n_articles))
    except SystemExit:
        print("speed: no article texts under ../shared/data; skipped")
        return
    from presslens.extract.claims import find_claims, load_model
    from presslens.nlp import load

    nlp = load()
    load_model()
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_claims = sum(len(find_claims(d, [])) for d in docs)
    claim_s = time.perf_counter() - t0
    n = max(len(docs), 1)
    print(
        f"speed: {len(docs)} articles, parse {1000 * parse_s / n:.1f} ms/article, claims "
        f"{1000 * claim_s / n:.2f} ms/article ({100 * claim_s / parse_s:.1f}% of parsing), "
        f"{n_claims / n:.1f} claims/article"
    )


def main(argv: list[str] | None = None) -> int:
    tr = _training_module()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=tr.DEFAULT_DATA, help="folder of the check-worthiness data")
    ap.add_argument("--model", default="base", help="the .npz model to evaluate, or a name: base, minilm")
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON")
    ap.add_argument(
        "--speed",
        type=int,
        default=0,
        metavar="N",
        help="also time find_claims against spaCy parsing on N real articles",
    )
    args = ap.parse_args(argv)
    if args.speed:
        measure_speed(args.speed)
    if not (args.data / tr.CB).exists() or not (args.data / tr.CLEF20).is_dir():
        print(f"check-worthiness data not found under {args.data}; skipping evaluation")
        return 0

    args.model = MODEL_NAMES.get(args.model, Path(args.model))
    t0 = time.perf_counter()
    if "emb_coef" in _array_names(args.model):
        from presslens.extract.checkworthy_encoder import EncoderCheckworthyModel

        model = EncoderCheckworthyModel.load(args.model)
    else:
        model = CheckworthyModel.load(args.model)
    load_s = time.perf_counter() - t0
    meta = _stored_meta(args.model)
    splits = tr.make_splits(args.data)
    problems = []
    if meta.get("splits", {}).get("clef2020_test_docs") != splits.description["clef2020_test_docs"]:
        problems.append("held-out CLEF-2020 documents differ from those the model was trained without")

    stored = meta.get("report", {}).get("test", {})
    thresholds = meta.get("report", {}).get("validation_thresholds", {})
    domain = {"clef2020_heldout_debates": "clef20", "ct22_dev_test_tweets": "ct22"}
    results = {}
    for name, items in splits.tests.items():
        t1 = time.perf_counter()
        scores = model.score([i.text for i in items], tr.runs_of(items))  # debate lines in order
        per_item_ms = 1000 * (time.perf_counter() - t1) / max(len(items), 1)
        res = {"default": tr.evaluate(items, scores, 0.5)}
        if domain[name] in thresholds:
            res["val_tuned"] = tr.evaluate(items, scores, thresholds[domain[name]])
        results[name] = res
        for variant, metrics in res.items():
            problems += _compare(stored.get(name, {}).get(variant, {}), metrics, f"{name}.{variant}")
        d = res["default"]
        line = (
            f"{name:26s} n={d['n']:5d} pos={d['positives']:4d} MAP={d['map']:.4f} AP={d['ap_overall']:.4f} "
        )
        line += f"F1@0.5={d['f1']:.4f}"
        if "val_tuned" in res:
            line += f" F1@{res['val_tuned']['at_threshold']}={res['val_tuned']['f1']:.4f}"
        print(line + f" ({per_item_ms:.3f} ms/sentence)")
    cb_val = [i for i in splits.val if i.source == "cb"]
    scores = model.score([i.text for i in cb_val])
    stored_cb = meta.get("report", {}).get("validation", {}).get("cb", {})
    cb_res = {"default": tr.evaluate(cb_val, scores, 0.5)}
    line = f"{'claimbuster_val_debates':26s} n={len(cb_val):5d} MAP={cb_res['default']['map']:.4f} "
    line += f"F1@0.5={cb_res['default']['f1']:.4f}"
    if "tuned" in stored_cb:
        cb_res["tuned"] = tr.evaluate(cb_val, scores, stored_cb["tuned"]["at_threshold"])
        line += f" F1@{stored_cb['tuned']['at_threshold']}={cb_res['tuned']['f1']:.4f}"
    print(line + " (validation: calibrated and thresholded on these debates)")
    for variant, metrics in cb_res.items():
        problems += _compare(stored_cb.get(variant, {}), metrics, f"claimbuster_val.{variant}")
    results["claimbuster_val_debates"] = cb_res
    print(f"model {args.model.name}: {args.model.stat().st_size / 1e6:.2f} MB, loaded in {load_s:.2f}s")
    if args.json:
        print(json.dumps(results, indent=1))
    if not stored:
        problems.append("the model carries no stored report to compare with")
    for p in problems:
        print("MISMATCH:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
