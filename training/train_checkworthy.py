"""Train the check-worthiness classifier shipped as ``src/presslens/models/checkworthy.npz``.

Method: sublinear TF-IDF over word 1-2-grams and character 3-5-grams (``char_wb``) plus a few hand
features (see ``presslens.extract.claims``), a logistic regression with one extra bias column per
data source (the sources label different notions at very different rates: about 24% of ClaimBuster
sentences, 1% of CLEF-2020 debate lines, 21% of CLEF-2022 tweets; a per-source bias absorbs that
instead of the word weights; the shipped scorer keeps ClaimBuster's bias), and Platt scaling fitted on
held-out ClaimBuster debates, so that the shipped score estimates the probability that a
sentence is a *check-worthy factual sentence* in the ClaimBuster sense. The featurisation is the
one ``presslens.extract.claims`` runs at inference; the trained weights are exported to a compact
``.npz`` (vocabulary, IDF, coefficients; no pickle) that the runtime scores with numpy alone.

Data (local copies in ``../shared/data/checkworthy``, see its README; never committed):

* ClaimBuster ``crowdsourced.csv`` (Arslan, Hassan, Li & Tremayne, ICWSM 2020; CC BY 4.0):
  label 1 = check-worthy factual sentence (CFS), 0 = UFS or NFS. The expert ``groundtruth.csv``
  is kept back by the project and not used here.
* CLEF CheckThat! 2020 Task 5 debates and speeches, ``train/`` (Shaar et al., CLEF 2020): label 1
  = fact-checked by journalists. The ``test_gold`` debates are kept back by the project.
* CLEF CheckThat! 2022 Task 1A English tweets (Nakov et al., CLEF 2022): train / dev / dev_test.

Splits (fixed, see ``make_splits``; seed ``SEED``):

* CLEF-2020: the four debates that are also in ClaimBuster always go to training; the other 46
  documents are shuffled with ``SEED``: 10 are the held-out test set, 6 the validation set.
* ClaimBuster: 3 of its 33 debates (drawn with ``SEED``) are validation, used for model selection
  and for Platt scaling; the rest is training.
* CLEF-2022 tweets: train = training, dev = validation, dev_test = held-out test.
* Any training or validation item whose normalised text equals a test item is dropped (speeches
  repeat lines), and likewise training items that equal a validation item.

Usage: ``.venv/bin/python training/train_checkworthy.py [--data DIR] [--out PATH] [--quick]``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from presslens.extract.claims import (  # noqa: E402
    CONTEXT_FEATURES,
    FORMAT_VERSION,
    HAND_FEATURES,
    MODEL_PATH,
    CheckworthyModel,
    char_features,
    context_features,
    hand_features,
    normalise,
    word_features,
    word_lists_hash,
)

SEED = 20261125
DEFAULT_DATA = REPO.parent / "shared" / "data" / "checkworthy"
CLEF20 = "clef2020_task5_debates/train"
CT22 = "clef2022_task1a_en_tweets/CT22_english_1A_checkworthy_{}.tsv"
CB = "claimbuster/crowdsourced.csv"
# CLEF-2020 documents that transcribe a US general-election debate also in ClaimBuster.
CLEF20_IN_CLAIMBUSTER = (
    "20121023_third_presidential_debate",
    "20160926_1pres",
    "20161010_2pres",
    "20161019_3pres",
)
N_CLEF20_TEST, N_CLEF20_VAL, N_CB_VAL = 10, 6, 3
N_FOLDS = 4  # out-of-fold raw scores on which the context layer is trained
SOURCES = ("cb", "clef20", "ct22")
WORD_MAX_FEATURES, CHAR_MAX_FEATURES = 30_000, 40_000


@dataclass(frozen=True, slots=True)
class Item:
    """One labelled sentence or tweet; ``group`` is its debate or document (the unit of MAP)."""

    text: str
    label: int
    source: str  # "cb", "clef20" or "ct22"
    group: str


# ------------------------------------------------------------------------------------ loading


def load_claimbuster(path: Path) -> list[Item]:
    """ClaimBuster crowd labels: CFS (1) vs. UFS/NFS (0), grouped by debate file."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            Item(r["Text"], int(r["Verdict"] == "1"), "cb", "cb:" + r["File_id"].removesuffix(".txt"))
            for r in csv.DictReader(fh)
            if r.get("Text")
        ]


def load_clef2020_doc(path: Path) -> list[Item]:
    """One CLEF-2020 Task 5 TSV: ``line speaker sentence label`` without a header."""
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 4 and parts[-1].strip() in ("0", "1"):
            items.append(Item(parts[2], int(parts[-1]), "clef20", path.stem))
    return items


def load_ct22(path: Path) -> list[Item]:
    """CLEF-2022 Task 1A English tweets (TSV with a header)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            Item(r["tweet_text"], int(r["class_label"]), "ct22", "ct22")
            for r in rows
            if r.get("class_label") in ("0", "1")
        ]


def dedupe_key(text: str) -> str:
    """Text equality up to case, spacing and punctuation."""
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


@dataclass(slots=True)
class Splits:
    """Train, validation and the named held-out test sets."""

    train: list[Item]
    val: list[Item]
    tests: dict[str, list[Item]]
    description: dict[str, object]


def clef20_split(doc_names: Sequence[str]) -> tuple[list[str], list[str], list[str]]:
    """(train, val, test) CLEF-2020 document names, reproducible from ``SEED``."""
    free = sorted(d for d in doc_names if d not in CLEF20_IN_CLAIMBUSTER)
    random.Random(SEED).shuffle(free)
    test = sorted(free[:N_CLEF20_TEST])
    val = sorted(free[N_CLEF20_TEST : N_CLEF20_TEST + N_CLEF20_VAL])
    train = sorted(set(doc_names) - set(test) - set(val))
    return train, val, test


def cb_val_debates(groups: Iterable[str]) -> list[str]:
    """The ClaimBuster debates held out for validation and calibration."""
    ordered = sorted(set(groups))
    random.Random(SEED + 1).shuffle(ordered)
    return sorted(ordered[:N_CB_VAL])


def make_splits(data: Path) -> Splits:
    """Load every file and build the fixed splits described in the module docstring."""
    cb = load_claimbuster(data / CB)
    clef_docs = {p.stem: load_clef2020_doc(p) for p in sorted((data / CLEF20).glob("*.tsv"))}
    c_train, c_val, c_test = clef20_split(list(clef_docs))
    cb_val = set(cb_val_debates(i.group for i in cb))
    ct = {name: load_ct22(data / CT22.format(name)) for name in ("train", "dev", "dev_test")}

    tests = {
        "clef2020_heldout_debates": [i for d in c_test for i in clef_docs[d]],
        "ct22_dev_test_tweets": ct["dev_test"],
    }
    val = [i for i in cb if i.group in cb_val] + [i for d in c_val for i in clef_docs[d]] + ct["dev"]
    train = [i for i in cb if i.group not in cb_val] + [i for d in c_train for i in clef_docs[d]] + ct["train"]

    test_keys = {dedupe_key(i.text) for items in tests.values() for i in items}
    val = [i for i in val if dedupe_key(i.text) not in test_keys]
    val_keys = {dedupe_key(i.text) for i in val}
    n_before = len(train)
    train = [i for i in train if dedupe_key(i.text) not in test_keys | val_keys]
    description = {
        "seed": SEED,
        "clef2020_test_docs": c_test,
        "clef2020_val_docs": c_val,
        "clef2020_train_docs": c_train,
        "claimbuster_val_debates": sorted(cb_val),
        "ct22": {"train": "train", "val": "dev", "test": "dev_test"},
        "train_dropped_as_duplicates": n_before - len(train),
    }
    return Splits(train, val, tests, description)


# ------------------------------------------------------------------------------------ metrics


def average_precision(labels: Sequence[int], scores: Sequence[float]) -> float | None:
    """AP of a ranking by descending score (ties kept in input order); None without positives."""
    order = np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")
    rel = np.asarray(labels)[order]
    if rel.sum() == 0:
        return None
    hits = np.cumsum(rel)
    return float(np.sum((hits / np.arange(1, len(rel) + 1))[rel == 1]) / rel.sum())


def mean_average_precision(items: Sequence[Item], scores: Sequence[float]) -> float:
    """CheckThat!-style MAP: AP per group (debate), averaged over groups that have positives."""
    by_group: dict[str, tuple[list[int], list[float]]] = {}
    for item, s in zip(items, scores, strict=True):
        labels, ss = by_group.setdefault(item.group, ([], []))
        labels.append(item.label)
        ss.append(float(s))
    aps = [ap for labels, ss in by_group.values() if (ap := average_precision(labels, ss)) is not None]
    return float(np.mean(aps)) if aps else float("nan")


def f1_positive(labels: Sequence[int], scores: Sequence[float], threshold: float) -> dict[str, float]:
    """Precision, recall and F1 of the positive class at ``threshold``."""
    y = np.asarray(labels) == 1
    p = np.asarray(scores) >= threshold
    tp = float(np.sum(y & p))
    prec = tp / p.sum() if p.sum() else 0.0
    rec = tp / y.sum() if y.sum() else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4)}


def best_threshold(labels: Sequence[int], scores: Sequence[float]) -> float:
    """The threshold (on a 0.01 grid) that maximises positive-class F1."""
    grid = np.round(np.arange(0.01, 1.0, 0.01), 2)
    return float(max(grid, key=lambda t: f1_positive(labels, scores, float(t))["f1"]))


def evaluate(items: Sequence[Item], scores: Sequence[float], threshold: float) -> dict[str, object]:
    """F1 at ``threshold``, MAP over groups and overall AP."""
    labels = [i.label for i in items]
    return {
        "n": len(items),
        "positives": int(sum(labels)),
        "groups": len({i.group for i in items}),
        "map": round(mean_average_precision(items, scores), 4),
        "ap_overall": round(average_precision(labels, scores) or 0.0, 4),
        "at_threshold": threshold,
        **f1_positive(labels, scores, threshold),
    }


# ------------------------------------------------------------------------------------ training


def _features(items: Sequence[Item], vec_w, vec_c, fit: bool):  # noqa: ANN001,ANN202 - sklearn types
    """TF-IDF blocks, hand features, then one indicator column per source (a per-source bias)."""
    from scipy import sparse

    texts = [i.text for i in items]
    norms = [normalise(t) for t in texts]
    if fit:
        xw, xc = vec_w.fit_transform(norms), vec_c.fit_transform(norms)
    else:
        xw, xc = vec_w.transform(norms), vec_c.transform(norms)
    xh = sparse.csr_matrix(np.asarray([hand_features(t) for t in texts], dtype=np.float64))
    xs = sparse.csr_matrix(np.asarray([[float(i.source == s) for s in SOURCES] for i in items]))
    return sparse.hstack([xw, xc, xh, xs], format="csr")


def _vectorizers():  # noqa: ANN202
    from sklearn.feature_extraction.text import TfidfVectorizer

    common = {"lowercase": False, "sublinear_tf": True, "min_df": 2, "dtype": np.float64}
    vec_w = TfidfVectorizer(analyzer=word_features, max_features=WORD_MAX_FEATURES, **common)
    vec_c = TfidfVectorizer(analyzer=char_features, max_features=CHAR_MAX_FEATURES, **common)
    return vec_w, vec_c


def _weights(items: Sequence[Item], clef_weight: float, ct22_weight: float) -> np.ndarray:
    """Per-item training weights by source (ClaimBuster items weigh 1)."""
    by_source = {"cb": 1.0, "clef20": clef_weight, "ct22": ct22_weight}
    return np.asarray([by_source[i.source] for i in items])


def fit_lr(x, y: np.ndarray, w: np.ndarray, c: float):  # noqa: ANN001,ANN201
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, solver="liblinear", max_iter=2000).fit(x, y, sample_weight=w)


def fit_platt(z: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling p = sigmoid(a*z + b), fitted by (nearly unregularised) logistic regression."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e4, max_iter=1000).fit(z.reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def _val_summary(val: Sequence[Item], z: np.ndarray) -> dict[str, float]:
    out = {}
    for src in ("cb", "clef20", "ct22"):
        idx = [k for k, i in enumerate(val) if i.source == src]
        out[src] = mean_average_precision([val[k] for k in idx], z[idx])
    out["mean"] = float(np.mean(list(out.values())))
    return out


def select_hyperparameters(xtr, ytr, train, xva, val, grid) -> tuple[dict, list[dict]]:  # noqa: ANN001
    """Pick (C, source weights) by mean validation MAP over the three sources."""
    log = []
    for c, cw, tw in grid:
        t0 = time.perf_counter()
        lr = fit_lr(xtr, ytr, _weights(train, cw, tw), c)
        summary = {k: round(v, 4) for k, v in _val_summary(val, lr.decision_function(xva)).items()}
        log.append({"C": c, "clef20_weight": cw, "ct22_weight": tw, **summary})
        print(f"  C={c} clef20_weight={cw} ct22_weight={tw}: val MAP {summary} ({time.perf_counter() - t0:.0f}s)")
    best = max(log, key=lambda r: r["mean"])
    return best, log


def runs_of(items: Sequence[Item]) -> np.ndarray:
    """Document id of each item for ``context_features``: debate lines in order; a tweet stands alone."""
    ids: dict[str, int] = {}
    return np.asarray([ids.setdefault(i.group, len(ids)) if i.source != "ct22" else -1 - k
                       for k, i in enumerate(items)])


def out_of_fold(xtr, ytr: np.ndarray, train: Sequence[Item], best: dict) -> np.ndarray:  # noqa: ANN001
    """Raw scores of every training item from a model fitted without its document (``N_FOLDS`` folds)."""
    import zlib

    fold = np.asarray([zlib.crc32((i.group if i.source != "ct22" else i.text).encode()) % N_FOLDS for i in train])
    z = np.zeros(len(train))
    for k in range(N_FOLDS):
        fit, held = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
        w = _weights([train[j] for j in fit], best["clef20_weight"], best["ct22_weight"])
        lr = fit_lr(xtr[fit], ytr[fit], w, best["C"])
        z[held] = as_claimbuster(lr, [train[j] for j in held], lr.decision_function(xtr[held]))
    return z


def as_claimbuster(lr, items: Sequence[Item], z: np.ndarray) -> np.ndarray:  # noqa: ANN001
    """Raw scores with each item's source bias swapped for ClaimBuster's, as the shipped scorer computes them."""
    bias = lr.coef_.ravel()[-len(SOURCES) :]
    return z - np.asarray([bias[SOURCES.index(i.source)] for i in items]) + bias[SOURCES.index("cb")]


def _context_x(items: Sequence[Item], z: np.ndarray) -> np.ndarray:
    """Context features plus one indicator per source (the context layer's per-source bias)."""
    xs = np.asarray([[float(i.source == s) for s in SOURCES] for i in items])
    return np.hstack([context_features(z, runs_of(items)), xs])


def fit_context(items: Sequence[Item], z: np.ndarray, best: dict):  # noqa: ANN201
    """Logistic regression over neighbouring scores, weighted by source like the base model."""
    from sklearn.linear_model import LogisticRegression

    w = _weights(items, best["clef20_weight"], best["ct22_weight"])
    y = np.asarray([i.label for i in items])
    return LogisticRegression(C=1.0, max_iter=2000, fit_intercept=False).fit(_context_x(items, z), y, sample_weight=w)


def export(path: Path, vec_w, vec_c, lr, platt: tuple[float, float], meta: dict, ctx=None) -> None:  # noqa: ANN001
    """Write the compact model: newline-joined vocabularies, float32 IDF and coefficients."""
    nw, nc, nh = len(vec_w.vocabulary_), len(vec_c.vocabulary_), len(HAND_FEATURES)
    coef = lr.coef_.ravel()
    assert len(coef) == nw + nc + nh + len(SOURCES)
    words = sorted(vec_w.vocabulary_, key=vec_w.vocabulary_.get)
    chars = sorted(vec_c.vocabulary_, key=vec_c.vocabulary_.get)
    assert not any("\n" in t for t in words + chars)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        path,
        format_version=np.int64(FORMAT_VERSION),
        # The word lists the hand features read; CheckworthyModel.load warns when they have changed since.
        word_lists_sha256=np.str_(word_lists_hash()),
        word_terms=np.str_("\n".join(words)),
        char_terms=np.str_("\n".join(chars)),
        word_idf=vec_w.idf_.astype(np.float32),
        char_idf=vec_c.idf_.astype(np.float32),
        word_coef=coef[:nw].astype(np.float32),
        char_coef=coef[nw : nw + nc].astype(np.float32),
        hand_coef=coef[nw + nc : nw + nc + nh].astype(np.float32),
        # The shipped scorer uses ClaimBuster's bias: its notion of check-worthiness is the target.
        intercept=np.float64(lr.intercept_[0] + coef[nw + nc + nh + SOURCES.index("cb")]),
        platt=np.asarray(platt, dtype=np.float64),
        meta=np.str_(json.dumps(meta, sort_keys=True)),
        **({} if ctx is None else {
            "context_coef": ctx.coef_.ravel()[: len(CONTEXT_FEATURES)].astype(np.float64),
            "context_intercept": np.float64(ctx.coef_.ravel()[len(CONTEXT_FEATURES) + SOURCES.index("cb")]),
        }),
    )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of the check-worthiness data")
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help="where to write the .npz model")
    ap.add_argument("--quick", action="store_true", help="skip the hyper-parameter search")
    ap.add_argument("--context", action="store_true",
                    help="also train the context layer over neighbouring lines (kept if it raises mean validation MAP)")
    ap.add_argument("--report", type=Path, default=None, help="also write the metrics as JSON here")
    ap.add_argument("--sources", default=",".join(SOURCES),
                    help="comma-separated training sources among cb,clef20,ct22 (validation and test keep all)")
    args = ap.parse_args(argv)
    if not (args.data / CB).exists():
        print(f"data not found under {args.data}; nothing to train", file=sys.stderr)
        return 1

    t0 = time.perf_counter()
    sp = make_splits(args.data)
    keep = {s.strip() for s in args.sources.split(",")} & set(SOURCES)
    if "cb" not in keep:
        print("--sources must include cb (its bias and calibration define the shipped score)", file=sys.stderr)
        return 1
    sp.train = [i for i in sp.train if i.source in keep]
    print(f"train {len(sp.train)}  val {len(sp.val)}  " + "  ".join(f"{k} {len(v)}" for k, v in sp.tests.items()))
    vec_w, vec_c = _vectorizers()
    xtr = _features(sp.train, vec_w, vec_c, fit=True)
    xva = _features(sp.val, vec_w, vec_c, fit=False)
    ytr = np.asarray([i.label for i in sp.train])
    print(f"features {xtr.shape[1]} ({time.perf_counter() - t0:.0f}s)")

    grid = [(1.0, 0.5, 2.0)] if args.quick else [
        (c, cw, tw) for c in (0.5, 1.0, 2.0) for cw in (0.25, 1.0) for tw in (1.0, 3.0)
    ]
    # A weight for a source left out of training changes nothing: keep one value.
    grid = list(dict.fromkeys((c, cw if "clef20" in keep else 1.0, tw if "ct22" in keep else 1.0)
                              for c, cw, tw in grid))
    best, search_log = select_hyperparameters(xtr, ytr, sp.train, xva, sp.val, grid)
    lr = fit_lr(xtr, ytr, _weights(sp.train, best["clef20_weight"], best["ct22_weight"]), best["C"])

    zva = as_claimbuster(lr, sp.val, lr.decision_function(xva))
    ctx, context_log = None, {}
    if args.context:
        # The context layer is kept only if it raises mean validation MAP over the three sources.
        ctx = fit_context(sp.train, out_of_fold(xtr, ytr, sp.train, best), best)
        zctx = _context_x(sp.val, zva) @ ctx.coef_.ravel()
        context_log = {"without": _val_summary(sp.val, zva), "with": _val_summary(sp.val, zctx)}
        print(f"context layer: val MAP {context_log}")
        if context_log["with"]["mean"] > context_log["without"]["mean"]:
            zva = zctx
        else:
            ctx = None
    cb_idx = np.asarray([k for k, i in enumerate(sp.val) if i.source == "cb"])
    platt = fit_platt(zva[cb_idx], np.asarray([sp.val[k].label for k in cb_idx]))
    meta = {
        "trained": dt.date.today().isoformat(),
        "training_sources": sorted(keep),
        "splits": sp.description,
        "hyperparameters": {"C": best["C"], "clef20_weight": best["clef20_weight"],
                            "ct22_weight": best["ct22_weight"],
                            "word_max_features": WORD_MAX_FEATURES, "char_max_features": CHAR_MAX_FEATURES},
        "hand_features": list(HAND_FEATURES),
        "platt": platt,
        "search": search_log,
        "context": {"features": list(CONTEXT_FEATURES), "used": ctx is not None, "validation_map": context_log},
    }
    export(args.out, vec_w, vec_c, lr, platt, meta, ctx)

    # Scores from the exported model (numpy scorer), checked against scikit-learn.
    model = CheckworthyModel.load(args.out)
    pva = model.score([i.text for i in sp.val], runs_of(sp.val))
    if ctx is not None:  # the exported layer uses ClaimBuster's context bias for every item
        cbias = ctx.coef_.ravel()[len(CONTEXT_FEATURES) :]
        zva = zva - np.asarray([cbias[SOURCES.index(i.source)] for i in sp.val]) + cbias[SOURCES.index("cb")]
    ref = 1.0 / (1.0 + np.exp(-(platt[0] * zva + platt[1])))
    drift = float(np.max(np.abs(pva - ref)))
    print(f"export check: max |numpy - sklearn| = {drift:.2e}")
    if drift > 1e-3:
        print("exported model disagrees with the trained one", file=sys.stderr)
        return 2

    report = {"validation": {}, "test": {}, "export_max_abs_diff": drift}
    thresholds = {}
    for src in ("cb", "clef20", "ct22"):
        items = [i for i in sp.val if i.source == src]
        scores = pva[[k for k, i in enumerate(sp.val) if i.source == src]]
        thresholds[src] = best_threshold([i.label for i in items], scores)
        report["validation"][src] = {"default": evaluate(items, scores, 0.5),
                                     "tuned": evaluate(items, scores, thresholds[src])}
    domain = {"clef2020_heldout_debates": "clef20", "ct22_dev_test_tweets": "ct22"}
    for name, items in sp.tests.items():
        scores = model.score([i.text for i in items], runs_of(items))
        report["test"][name] = {"default": evaluate(items, scores, 0.5),
                                "val_tuned": evaluate(items, scores, thresholds[domain[name]])}
    report["validation_thresholds"] = thresholds
    print(json.dumps(report, indent=1))
    # Same weights, now with the scores in the metadata that benchmarks/eval_checkworthy.py re-checks.
    export(args.out, vec_w, vec_c, lr, platt, {**meta, "report": report}, ctx)
    if args.report:
        args.report.write_text(json.dumps({"meta": meta, **report}, indent=1) + "\n")
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size / 1e6:.2f} MB) in {time.perf_counter() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
