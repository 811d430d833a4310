"""Build ``src/presslens/models/framing.{npz,json}``: the SemEval-2020 Task 11 framing model.

Data: the labelled training articles of the Propaganda Techniques Corpus as released for
SemEval-2020 Task 11 (Da San Martino et al., "SemEval-2020 Task 11: Detection of Propaganda
Techniques in News Articles", SemEval 2020), split by article with a fixed seed into a training
part and a held-out dev part (``benchmarks/eval_framing.py`` scores the dev part; nothing here
is tuned on it).

Method (see ``presslens.extract.framing`` for inference):

1. Parse every article once with ``presslens.nlp.load()`` (cached as a DocBin outside the repo;
   the stage-1 fold models are cached there too).
2. Span identification, stage 1: hashed token features, including buckets of a word lexicon
   built here from the VADER lexicon (``vaderSentiment``) and Pattern's English subjectivity
   lexicon (shipped with ``textblob``), optionally with English Zipf frequencies (``wordfreq``,
   ``Settings.zipf_min > 0``; off by default because its data are CC BY-SA); the lexicon is
   stored in the model file, so none of these packages is needed at run time. One
   averaged-SGD logistic regression per token model (all techniques, then eight groups of
   techniques) and one sentence model
   (logistic regression over the sentence's mean feature vector). Out-of-fold stage-1 scores
   on the training part come from K folds by article; the shipped stage 1 averages the K fold
   models so that its scores on new text match what stage 2 was trained on. The tokens of a
   span of n tokens are weighted n**-beta, so short spans count more than token counts say (the
   metric's recall counts every gold span alike).
3. Stage 2: a logistic regression over the context features of the out-of-fold scores, with the
   same span-length weights. The decoding settings (two thresholds, gap) are chosen on
   out-of-fold stage-2 probabilities with the task's SI F1.
4. Technique classification: one-vs-rest averaged-SGD logistic regressions on the gold spans of
   the training part, over hashed span features (softmaxed at inference).

    pip install -e '.[train]'   # scikit-learn, vaderSentiment, textblob
    .venv/bin/python training/train_framing.py [--data /work/shared/data/ptc] [--out src/presslens/models]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression, SGDClassifier
from spacy.tokens import Doc, DocBin

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import eval_framing as ev  # noqa: E402
from presslens import nlp as presslens_nlp  # noqa: E402
from presslens.extract import framing as fr  # noqa: E402

# Token models after the first one ("all"): groups of techniques, most frequent first.
GROUPS: dict[str, frozenset[str]] = {
    "loaded": frozenset({"Loaded_Language"}),
    "name_calling": frozenset({"Name_Calling,Labeling"}),
    "repetition": frozenset({"Repetition"}),
    "doubt": frozenset({"Doubt"}),
    "exaggeration": frozenset({"Exaggeration,Minimisation"}),
    "fear": frozenset({"Appeal_to_fear-prejudice"}),
    "flag_waving": frozenset({"Flag-Waving"}),
}
GROUPS["rest"] = frozenset(fr.TECHNIQUES) - frozenset().union(*GROUPS.values())


@dataclass(slots=True)
class Settings:
    si_bits: int = 19
    tc_bits: int = 18
    folds: int = 4
    sgd_alpha: float = 3e-5
    sgd_epochs: int = 15
    sent_c: float = 1.0
    stage2_c: float = 0.1
    tc_alpha: float = 3e-4
    stage1_beta: float = 0.5  # token weight n**-beta inside a span of n tokens (stage 1)
    stage2_beta: float = 0.5  # the same for stage 2
    zipf_min: float = 0.0  # > 0: words at least this frequent (Zipf scale) get a wordfreq frequency (CC BY-SA data)
    seed: int = 13


@dataclass(slots=True)
class ArticleData:
    """One parsed training article with its token features and per-model token labels."""

    aid: str
    doc: Doc
    table: fr.TokenTable
    feats: np.ndarray  # (n, templates) uint64
    labels: np.ndarray  # (n, models) int8: "all" then the groups
    weights: np.ndarray  # (n, models) float: 1/n inside a span of n tokens, 1 elsewhere
    spans: list[tuple[int, int]]  # gold SI spans
    tc: list[tuple[str, int, int]]  # gold technique spans
    lex: np.ndarray | None  # (n, len(fr.LEX_COLUMNS)) lexicon values of the tokens


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ---------------------------------------------------------------------------------------------
# Data.
# ---------------------------------------------------------------------------------------------
def parse_articles(data: Path, ids: list[str], cache: Path) -> dict[str, Doc]:
    """Parse the articles once; reuse the cached DocBin when the texts are unchanged."""
    nlp = presslens_nlp.load()
    texts = [ev.read_article(data, aid) for aid in ids]
    key = hashlib.sha256("\0".join(ids + texts).encode("utf-8")).hexdigest()[:16]
    path = cache / f"ptc-train-{key}.spacy"
    if path.is_file():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if len(docs) == len(ids) and all(d.text == t for d, t in zip(docs, texts, strict=True)):
            log(f"reused parsed articles from {path}")
            return dict(zip(ids, docs, strict=True))
    log(f"parsing {len(ids)} articles with {presslens_nlp.MODEL_NAME} (cached at {path})")
    docs = list(nlp.pipe(texts, batch_size=16))
    cache.mkdir(parents=True, exist_ok=True)
    bin_ = DocBin(store_user_data=False)
    for doc in docs:
        bin_.add(doc)
    bin_.to_disk(path)
    return dict(zip(ids, docs, strict=True))


_WORD = re.compile(r"[a-z][a-z'\-]*")


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"train_framing: the package {name!r} is needed to build the word lexicon")
    return Path(next(iter(spec.submodule_search_locations)))


def build_lexicon(zipf_min: float) -> tuple[np.ndarray, np.ndarray]:
    """Word lexicon for the model file: sorted spaCy hashes of word forms and their values.

    Columns follow ``fr.LEX_COLUMNS``: VADER mean valence (-4..4) and a flag, Pattern polarity,
    subjectivity and intensity averaged over a form's senses and a flag, and the wordfreq Zipf
    frequency of the form (0 when rarer than ``zipf_min`` or when ``zipf_min`` is 0). Values
    are rounded to float16, as they are stored.
    """
    from spacy.strings import hash_string

    rows: dict[str, np.ndarray] = {}

    def row(word: str) -> np.ndarray:
        return rows.setdefault(word, np.zeros(len(fr.LEX_COLUMNS), dtype=np.float64))

    vader = _package_dir("vaderSentiment") / "vader_lexicon.txt"
    for line in vader.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and _WORD.fullmatch(parts[0]):
            r = row(parts[0])
            r[0], r[1] = float(parts[1]), 1.0
    senses: dict[str, list[tuple[float, float, float]]] = {}
    pattern = (_package_dir("textblob") / "en" / "en-sentiment.xml").read_text(encoding="utf-8")
    for m in re.finditer(r'<word form="([^"]+)"[^>]*?polarity="([-\d.]+)" subjectivity="([-\d.]+)" '
                         r'intensity="([-\d.]+)"', pattern):
        senses.setdefault(m.group(1).lower(), []).append((float(m.group(2)), float(m.group(3)), float(m.group(4))))
    for word, vals in senses.items():
        r = row(word)
        r[2:5], r[5] = np.mean(vals, axis=0), 1.0
    if zipf_min > 0:
        import wordfreq

        for word, freq in wordfreq.get_frequency_dict("en", "best").items():
            zipf = float(np.log10(freq)) + 9.0
            if zipf >= zipf_min and _WORD.fullmatch(word):
                row(word)[6] = zipf
    words = sorted(rows)
    keys = np.array([hash_string(w) for w in words], dtype=np.uint64)
    vals = np.stack([rows[w] for w in words]).astype(np.float16).astype(np.float32)
    order = np.argsort(keys)
    return keys[order], vals[order]


def token_labels(t: fr.TokenTable, spans: list[tuple[int, int]]) -> np.ndarray:
    """1 for tokens whose middle character lies inside one of ``spans``."""
    y = np.zeros(t.n, dtype=np.int8)
    mid = (t.start + t.end) // 2
    for s, e in spans:
        y[(mid >= s) & (mid < e)] = 1
    return y


def span_sizes(t: fr.TokenTable, spans: list[tuple[int, int]]) -> np.ndarray:
    """Token count of the (merged) span each token lies in; 1 outside spans."""
    size = np.ones(t.n)
    mid = (t.start + t.end) // 2
    for s, e in ev.merge_spans(spans):
        inside = (mid >= s) & (mid < e)
        size[inside] = max(1, int(inside.sum()))
    return size


def build_articles(ids: list[str], docs: dict[str, Doc], si: dict, tc: dict,
                   lexicon: tuple[np.ndarray, np.ndarray] | None = None) -> list[ArticleData]:
    out = []
    for aid in ids:
        doc = docs[aid]
        t = fr.token_table(doc)
        gold_tc = tc.get(aid, [])
        model_spans = [si.get(aid, [])]
        model_spans += [[(s, e) for tech, s, e in gold_tc if tech in techs] for techs in GROUPS.values()]
        labels = np.stack([token_labels(t, spans) for spans in model_spans], axis=1)
        sizes = np.stack([span_sizes(t, spans) for spans in model_spans], axis=1)
        lex = fr.lexicon_values(t, *lexicon) if lexicon is not None else None
        out.append(ArticleData(aid, doc, t, fr.si_features(t, lex), labels, 1.0 / sizes, si.get(aid, []), gold_tc,
                               lex))
    return out


def sample_weights(y: np.ndarray, inv_size: np.ndarray, beta: float) -> np.ndarray:
    """Weights (n**-beta for tokens of spans of n tokens, 1 for the rest), positives rescaled to their count."""
    w = np.where(y == 1, inv_size ** beta, 1.0)
    pos = y == 1
    if pos.any():
        w[pos] *= pos.sum() / w[pos].sum()
    return w


def hashed_csr(feats: np.ndarray, bits: int) -> sp.csr_matrix:
    """One row per token, a 1 in the bucket of each of its features."""
    n, k = feats.shape
    cols = (feats & np.uint64((1 << bits) - 1)).astype(np.int64).ravel()
    x = sp.csr_matrix((np.ones(n * k, dtype=np.float32), cols, np.arange(0, n * k + 1, k)), shape=(n, 1 << bits))
    x.sum_duplicates()
    return x


def sentence_rows(a: ArticleData, x: sp.csr_matrix) -> tuple[sp.csr_matrix, np.ndarray]:
    """Mean feature vector of each sentence and whether the sentence holds any gold span."""
    _, inv = np.unique(a.table.sent, return_inverse=True)
    counts = np.bincount(inv)
    avg = sp.csr_matrix((1.0 / counts[inv], (inv, np.arange(a.table.n))), shape=(counts.size, a.table.n))
    return (avg @ x).tocsr(), (np.bincount(inv, weights=a.labels[:, 0]) > 0).astype(np.int8)


# ---------------------------------------------------------------------------------------------
# Stage 1.
# ---------------------------------------------------------------------------------------------
def fit_stage1(arts: list[ArticleData], xs: list[sp.csr_matrix], cfg: Settings) -> tuple[np.ndarray, np.ndarray]:
    """Weights (models + 1, 2**bits) and biases of the token models and the sentence model."""
    x = sp.vstack(xs).tocsr()
    y = np.vstack([a.labels for a in arts])
    inv_size = np.vstack([a.weights for a in arts])
    rows, biases = [], []
    for k in range(y.shape[1]):
        m = SGDClassifier(loss="log_loss", alpha=cfg.sgd_alpha, average=True, max_iter=cfg.sgd_epochs,
                          tol=None, random_state=cfg.seed)
        m.fit(x, y[:, k], sample_weight=sample_weights(y[:, k], inv_size[:, k], cfg.stage1_beta))
        rows.append(m.coef_[0])
        biases.append(float(m.intercept_[0]))
    sx, sy = zip(*(sentence_rows(a, xi) for a, xi in zip(arts, xs, strict=True)), strict=True)
    m = LogisticRegression(C=cfg.sent_c, max_iter=2000).fit(sp.vstack(sx).tocsr(), np.concatenate(sy))
    rows.append(m.coef_[0])
    biases.append(float(m.intercept_[0]))
    return np.stack(rows).astype(np.float32), np.array(biases)


def logits_for(a: ArticleData, w1: np.ndarray, b1: np.ndarray, bits: int) -> np.ndarray:
    return fr.stage1_logits(fr.stage1_scores(a.feats, w1, b1, bits), a.table)


def fold_of(arts: list[ArticleData], cfg: Settings) -> np.ndarray:
    rng = np.random.RandomState(cfg.seed)
    return rng.permutation(np.arange(len(arts)) % cfg.folds)


def out_of_fold_logits(arts: list[ArticleData], xs: list[sp.csr_matrix], folds: np.ndarray,
                       cfg: Settings) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """Out-of-fold stage-1 logits of every article, and the fold models' averaged weights.

    The shipped stage 1 is the average of the fold models (all linear, so this averages their
    logits): on unseen text its scores are distributed like the out-of-fold scores stage 2 was
    trained on, which a model refitted on all articles would not guarantee.
    """
    out: list[np.ndarray | None] = [None] * len(arts)
    w_sum: np.ndarray | None = None
    b_sum: np.ndarray | None = None
    for k in range(cfg.folds):
        fit = [i for i in range(len(arts)) if folds[i] != k]
        w1, b1 = fit_stage1([arts[i] for i in fit], [xs[i] for i in fit], cfg)
        w_sum = w1.astype(np.float64) if w_sum is None else w_sum + w1
        b_sum = b1.copy() if b_sum is None else b_sum + b1
        for i in np.flatnonzero(folds == k):
            out[i] = logits_for(arts[i], w1, b1, cfg.si_bits)
        log(f"stage 1, fold {k + 1}/{cfg.folds} done")
    assert w_sum is not None and b_sum is not None
    return [o for o in out if o is not None], (w_sum / cfg.folds).astype(np.float32), b_sum / cfg.folds


def cached_stage1(arts: list[ArticleData], xs: list[sp.csr_matrix], folds: np.ndarray, cfg: Settings,
                  cache: Path) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """:func:`out_of_fold_logits`, cached by article ids, labels, folds and settings."""
    h = hashlib.sha256()
    for a in arts:
        h.update(a.aid.encode())
        h.update(a.labels.tobytes())
    h.update(folds.tobytes())
    h.update(repr([(k, getattr(cfg, k)) for k in ("si_bits", "folds", "sgd_alpha", "sgd_epochs", "sent_c", "seed", "stage1_beta")]).encode())
    h.update(repr(sorted((k, sorted(v)) for k, v in GROUPS.items())).encode())
    for a in arts:  # the features themselves (templates, lexicon)
        h.update(a.feats.tobytes())
    path = cache / f"ptc-stage1-{h.hexdigest()[:16]}.npz"
    if path.is_file():
        with np.load(path, allow_pickle=False) as z:
            bounds = np.cumsum([0] + [a.table.n for a in arts])
            oof = [z["oof"][bounds[i]:bounds[i + 1]] for i in range(len(arts))]
            log(f"reused stage 1 from {path}")
            return oof, z["w1"], z["b1"]
    oof, w1, b1 = out_of_fold_logits(arts, xs, folds, cfg)
    cache.mkdir(parents=True, exist_ok=True)
    np.savez(path, oof=np.vstack(oof), w1=w1, b1=b1)
    return oof, w1, b1


# ---------------------------------------------------------------------------------------------
# Stage 2 and decoding.
# ---------------------------------------------------------------------------------------------
def fit_stage2(x2: list[np.ndarray], arts: list[ArticleData], cfg: Settings):
    """Logistic regression over standardised stage-2 inputs, tokens weighted by span length."""
    xa = np.vstack(x2)
    y = np.concatenate([a.labels[:, 0] for a in arts])
    w = sample_weights(y, np.concatenate([a.weights[:, 0] for a in arts]), cfg.stage2_beta)
    mu, sd = xa.mean(axis=0), xa.std(axis=0) + 1e-6
    m = LogisticRegression(C=cfg.stage2_c, max_iter=3000).fit(fr.standardise(xa, mu, sd), y, sample_weight=w)
    return m.coef_[0].astype(np.float64), float(m.intercept_[0]), mu, sd


def stage2_prob(x2: np.ndarray, w: np.ndarray, b: float, mu: np.ndarray, sd: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(fr.standardise(x2, mu, sd) @ w + b, -30, 30)))


DECODE_GAPS = (0, 1, 2)


def tune_decoding(arts: list[ArticleData], probs: list[np.ndarray]) -> tuple[float, float, int, tuple]:
    """Grid search of (high, low, gap) for SI F1 on out-of-fold probabilities."""
    gold = {a.aid: a.spans for a in arts}
    texts = [a.doc.text for a in arts]
    best = (-1.0, 0.5, 0.5, 0, (0.0, 0.0, 0.0))
    grid = np.round(np.arange(0.1, 0.61, 0.05), 2).tolist()
    for high in grid:
        for low in grid:
            if low > high:
                continue
            for gap in DECODE_GAPS:
                pred = {a.aid: [(s, e) for s, e, _ in fr.decode_spans(a.table, p, high, low, text, gap)]
                        for a, p, text in zip(arts, probs, texts, strict=True)}
                score = ev.si_score(pred, gold)
                if score[2] > best[0]:
                    best = (score[2], high, low, gap, score)
    return best[1], best[2], best[3], best[4]


# ---------------------------------------------------------------------------------------------
# Technique classification.
# ---------------------------------------------------------------------------------------------
def tc_matrix(arts: list[ArticleData], bits: int) -> tuple[sp.csr_matrix, np.ndarray]:
    """Hashed features and technique index of every gold span."""
    rows, y = [], []
    for a in arts:
        ctx = fr.doc_context(a.doc)
        for tech, s, e in a.tc:
            rows.append(fr.tc_vector(fr.tc_features(a.doc, s, e, ctx), bits))
            y.append(fr.TECHNIQUES.index(tech))
    indptr = np.cumsum([0] + [len(r[0]) for r in rows])
    xs = sp.csr_matrix((np.concatenate([r[1] for r in rows]), np.concatenate([r[0] for r in rows]), indptr),
                       shape=(len(rows), 1 << bits))
    xs.sum_duplicates()
    return xs, np.array(y)


def fit_tc(x: sp.csr_matrix, y: np.ndarray, cfg: Settings) -> tuple[np.ndarray, np.ndarray]:
    """One-vs-rest averaged-SGD logistic regressions; scores are softmaxed at inference."""
    m = SGDClassifier(loss="log_loss", alpha=cfg.tc_alpha, average=True, max_iter=cfg.sgd_epochs,
                      tol=None, random_state=cfg.seed).fit(x, y)
    coef = np.zeros((len(fr.TECHNIQUES), x.shape[1]), dtype=np.float32)
    bias = np.full(len(fr.TECHNIQUES), -30.0)
    coef[m.classes_] = m.coef_
    bias[m.classes_] = m.intercept_
    return coef, bias


def cv_tc(x: sp.csr_matrix, y: np.ndarray, groups: np.ndarray, cfg: Settings) -> float:
    """Cross-validated TC accuracy (= micro-F1) over folds by article."""
    hits = 0
    for k in range(cfg.folds):
        test = groups == k
        w, b = fit_tc(x[~test], y[~test], cfg)
        hits += int(((x[test] @ w.T + b).argmax(axis=1) == y[test]).sum())
    return hits / max(1, len(y))


# ---------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ev.DEFAULT_DATA, help="PTC v2 folder")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "presslens" / "models", help="where to write framing.*")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "presslens",
                        help="folder for the parsed-article cache (kept out of the repo)")
    args = parser.parse_args(argv)
    if not (args.data / "train-articles").is_dir():
        print(f"train_framing: PTC data not found under {args.data}; nothing to do.")
        return 0
    cfg = Settings()
    t_start = time.perf_counter()
    ids = ev.article_ids(args.data)
    train_ids, dev_ids = ev.split_ids(ids)
    log(f"{len(ids)} labelled articles: {len(train_ids)} train, {len(dev_ids)} held out (not used here)")
    docs = parse_articles(args.data, ids, args.cache)
    lex_keys, lex_vals = build_lexicon(cfg.zipf_min)
    log(f"word lexicon: {lex_keys.size} word forms")
    arts = build_articles(train_ids, docs, ev.read_si_labels(args.data), ev.read_tc_labels(args.data),
                          (lex_keys, lex_vals))
    xs = [hashed_csr(a.feats, cfg.si_bits) for a in arts]
    log(f"{sum(a.table.n for a in arts)} training tokens, {arts[0].feats.shape[1]} feature templates")

    folds = fold_of(arts, cfg)
    oof, w1, b1 = cached_stage1(arts, xs, folds, cfg, args.cache)
    x2 = [fr.stage2_inputs(lg, a.table, a.lex) for lg, a in zip(oof, arts, strict=True)]
    oof2: list[np.ndarray | None] = [None] * len(arts)
    for k in range(cfg.folds):
        fit = [i for i in range(len(arts)) if folds[i] != k]
        w, b, mu, sd = fit_stage2([x2[i] for i in fit], [arts[i] for i in fit], cfg)
        for i in np.flatnonzero(folds == k):
            oof2[i] = stage2_prob(x2[i], w, b, mu, sd)
    high, low, gap, cv_si = tune_decoding(arts, [p for p in oof2 if p is not None])
    log(f"cross-validated SI on the training part: P {cv_si[0]:.3f} R {cv_si[1]:.3f} F1 {cv_si[2]:.3f} "
        f"at high={high} low={low} gap={gap}")
    w2, b2, mu2, sd2 = fit_stage2(x2, arts, cfg)
    log("stage 2 fitted on all out-of-fold scores")

    tx, ty = tc_matrix(arts, cfg.tc_bits)
    span_fold = np.concatenate([np.full(len(a.tc), folds[i]) for i, a in enumerate(arts)]).astype(np.int64)
    cv_acc = cv_tc(tx, ty, span_fold, cfg)
    tc_w, tc_b = fit_tc(tx, ty, cfg)
    log(f"technique classifier fitted on {len(ty)} gold spans; cross-validated micro-F1 {cv_acc:.3f}")

    model = fr.FramingModel(
        si_bits=cfg.si_bits, si_w1=w1, si_b1=b1, si_w2=w2, si_b2=b2, si_mu2=mu2, si_sd2=sd2,
        high=high, low=low, gap=gap, tc_bits=cfg.tc_bits, tc_w=tc_w, tc_b=tc_b,
        techniques=fr.TECHNIQUES, groups=("all", *GROUPS), lex_keys=lex_keys, lex_vals=lex_vals,
        meta={
            "trained": date.today().isoformat(), "data": "PTC v2 (SemEval-2020 Task 11) training articles",
            "split_seed": ev.SPLIT_SEED, "train_articles": len(train_ids), "dev_articles": len(dev_ids),
            "cv_si": {"precision": cv_si[0], "recall": cv_si[1], "f1": cv_si[2]}, "cv_tc_micro_f1": cv_acc,
            "settings": {k: getattr(cfg, k) for k in cfg.__slots__},
            "lexicon": {"word_forms": int(lex_keys.size), "columns": list(fr.LEX_COLUMNS),
                        "sources": ["VADER lexicon (vaderSentiment, MIT)",
                                    "Pattern en-sentiment.xml (shipped with textblob, PDDL)"]
                        + (["wordfreq English 'best' list (data CC BY-SA 4.0)"] if cfg.zipf_min > 0 else [])},
            fr.WORD_LISTS_KEY: fr.word_lists_hash(),  # the lists of presslens.lexicon.framing it was trained on
        },
    )
    model.save(args.out)
    log(f"wrote {args.out}/framing.npz and framing.json in {time.perf_counter() - t_start:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
