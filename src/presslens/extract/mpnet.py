"""Old import path of :mod:`presslens.extract.framing.mpnet` (a re-export, kept for one release)."""

from presslens.extract.framing.mpnet import (
    BOS,
    BUCKETS,
    DIM,
    EOS,
    EPS,
    FILES,
    FOLDER,
    HEADS,
    LAYER,
    MAX_DISTANCE,
    PAD,
    PARTS,
    MissingModel,
    MPNet,
    available,
    bucket_matrix,
    cache_dir,
    read_safetensors,
    unpack,
)

__all__ = ["BOS", "BUCKETS", "DIM", "EOS", "EPS", "FILES", "FOLDER", "HEADS", "LAYER", "MAX_DISTANCE", "PAD", "PARTS",
           "MissingModel", "MPNet", "available", "bucket_matrix", "cache_dir", "read_safetensors", "unpack"]
