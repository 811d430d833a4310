"""The encoder's layer parameters as float arrays: where fine-tuning starts (``finetune_encoder.py``).

Fine-tuned encoder layers are measured, not shipped (see ``src/presslens/models/framing.md``), so
reading the layers out of the int8 ONNX graph is training code; the runtime only runs layers that
a head file stores (:func:`presslens.extract.framing.encoder.layer_tensors` names them). Needs
``onnx`` (the ``encoder`` extra), not torch.
"""

from __future__ import annotations

import numpy as np


def dequantised(model, names: dict[str, str]) -> dict[str, np.ndarray]:
    """Float32 values of the given parameters (weight matrices as (in, out), as the graph multiplies).

    ``model`` is the ONNX model (:func:`presslens.extract.framing.encoder.load_graph`) and ``names``
    maps parameter names to graph tensors (:func:`presslens.extract.framing.encoder.layer_tensors`).
    """
    from onnx import numpy_helper

    init = {i.name: i for i in model.graph.initializer}
    out = {}
    for param, tensor in names.items():
        if tensor in init:
            out[param] = numpy_helper.to_array(init[tensor]).astype(np.float32)
        else:
            q = numpy_helper.to_array(init[tensor + "_q"]).astype(np.float32)
            out[param] = q * numpy_helper.to_array(init[tensor + "_scale"])
    return out
