"""The shipped delta file (safetensors) read as numpy, without torch.

:func:`mtqa.qe.model.save_delta` writes the trained layers and heads with each encoder matrix as
int8 rows plus fp16 scales (``.q``/``.scale``) and everything else as fp16; this module unpacks
it to float32 exactly as :func:`mtqa.qe.model.read_delta` does (fp16 -> fp32 is exact and the
product is one float32 multiply either way), so the ONNX cache can be built without torch.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

DELTA_FORMAT = "mtqa-qe-delta/1"


def read_delta_arrays(path: Path) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """(float32 delta arrays by transformers name, meta) of a delta file."""
    from safetensors import safe_open

    with safe_open(str(path), framework="np") as f:
        header = f.metadata() or {}
        if header.get("format") != DELTA_FORMAT:
            raise ValueError(f"{path}: not an mtqa QE delta")
        tensors = {k: f.get_tensor(k) for k in f.keys()}  # noqa: SIM118 (not a dict)
    return unpack(tensors), json.loads(header["meta"])


def unpack(tensors: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Packed arrays (int8 ``.q`` rows with fp16 ``.scale``, the rest fp16) as float32."""
    out: dict[str, np.ndarray] = {}
    for k, v in tensors.items():
        if k.endswith(".scale"):
            continue
        if k.endswith(".q"):
            base = k[: -len(".q")]
            out[base] = v.astype(np.float32) * tensors[base + ".scale"].astype(np.float32)
        else:
            out[k] = v.astype(np.float32)
    return out
