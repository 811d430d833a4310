"""Train the learned cue model (``presslens/models/reported-cues.*``) on PolNeAR train.

Examples: every verb of a PolNeAR train article that is outside quotation marks, outside the parc
profile's cue lexicon, and takes a complement (a clause, an infinitive, an object or a preposition
of ``lexicon.attribution.CONTENT_PREPOSITIONS``), and every listed verb whose object the rules do
not read (``learned_cues.unread_object``: "discussed the deal"). It is positive when it lies inside
a gold cue span.
Features: ``presslens.extract.attribution.learned_cues.token_features`` (syntax, and one column per
lemma seen at least ``--min-lemma`` times among the examples). A logistic regression (scikit-learn,
for fitting only) is fitted; the threshold is the one that maximises content F1 of the whole
extraction (parc profile) on ``--tune`` training articles held out of the fit. PolNeAR dev is not
used; ``benchmarks/eval_polnear.py --split dev`` gives the held-out figures.

    .venv/bin/python training/train_cue_model.py --parse-cache /tmp/polnear-parses
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from parse_cache import parsed  # training/parse_cache.py (a script has its own folder on its path)
from presslens import nlp as presslens_nlp
from presslens.eval.polnear import load_split, match_items, to_pred_items
from presslens.extract.attribution import context as attribution_context
from presslens.extract.attribution import find_attributions
from presslens.extract.attribution.learned_cues import (
    MODEL_DIR,
    STRUCTURE_FEATURES,
    CueModel,
    token_features,
    unread_object,
)
from presslens.extract.attribution.quotes import find_quotes
from presslens.lexicon import attribution as lexicon

DEFAULT_DATA = Path("/work/shared/data/polnear")
_COMPLEMENTS = ("ccomp", "xcomp", "dobj")


def candidate_verbs(doc: Doc) -> list:
    """Verbs the model would be asked about: outside quotes, outside the parc lexicon with a complement
    or listed with an object the rules do not read."""
    lex = attribution_context.LEXICONS["parc"]
    quoted = [False] * len(doc)
    for q in find_quotes(doc.text):
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                quoted[i] = True
    out = []
    for t in doc:
        if t.pos_ != "VERB" or quoted[t.i] or t.dep_ in ("amod", "compound"):
            continue
        if t.lemma in lex.verbs:
            if unread_object(t, lex.objects):
                out.append(t)  # a listed verb whose object only the model reads ("discussed the deal")
            continue
        if t.lemma in attribution_context.SEEM or t.lower_ == "according":
            continue  # decided by their own rules before the model is asked
        if any(c.dep_ in _COMPLEMENTS and c.i > t.i for c in t.children) or any(
            c.dep_ == "prep" and c.i > t.i and c.lower_ in lexicon.CONTENT_PREPOSITIONS for c in t.children
        ):
            out.append(t)
    return out


def content_f1(articles, docs, model: CueModel | None) -> tuple[float, float, float]:
    """Content P/R/F1 of the parc profile with ``model`` as the cue model (None: the lexicon only)."""
    tp = pred = gold_n = 0
    for (_, text, gold), doc in zip(articles, docs, strict=True):
        found = find_attributions(doc, profile="parc", learned_cues=model is not None, cue_model=model)
        items = to_pred_items(found)
        tp += len(match_items(text, [g.content for g in gold], items))
        pred += len(items)
        gold_n += len(gold)
    p, r = tp / max(pred, 1), tp / max(gold_n, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR root (with metadata.tsv)")
    p.add_argument(
        "--parse-cache", type=Path, default=None, help="folder keeping the spaCy parses between runs"
    )
    p.add_argument("--min-lemma", type=int, default=3, help="examples a lemma needs for a column of its own")
    p.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    p.add_argument("--tune", type=int, default=200, help="training articles held out to choose the threshold")
    p.add_argument("--no-save", action="store_true", help="report figures without writing the model")
    p.add_argument("--out", type=Path, default=MODEL_DIR, help="folder to write reported-cues.npz/.json into")
    args = p.parse_args(argv)
    if not (args.data / "train").is_dir():
        print(f"PolNeAR data not found under {args.data}; skipping.")
        return 0
    from sklearn.linear_model import LogisticRegression

    nlp = presslens_nlp.load()
    articles = list(load_split(args.data, "train"))
    docs = parsed(nlp, [t for _, t, _ in articles], args.parse_cache)
    examples = []  # (article index, token, label)
    for k, ((_, _, gold), doc) in enumerate(zip(articles, docs, strict=True)):
        cue_chars = {c for g in gold for a, b in g.cue for c in range(a, b)}
        for t in candidate_verbs(doc):
            examples.append((k, t, t.idx in cue_chars))
    lemma_counts = Counter(t.lemma_.lower() for _, t, _ in examples)
    lemmas = tuple(sorted(w for w, n in lemma_counts.items() if n >= args.min_lemma))
    index = {w: i for i, w in enumerate(lemmas)}
    width = len(STRUCTURE_FEATURES) + len(lemmas)
    x = np.zeros((len(examples), width), dtype=np.float32)
    for row, (_, t, _) in enumerate(examples):
        x[row, token_features(t, index)] = 1.0
    y = np.array([label for _, _, label in examples], dtype=np.float32)
    tune = set(range(len(articles) - args.tune, len(articles)))
    fit_rows = np.array([k not in tune for k, _, _ in examples])

    def fit(rows: np.ndarray) -> np.ndarray:
        model = LogisticRegression(C=args.c, fit_intercept=False, max_iter=3000)
        model.fit(x[rows], y[rows])
        return model.coef_[0].astype(np.float32)

    held = [articles[k] for k in sorted(tune)]
    held_docs = [docs[k] for k in sorted(tune)]
    weights = fit(fit_rows)
    without = content_f1(held, held_docs, None)
    scores = {}
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        scores[threshold] = content_f1(held, held_docs, CueModel(lemmas, weights, threshold))
        print(f"threshold {threshold}: P/R/F1 {[round(v, 3) for v in scores[threshold]]}")
    threshold = max(scores, key=lambda t: scores[t][2])
    weights = fit(np.ones(len(examples), dtype=bool))
    figures = {
        "train_articles": len(articles),
        "examples": len(examples),
        "positive_rate": round(float(y.mean()), 3),
        "lemmas": len(lemmas),
        "threshold": threshold,
        "held_out_articles": len(held),
        "held_out_content_without": [round(v, 3) for v in without],
        "held_out_content_with": [round(v, 3) for v in scores[threshold]],
        "c": args.c,
    }
    print(json.dumps(figures, indent=1))
    if not args.no_save:
        data = f"PolNeAR train ({len(articles)} articles; threshold chosen on the last {args.tune})"
        CueModel(lemmas, weights, threshold, {"figures": figures, "data": data}).save(args.out)
        print(f"saved {args.out}/reported-cues.npz and .json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
