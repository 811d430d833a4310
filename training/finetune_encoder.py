"""Fine-tune the encoder's first layers as a token tagger for the framing head (torch, training only).

The tagger is the first :data:`presslens.extract.framing.encoder.LAYER` layers of all-MiniLM-L6-v2,
started from the dequantised weights of the int8 ONNX file that inference runs, with a linear
head giving each WordPiece piece the logit of "inside a persuasion span" (all techniques as one
label). The embeddings stay frozen: their output is computed once with the same ONNX graph cut
after the embeddings, so training sees exactly the inputs inference gives the layers.

Windows, pieces and the token ↔ piece mapping are those of inference
(:func:`presslens.extract.framing.encoder.windows`). The loss is the weighted binary cross-entropy of
stage 1 (span-length weights), spread over each token's pieces. Inference gives a token the mean
of its pieces' hidden states, and since the head is linear its logit is the mean of the pieces'
logits, which is what training fits.

:func:`finetune` trains one tagger per fold (out-of-fold logits and vectors for stage 2) and one
on all training articles (the one a head stores), and caches the results outside the repo.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn

import train_framing as tf
from encoder_layers import dequantised
from presslens.extract.framing import encoder as enc

fr, log = tf.fr, tf.log
HEADS = 12
LN_EPS = 1e-12


@dataclass(frozen=True, slots=True)
class TuneSettings:
    epochs: int = 2
    batch: int = 8
    lr: float = 5e-5
    weight_decay: float = 0.01
    warmup: float = 0.1  # share of the steps with a rising learning rate, then linear decay
    clip: float = 1.0
    threads: int = 2


@dataclass(slots=True)
class Window:
    emb: np.ndarray  # (pieces + 2, DIM) output of the frozen embeddings, [CLS] and [SEP] included
    owner: np.ndarray  # token index of each inner piece
    y: np.ndarray  # label of each inner piece (its token's)
    w: np.ndarray  # loss weight of each inner piece (its token's, shared by its pieces)


def article_windows(a: tf.ArticleData, embedder: enc.Encoder, cfg: tf.Settings) -> list[Window]:
    """The model inputs of one training article, with labels and weights per piece."""
    t = a.table
    text = a.doc.text  # built anew on each access
    pieces = [embedder.pieces.token(text[s:e]) for s, e in zip(t.start.tolist(), t.end.tolist(), strict=True)]
    counts = np.maximum(np.array([len(p) for p in pieces], dtype=np.float64), 1.0)
    y = a.labels[:, 0].astype(np.float32)
    w = tf.sample_weights(a.labels[:, 0], a.weights[:, 0], cfg.stage1_beta) / counts
    out = []
    for ids, owner in enc.windows(pieces, t.sent, embedder.pieces.cls, embedder.pieces.sep):
        out.append(Window(embedder.hidden(ids), owner, y[owner], w[owner].astype(np.float32)))
    return out


class Tagger(nn.Module):
    """Transformer layers over frozen embedding outputs, and a linear head per piece."""

    def __init__(self, start: dict[str, np.ndarray], layers: int):
        super().__init__()
        self.layers = layers
        self.params = nn.ParameterDict({k.replace(".", "__"): nn.Parameter(torch.tensor(v)) for k, v in start.items()})
        self.head = nn.Linear(enc.DIM, 1)

    def _p(self, i: int, name: str) -> torch.Tensor:
        return self.params[f"encoder__layer__{i}__{name.replace('.', '__')}"]

    def _dense(self, x: torch.Tensor, i: int, name: str) -> torch.Tensor:
        return x @ self._p(i, name + ".weight") + self._p(i, name + ".bias")

    def _norm(self, x: torch.Tensor, i: int, name: str) -> torch.Tensor:
        return nn.functional.layer_norm(x, (enc.DIM,), self._p(i, name + ".weight"), self._p(i, name + ".bias"), LN_EPS)

    def hidden(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Hidden states after the layers; ``mask`` (batch, pieces) marks real pieces."""
        b, n, d = x.shape
        keep = mask[:, None, None, :]
        for i in range(self.layers):
            def heads(t: torch.Tensor) -> torch.Tensor:
                return t.view(b, n, HEADS, d // HEADS).transpose(1, 2)

            q, k, v = (heads(self._dense(x, i, f"attention.self.{m}")) for m in ("query", "key", "value"))
            a = nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=keep).transpose(1, 2).reshape(b, n, d)
            x = self._norm(x + self._dense(a, i, "attention.output.dense"), i, "attention.output.LayerNorm")
            h = nn.functional.gelu(self._dense(x, i, "intermediate.dense"))
            x = self._norm(x + self._dense(h, i, "output.dense"), i, "output.LayerNorm")
        return x

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.head(self.hidden(x, mask)).squeeze(-1)

    def layer_values(self) -> dict[str, np.ndarray]:
        return {k.replace("__", "."): v.detach().numpy().copy() for k, v in self.params.items()}


def _batch(items: list[Window]) -> tuple[torch.Tensor, ...]:
    n = max(w.emb.shape[0] for w in items)
    x = torch.zeros(len(items), n, enc.DIM)
    mask = torch.zeros(len(items), n, dtype=torch.bool)
    y = torch.zeros(len(items), n)
    wt = torch.zeros(len(items), n)
    for b, w in enumerate(items):
        m = w.emb.shape[0]
        x[b, :m] = torch.from_numpy(w.emb)
        mask[b, :m] = True
        y[b, 1:m - 1] = torch.from_numpy(w.y)
        wt[b, 1:m - 1] = torch.from_numpy(w.w)
    return x, mask, y, wt


def train_tagger(windows: list[Window], start: dict[str, np.ndarray], layers: int, ts: TuneSettings,
                 seed: int) -> Tagger:
    """Fine-tune a tagger on the given windows."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = Tagger(start, layers)
    opt = torch.optim.AdamW(model.parameters(), lr=ts.lr, weight_decay=ts.weight_decay)
    steps = ts.epochs * math.ceil(len(windows) / ts.batch)

    def rate(k: int) -> float:
        return min(1.0, k / max(1.0, ts.warmup * steps)) * max(0.0, (steps - k) / steps)

    sched = torch.optim.lr_scheduler.LambdaLR(opt, rate)
    t0 = time.perf_counter()
    for epoch in range(ts.epochs):
        model.train()
        order = rng.permutation(len(windows))
        total = 0.0
        for k in range(0, len(order), ts.batch):
            x, mask, y, wt = _batch([windows[j] for j in order[k:k + ts.batch]])
            loss = nn.functional.binary_cross_entropy_with_logits(model(x, mask), y, reduction="none")
            loss = (loss * wt).sum() / wt.sum().clamp(min=1.0)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), ts.clip)
            opt.step()
            sched.step()
            opt.zero_grad()
            total += loss.item()
        log(f"  epoch {epoch + 1}/{ts.epochs}: loss {total / math.ceil(len(order) / ts.batch):.4f} "
            f"({time.perf_counter() - t0:.0f}s, {len(windows)} windows)")
    return model.eval()


def predict(model: Tagger, windows: list[Window], n: int) -> tuple[np.ndarray, np.ndarray]:
    """Token logits and token vectors of one article, one window at a time as at inference."""
    def runs():
        with torch.no_grad():
            for w in windows:
                x = torch.from_numpy(w.emb)[None]
                yield model.hidden(x, torch.ones(1, x.shape[1], dtype=torch.bool))[0, 1:-1].numpy(), w.owner

    vectors = enc.token_means(n, runs())
    head_w = model.head.weight.detach().numpy()[0].astype(np.float64)
    return vectors @ head_w + float(model.head.bias.item()), vectors


@dataclass(slots=True)
class Tuned:
    oof_logits: list[np.ndarray]
    oof_vectors: list[np.ndarray]
    layers: dict[str, np.ndarray]  # the tagger trained on all articles
    head_w: np.ndarray
    head_b: float


def _cache_path(arts: list[tf.ArticleData], folds: np.ndarray, ts: TuneSettings, cache: Path) -> Path:
    h = hashlib.sha256(repr((asdict(ts), enc.LAYER, enc.WINDOW, folds.tolist())).encode())
    for a in arts:
        h.update(a.doc.text.encode("utf-8", "surrogatepass"))
        h.update(a.labels[:, 0].tobytes())
    return cache / f"ptc-finetuned-{h.hexdigest()[:16]}.npz"


def finetune(arts: list[tf.ArticleData], folds: np.ndarray, vocab: tuple[str, ...], cfg: tf.Settings,
             cache: Path, ts: TuneSettings = TuneSettings()) -> Tuned:
    """Out-of-fold taggers for stage 2 and the tagger on all articles (cached)."""
    path = _cache_path(arts, folds, ts, cache)
    if path.is_file():
        log(f"reused fine-tuned taggers from {path}")
        with np.load(path, allow_pickle=False) as z:
            return Tuned([z[f"logit{i}"] for i in range(len(arts))], [z[f"vec{i}"].astype(np.float32) for i in range(len(arts))],
                         {k[len("layer:"):]: z[k] for k in z.files if k.startswith("layer:")},
                         z["head_w"], float(z["head_b"]))
    torch.set_num_threads(ts.threads)
    graph = enc.load_graph()
    names = {k: v for k, v in enc.layer_tensors(graph.graph).items() if int(k.split(".")[2]) < enc.LAYER}
    start = dequantised(graph, names)
    embedder = enc.Encoder(vocab, layer=0)
    wins = [article_windows(a, embedder, cfg) for a in arts]
    log(f"{sum(len(w) for w in wins)} windows of {len(arts)} articles embedded")
    logits: list[np.ndarray | None] = [None] * len(arts)
    vectors: list[np.ndarray | None] = [None] * len(arts)
    for k in range(cfg.folds):
        log(f"fold {k + 1}/{cfg.folds}")
        fit = [w for i, ws in enumerate(wins) if folds[i] != k for w in ws]
        model = train_tagger(fit, start, enc.LAYER, ts, cfg.seed + k)
        for i in np.flatnonzero(folds == k):
            logits[i], vectors[i] = predict(model, wins[i], arts[i].table.n)
    log("all training articles")
    model = train_tagger([w for ws in wins for w in ws], start, enc.LAYER, ts, cfg.seed + cfg.folds)
    out = Tuned([lg for lg in logits if lg is not None], [v for v in vectors if v is not None], model.layer_values(),
                model.head.weight.detach().numpy()[0].astype(np.float64), float(model.head.bias.item()))
    cache.mkdir(parents=True, exist_ok=True)
    np.savez(path, head_w=out.head_w, head_b=out.head_b,
             **{f"logit{i}": lg for i, lg in enumerate(out.oof_logits)},
             **{f"vec{i}": v.astype(np.float16) for i, v in enumerate(out.oof_vectors)},
             **{f"layer:{k}": v for k, v in out.layers.items()})
    return out
