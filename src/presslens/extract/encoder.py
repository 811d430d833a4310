"""Old import path of :mod:`presslens.extract.framing.encoder` (a re-export, kept for one release)."""

from presslens.extract.framing.encoder import (
    DIM,
    LAYER,
    PACKAGES,
    THREADS_VAR,
    WINDOW,
    Encoder,
    WordPiece,
    available,
    basic_split,
    default_threads,
    layer_output,
    layer_tensors,
    load_graph,
    pack_windows,
    token_means,
    windows,
)

__all__ = ["DIM", "LAYER", "PACKAGES", "THREADS_VAR", "WINDOW", "Encoder", "WordPiece", "available", "basic_split",
           "default_threads", "layer_output", "layer_tensors", "load_graph", "pack_windows", "token_means", "windows"]
