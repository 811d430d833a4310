"""Train the learned cue model (``presslens/models/reported-cues.*``) on PolNeAR train.

Examples: every verb of a PolNeAR train article that is outside quotation marks, outside the parc
profile's cue lexicon, and takes a complement (a clause, an infinitive, an object or a preposition
of ``lexicon.attribution.CONTENT_PREPOSITIONS``), and every listed verb whose object the rules do
not read (``learned_cues.unread_object``: "discussed the deal"). It is positive when it lies inside
a gold cue span. The part for nouns and adjectives (``learned_nouns``) takes every noun or adjective
outside quotes with a complement (``learned_nouns.complement``) for which the rules build no
candidate; positive likewise. The part for content ends (``learned_ends``) takes, for every
adjustable content of the parc profile (with the verb and noun parts) whose cue and start agree with
a gold attribution, each place where the content may end from its start up to the gold end: positive
where the gold content ends, negative before. Each part has its own logistic regression and threshold;
the end part's threshold is the best over ``--end-folds`` folds of all training articles (each scored
with an end part fitted on the others; of equal F1 to four places, the lowest), as a single held-out set
leaves the choice to chance.
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
from dataclasses import replace
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from parse_cache import parsed  # training/parse_cache.py (a script has its own folder on its path)
from presslens import nlp as presslens_nlp
from presslens.eval.polnear import load_split, match_items, to_pred_items
from presslens.extract.attribution import context as attribution_context
from presslens.extract.attribution import find_attributions, resolved_candidates
from presslens.extract.attribution.learned_cues import (
    MODEL_DIR,
    STRUCTURE_FEATURES,
    CueModel,
    EndCues,
    NounCues,
    token_features,
    unread_object,
)
from presslens.extract.attribution.learned_ends import adjustable, next_start, walk
from presslens.extract.attribution.learned_nouns import NOUN_FEATURES, complement, noun_features
from presslens.extract.attribution.nonverbal import adjective_candidate, noun_candidate
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


def candidate_nouns(doc: Doc) -> list:
    """(token, complement kind) of the nouns and adjectives the noun part would be asked about: outside
    quotes, with a complement, and no candidate from the rules (``nonverbal``)."""
    lex = attribution_context.LEXICONS["parc"]
    ctx = attribution_context.Context(doc, lex, None)
    out = []
    for t in doc:
        if t.pos_ not in ("NOUN", "ADJ") or ctx.inq[t.i] >= 0 or t.dep_ == "compound":
            continue
        comp = complement(t)
        if comp is None:
            continue
        if t.pos_ == "NOUN" and (t.lemma in attribution_context.NOUN_CUES or t.lemma in lex.noun_prep):
            if noun_candidate(ctx, t) is not None:
                continue
        if t.pos_ == "ADJ" and t.lemma in lex.adjectives and t.dep_ == "acomp":
            if adjective_candidate(ctx, t) is not None:
                continue
        out.append((t, comp[1]))
    return out


def end_examples(articles, docs, model: CueModel) -> list[tuple[int, list[str], int]]:
    """(article index, feature names, stop) for each place where an adjustable parc content whose cue
    and start agree with a gold attribution may end, up to the gold end (``learned_ends.walk``)."""
    lex = attribution_context.LEXICONS["parc"]
    out = []
    for k, ((_, text, gold), doc) in enumerate(zip(articles, docs, strict=True)):
        ctx, kept, _, _ = resolved_candidates(doc, lex, model)
        for c in kept:
            if not adjustable(ctx, c):
                continue
            g = next((g for g in gold if any(a < c.cue[1] and c.cue[0] < b for a, b in g.cue)), None)
            if g is None or _words_between(text, g.content[0][0], c.start):
                continue
            gold_end = g.content[-1][1]
            limit = next_start(ctx, c, kept)
            for _, j, _, names in walk(ctx, c, limit):
                end = ctx.tok_end(j)
                if not _words_between(text, end, gold_end):
                    out.append((k, names, 1))
                    break
                if end > gold_end:
                    break
                out.append((k, names, 0))
    return out


def _words_between(text: str, x: int, y: int) -> bool:
    """Whether a letter or digit lies between offsets ``x`` and ``y`` (either order)."""
    return any(ch.isalnum() for ch in text[min(x, y) : max(x, y)])


def _fit_ends(examples: list, rows: set[int] | None, c: float, min_count: int) -> EndCues:
    """The end part fitted on the examples of articles ``rows`` (None: all), threshold 0.5 for now."""
    fit = [(names, y) for k, names, y in examples if rows is None or k in rows]
    counts = Counter(n for names, _ in fit for n in names)
    names = tuple(sorted(n for n, v in counts.items() if v >= min_count))
    index = {n: i for i, n in enumerate(names)}
    x = np.zeros((len(fit), len(names)), dtype=np.float32)
    for row, (on, _) in enumerate(fit):
        x[row, [index[n] for n in on if n in index]] = 1.0
    y = np.array([label for _, label in fit], dtype=np.float32)
    return EndCues(names, _fit(x, y, np.ones(len(fit), dtype=bool), c), 0.5)


def end_threshold_cv(
    articles, docs, examples: list, model: CueModel, folds: int, c: float, min_count: int
) -> dict[float, tuple[float, float, float]]:
    """Content P/R/F1 over all ``articles`` of each of ``END_THRESHOLDS``, each fold's articles scored
    with an end part fitted on the other folds' examples (``model`` gives the verb and noun parts)."""
    n = len(articles)
    counts = {th: [0, 0, 0] for th in END_THRESHOLDS}
    for f in range(folds):
        test = range(f * n // folds, (f + 1) * n // folds)
        ends = _fit_ends(examples, set(range(n)) - set(test), c, min_count)
        part, part_docs = [articles[k] for k in test], [docs[k] for k in test]
        for th in END_THRESHOLDS:
            found = content_counts(part, part_docs, replace(model, ends=replace(ends, threshold=th)))
            counts[th] = [a + b for a, b in zip(counts[th], found, strict=True)]
    return {th: _prf(*v) for th, v in counts.items()}


def _fit(x: np.ndarray, y: np.ndarray, rows: np.ndarray, c: float) -> np.ndarray:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, fit_intercept=False, max_iter=3000)
    model.fit(x[rows], y[rows])
    return model.coef_[0].astype(np.float32)


def content_counts(articles, docs, model: CueModel | None) -> tuple[int, int, int]:
    """Matched, predicted and gold contents of the parc profile with ``model`` (None: the lexicon only)."""
    tp = pred = gold_n = 0
    for (_, text, gold), doc in zip(articles, docs, strict=True):
        found = find_attributions(doc, profile="parc", learned_cues=model is not None, cue_model=model)
        items = to_pred_items(found)
        tp += len(match_items(text, [g.content for g in gold], items))
        pred += len(items)
        gold_n += len(gold)
    return tp, pred, gold_n


def _prf(tp: int, pred: int, gold_n: int) -> tuple[float, float, float]:
    p, r = tp / max(pred, 1), tp / max(gold_n, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def content_f1(articles, docs, model: CueModel | None) -> tuple[float, float, float]:
    """Content P/R/F1 of the parc profile with ``model`` as the cue model (None: the lexicon only)."""
    return _prf(*content_counts(articles, docs, model))


def _design(
    examples: list, features, width: int, min_lemma: int
) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """Lemma columns (lemmas seen ``min_lemma`` times), the 0/1 matrix and the labels of ``examples``
    ((article, token, extra, label); ``features(token, extra, lemma_index)`` gives a row's columns)."""
    counts = Counter(t.lemma_.lower() for _, t, _, _ in examples)
    lemmas = tuple(sorted(w for w, n in counts.items() if n >= min_lemma))
    index = {w: i for i, w in enumerate(lemmas)}
    x = np.zeros((len(examples), width + len(lemmas)), dtype=np.float32)
    for row, (_, t, extra, _) in enumerate(examples):
        x[row, features(t, extra, index)] = 1.0
    y = np.array([label for _, _, _, label in examples], dtype=np.float32)
    return lemmas, x, y


THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
END_THRESHOLDS = (0.5, 0.6, 0.7, 0.8)


def _sweep(held, held_docs, make, thresholds=THRESHOLDS) -> tuple[float, dict]:
    """The threshold of ``make(threshold) -> CueModel`` with the best content F1 on the held-out articles."""
    scores = {}
    for threshold in thresholds:
        scores[threshold] = content_f1(held, held_docs, make(threshold))
        print(f"threshold {threshold}: P/R/F1 {[round(v, 3) for v in scores[threshold]]}")
    best = max(scores, key=lambda t: scores[t][2])
    return best, scores


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PolNeAR root (with metadata.tsv)")
    p.add_argument(
        "--parse-cache", type=Path, default=None, help="folder keeping the spaCy parses between runs"
    )
    p.add_argument("--min-lemma", type=int, default=3, help="examples a lemma needs for a column of its own")
    p.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    p.add_argument("--tune", type=int, default=200, help="training articles held out to choose the threshold")
    p.add_argument("--no-nouns", action="store_true", help="leave out the part for nouns and adjectives")
    p.add_argument("--no-ends", action="store_true", help="leave out the part for content ends")
    p.add_argument(
        "--end-folds",
        type=int,
        default=4,
        help="folds over all training articles to choose the end threshold",
    )
    p.add_argument(
        "--thresholds",
        type=float,
        nargs="+",
        default=THRESHOLDS,
        help="thresholds swept for the verb and noun parts",
    )
    p.add_argument("--no-save", action="store_true", help="report figures without writing the model")
    p.add_argument("--out", type=Path, default=MODEL_DIR, help="folder to write reported-cues.npz/.json into")
    args = p.parse_args(argv)
    if not (args.data / "train").is_dir():
        print(f"PolNeAR data not found under {args.data}; skipping.")
        return 0

    nlp = presslens_nlp.load()
    articles = list(load_split(args.data, "train"))
    docs = parsed(nlp, [t for _, t, _ in articles], args.parse_cache)
    verbs, nouns = [], []  # (article index, token, complement kind, label)
    for k, ((_, _, gold), doc) in enumerate(zip(articles, docs, strict=True)):
        cue_chars = {c for g in gold for a, b in g.cue for c in range(a, b)}
        verbs.extend((k, t, None, t.idx in cue_chars) for t in candidate_verbs(doc))
        if not args.no_nouns:
            nouns.extend((k, t, kind, t.idx in cue_chars) for t, kind in candidate_nouns(doc))
    lemmas, x, y = _design(
        verbs, lambda t, _, ix: token_features(t, ix), len(STRUCTURE_FEATURES), args.min_lemma
    )
    tune = set(range(len(articles) - args.tune, len(articles)))
    held = [articles[k] for k in sorted(tune)]
    held_docs = [docs[k] for k in sorted(tune)]
    fit_rows = np.array([k not in tune for k, _, _, _ in verbs])
    weights = _fit(x, y, fit_rows, args.c)
    without = content_f1(held, held_docs, None)
    threshold, scores = _sweep(held, held_docs, lambda th: CueModel(lemmas, weights, th), args.thresholds)
    figures = {
        "train_articles": len(articles),
        "examples": len(verbs),
        "positive_rate": round(float(y.mean()), 3),
        "lemmas": len(lemmas),
        "threshold": threshold,
        "held_out_articles": len(held),
        "held_out_content_without": [round(v, 3) for v in without],
        "held_out_content_with": [round(v, 3) for v in scores[threshold]],
        "c": args.c,
    }
    noun_part = tuned_nouns = None  # shipped (fitted on all) and tuned (fitted without the held-out articles)
    if nouns:
        n_lemmas, nx, ny = _design(nouns, noun_features, len(NOUN_FEATURES), args.min_lemma)
        n_rows = np.array([k not in tune for k, _, _, _ in nouns])
        n_weights = _fit(nx, ny, n_rows, args.c)
        n_threshold, n_scores = _sweep(
            held,
            held_docs,
            lambda th: CueModel(lemmas, weights, threshold, nouns=NounCues(n_lemmas, n_weights, th)),
            args.thresholds,
        )
        if n_scores[n_threshold][2] > scores[threshold][2]:
            noun_part = NounCues(n_lemmas, _fit(nx, ny, np.ones(len(nouns), dtype=bool), args.c), n_threshold)
            tuned_nouns = NounCues(n_lemmas, n_weights, n_threshold)
        figures |= {
            "noun_examples": len(nouns),
            "noun_positive_rate": round(float(ny.mean()), 3),
            "noun_lemmas": len(n_lemmas),
            "noun_threshold": n_threshold,
            "held_out_content_with_nouns": [round(v, 3) for v in n_scores[n_threshold]],
            "nouns_shipped": noun_part is not None,
        }
    end_part = None
    if not args.no_ends:
        tuned = CueModel(lemmas, weights, threshold, nouns=tuned_nouns)
        examples = end_examples(articles, docs, tuned)
        fit_articles = set(range(len(articles))) - tune
        ends = _fit_ends(examples, fit_articles, args.c, args.min_lemma)
        before = content_f1(held, held_docs, tuned)
        cv = end_threshold_cv(articles, docs, examples, tuned, args.end_folds, args.c, args.min_lemma)
        for th, prf in cv.items():
            print(f"end threshold {th} ({args.end_folds}-fold): P/R/F1 {[round(v, 4) for v in prf]}")
        best = max(round(prf[2], 4) for prf in cv.values())
        e_threshold = min(th for th, prf in cv.items() if round(prf[2], 4) == best)  # ties: the lowest
        with_ends = content_f1(held, held_docs, replace(tuned, ends=replace(ends, threshold=e_threshold)))
        if with_ends[2] > before[2]:
            end_part = replace(_fit_ends(examples, None, args.c, args.min_lemma), threshold=e_threshold)
        figures |= {
            "end_examples": len(examples),
            "end_positive_rate": round(sum(y for _, _, y in examples) / max(len(examples), 1), 3),
            "end_features": len(ends.names),
            "end_threshold": e_threshold,
            "held_out_content_before_ends": [round(v, 3) for v in before],
            "held_out_content_with_ends": [round(v, 3) for v in with_ends],
            "end_threshold_cv": {str(th): [round(v, 4) for v in prf] for th, prf in cv.items()},
            "ends_shipped": end_part is not None,
        }
    weights = _fit(x, y, np.ones(len(verbs), dtype=bool), args.c)
    print(json.dumps(figures, indent=1))
    if not args.no_save:
        data = f"PolNeAR train ({len(articles)} articles; thresholds chosen on the last {args.tune})"
        model = CueModel(
            lemmas, weights, threshold, {"figures": figures, "data": data}, nouns=noun_part, ends=end_part
        )
        model.save(args.out)
        print(f"saved {args.out}/reported-cues.npz and .json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
