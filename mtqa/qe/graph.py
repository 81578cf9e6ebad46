"""The QE model written straight as an ONNX graph from numpy weights: no torch, no fp32 detour.

:func:`qe_arrays` lays the shipped delta over the base file's encoder (float32, transformers
names); :func:`build_model` writes the forward pass of :class:`mtqa.qe.model.QEModel` from the
embedding sum onwards, with every encoder matrix product either fp32 (``MatMul``) or int8 x int8
(:func:`_int8_matmul`) as it is emitted - the int8 graph is built directly, never exported as
fp32 and rewritten.

Inputs: ``embeds`` float32 [B, T, H] (word embeddings, looked up outside the graph), ``mask``
int64 [B, T]. Outputs: ``score`` [B], ``p_bad`` [B, T] and ``pooled`` [B, H] (the masked mean of
the last hidden states that the sentence head reads).

int8: weights symmetric with one scale per output channel, ``WEIGHT_BITS`` wide (AVX2 without
VNNI multiplies u8 x s8 pairs into saturating int16, and 255 x 63 x 2 still fits); activations
symmetric with one scale per token row, computed at run time - so a sentence's scores never
depend on its batch mates (ONNX Runtime's own dynamic quantisation scales the whole batch tensor
at once: its scores moved by up to 0.3 with the batching, and agreed with fp32 at r = 0.993
against 0.999 here, on MLQE-PE ru-en dev). Attention products, LayerNorm, GELU, softmax and the
heads stay fp32.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from mtqa.qe.e5file import E5Config, E5File

OPSET = 17
WEIGHT_BITS = 7
PRECISIONS = ("int8", "fp32")


def qe_arrays(base: E5File, delta: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The QE model's float32 weights by transformers name (no word embeddings): the base file's
    encoder with the delta's trained layers and heads laid over it."""
    from mtqa.qe.base import bert_names

    names = bert_names(base.config)
    del names["embeddings.word_embeddings.weight"]
    state = {hf: base.tensor(src, shape) for hf, (src, shape) in names.items()}
    state.update({k: np.asarray(v, np.float32) for k, v in delta.items()})
    return state


class _Graph:
    """Nodes and initialisers of one graph under construction."""

    def __init__(self, precision: str) -> None:
        from onnx import helper, numpy_helper

        self.helper, self.numpy_helper = helper, numpy_helper
        self.precision = precision
        self.nodes: list[Any] = []
        self.inits: list[Any] = []
        self._consts: dict[tuple[str, bytes, tuple[int, ...]], str] = {}
        self._quantized: dict[str, str] = {}  # activation -> prefix of its int8 form
        self._count = 0

    def const(self, value: Any, name: str | None = None) -> str:
        arr = np.asarray(value)
        if name is None:  # small shared constants
            key = (arr.dtype.str, arr.tobytes(), arr.shape)
            if key not in self._consts:
                self._consts[key] = f"c{len(self._consts)}"
                self.inits.append(self.numpy_helper.from_array(arr, self._consts[key]))
            return self._consts[key]
        self.inits.append(self.numpy_helper.from_array(arr, name))
        return name

    def op(self, op_type: str, inputs: list[str], name: str, **attrs: Any) -> str:
        self.nodes.append(self.helper.make_node(op_type, inputs, [name], name=name, **attrs))
        return name

    def linear(self, x: str, weight: np.ndarray, bias: np.ndarray, name: str) -> str:
        """``x @ weight.T + bias`` over the last axis; int8 unless fp32 or ``name`` is a head."""
        w = np.ascontiguousarray(weight.T, np.float32)  # [K, N]
        if self.precision == "int8" and not name.startswith("/word"):
            product = self._int8_matmul(x, w, name + "/MatMul")
        else:
            product = self.op("MatMul", [x, self.const(w, name + ".w")], name + "/MatMul")
        return self.op("Add", [self.const(bias, name + ".b"), product], name + "/Add")

    def _int8_matmul(self, x: str, w: np.ndarray, out: str) -> str:
        from onnx import TensorProto

        qmax = 2 ** (WEIGHT_BITS - 1) - 1
        w_scale = np.maximum(np.abs(w).max(axis=0), 1e-12) / qmax
        self._count += 1
        p = f"rowq{self._count}."
        wq = self.const(np.clip(np.round(w / w_scale), -qmax, qmax).astype(np.int8), p + "w")
        ws = self.const(w_scale.astype(np.float32), p + "w_scale")
        make = self.helper.make_node
        if x not in self._quantized:  # q, k and v share one quantised input
            self._quantized[x] = p
            self.nodes += [
                make("Reshape", [x, self.const(np.array([-1, w.shape[0]], np.int64))], [p + "x2"]),
                make("Abs", [p + "x2"], [p + "abs"]),
                make("ReduceMax", [p + "abs"], [p + "amax"], axes=[1], keepdims=0),
                make("Max", [p + "amax", self.const(np.float32(1e-8))], [p + "amax1"]),
                make("Div", [p + "amax1", self.const(np.float32(127.0))], [p + "xs"]),
                # symmetric int8 held as uint8 around 128: the u8 x s8 kernels are the fast ones
                make("Mul", [p + "xs", self.const(np.float32(0.0))], [p + "z0"]),
                make("Add", [p + "z0", self.const(np.float32(128.0))], [p + "z1"]),
                make("Cast", [p + "z1"], [p + "zp"], to=TensorProto.UINT8),
                make("QuantizeLinear", [p + "x2", p + "xs", p + "zp"], [p + "xq"], axis=0),
                make("Unsqueeze", [p + "xs", self.const(np.array([-1], np.int64))], [p + "xs2"]),
                make("Shape", [x], [p + "shape"]),
                make(
                    "Slice",
                    [
                        p + "shape",
                        self.const(np.array([0], np.int64)),
                        self.const(np.array([-1], np.int64)),
                    ],
                    [p + "lead"],
                ),
            ]
        xp = self._quantized[x]
        n_out = self.const(np.array([w.shape[1]], np.int64))
        self.nodes += [
            # int32 products -> float times the weight scales, in one kernel
            make(
                "MatMulIntegerToFloat",
                [xp + "xq", wq, self.const(np.float32(1.0)), ws, self.const(np.uint8(128))],
                [p + "y1"],
                domain="com.microsoft",
            ),
            make("Mul", [p + "y1", xp + "xs2"], [p + "y2"]),
            make("Concat", [xp + "lead", n_out], [p + "out_shape"], axis=0),
            make("Reshape", [p + "y2", p + "out_shape"], [out], name=out),
        ]
        return out


def build_model(state: dict[str, np.ndarray], config: E5Config, precision: str = "int8") -> Any:
    """The QE model (weights from :func:`qe_arrays`) as an ``onnx.ModelProto``."""
    from onnx import TensorProto, helper

    if precision not in PRECISIONS:
        raise ValueError(f"unknown precision {precision!r}")
    g = _Graph(precision)
    H, heads, eps = config.hidden, config.heads, float(config.eps)
    head_dim = H // heads

    def norm(x: str, prefix: str, name: str) -> str:
        w, b = (
            g.const(state[prefix + ".weight"], name + ".w"),
            g.const(state[prefix + ".bias"], name + ".b"),
        )
        return g.op("LayerNormalization", [x, w, b], name, axis=-1, epsilon=eps)

    def lin(x: str, prefix: str, name: str) -> str:
        return g.linear(x, state[prefix + ".weight"], state[prefix + ".bias"], name)

    # embeddings: word rows (input) + positions [:T] + token type 0, then LayerNorm
    seq_len = g.op("Shape", ["embeds"], "/T", start=1, end=2)
    zero = g.const(np.array([0], np.int64))
    pos = g.const(state["embeddings.position_embeddings.weight"], "pos")
    pos_t = g.op("Slice", [pos, zero, seq_len, zero], "/pos")
    x = g.op("Add", ["embeds", g.op("Unsqueeze", [pos_t, zero], "/pos3")], "/Add")
    type_row = g.const(state["embeddings.token_type_embeddings.weight"][0], "type_row")
    x = norm(g.op("Add", [x, type_row], "/Add_1"), "embeddings.LayerNorm", "/ln")
    m = g.op("Cast", ["mask"], "/m", to=TensorProto.FLOAT)
    keep_out = g.op("Sub", [g.const(np.float32(1.0)), m], "/Sub")
    keep_out = g.op("Unsqueeze", [keep_out, g.const(np.array([1, 2], np.int64))], "/Sub4")
    bias = g.op("Mul", [keep_out, g.const(np.float32(-1e9))], "/bias")

    split_shape = g.const(np.array([0, 0, heads, head_dim], np.int64))
    merge_shape = g.const(np.array([0, 0, H], np.int64))
    scale = g.const(np.float32(1.0 / math.sqrt(head_dim)))
    for i in range(config.layers):
        pre, n = f"encoder.layer.{i}.", f"/layers.{i}"
        q = g.op("Mul", [lin(x, pre + "attention.self.query", n + "/q"), scale], n + "/qs")
        k = lin(x, pre + "attention.self.key", n + "/k")
        v = lin(x, pre + "attention.self.value", n + "/v")
        q = g.op(
            "Transpose",
            [g.op("Reshape", [q, split_shape], n + "/qr")],
            n + "/qt",
            perm=[0, 2, 1, 3],
        )
        k = g.op(
            "Transpose",
            [g.op("Reshape", [k, split_shape], n + "/kr")],
            n + "/kt",
            perm=[0, 2, 3, 1],
        )
        v = g.op(
            "Transpose",
            [g.op("Reshape", [v, split_shape], n + "/vr")],
            n + "/vt",
            perm=[0, 2, 1, 3],
        )
        att = g.op("Add", [g.op("MatMul", [q, k], n + "/qk"), bias], n + "/qkb")
        probs = g.op("Softmax", [att], n + "/Softmax", axis=-1)
        ctx = g.op(
            "Transpose", [g.op("MatMul", [probs, v], n + "/pv")], n + "/ct", perm=[0, 2, 1, 3]
        )
        ctx = g.op("Reshape", [ctx, merge_shape], n + "/ctx")
        ao = lin(ctx, pre + "attention.output.dense", n + "/ao")
        x = norm(g.op("Add", [ao, x], n + "/Add_1"), pre + "attention.output.LayerNorm", n + "/aln")
        h = lin(x, pre + "intermediate.dense", n + "/fi")
        erf = g.op(
            "Erf", [g.op("Div", [h, g.const(np.float32(math.sqrt(2.0)))], n + "/Div_1")], n + "/Erf"
        )
        gelu = g.op(
            "Mul", [h, g.op("Add", [erf, g.const(np.float32(1.0))], n + "/Add_2")], n + "/Mul_1"
        )
        gelu = g.op("Mul", [gelu, g.const(np.float32(0.5))], n + "/Mul_2")
        fo = lin(gelu, pre + "output.dense", n + "/fo")
        x = norm(g.op("Add", [fo, x], n + "/Add_3"), pre + "output.LayerNorm", n + "/oln")

    axis1 = g.const(np.array([1], np.int64))
    masked = g.op(
        "Mul", [x, g.op("Unsqueeze", [m, g.const(np.array([-1], np.int64))], "/m3")], "/Mul_1"
    )
    total = g.op("ReduceSum", [masked, axis1], "/ReduceSum", keepdims=0)
    count = g.op("ReduceSum", [m, axis1], "/ReduceSum_1", keepdims=1)
    count = g.op("Clip", [count, g.const(np.float32(1.0))], "/Clip")
    g.op("Div", [total, count], "pooled")

    def gemm(x: str, prefix: str, name: str) -> str:
        w, b = (
            g.const(state[prefix + ".weight"], name + ".w"),
            g.const(state[prefix + ".bias"], name + ".b"),
        )
        return g.op("Gemm", [x, w, b], name, alpha=1.0, beta=1.0, transB=1)

    hidden = g.op("Tanh", [gemm("pooled", "sentence_head.1", "/sent_in")], "/Tanh")
    g.op("Squeeze", [gemm(hidden, "sentence_head.4", "/sent_out"), axis1], "score")
    word = g.op("Softmax", [lin(x, "word_head.1", "/word")], "/word/Softmax", axis=-1)
    g.op("Gather", [word, g.const(np.int64(1))], "p_bad", axis=2)

    graph = helper.make_graph(
        g.nodes,
        "mtqa-qe",
        [
            helper.make_tensor_value_info("embeds", TensorProto.FLOAT, ["B", "T", H]),
            helper.make_tensor_value_info("mask", TensorProto.INT64, ["B", "T"]),
        ],
        [
            helper.make_tensor_value_info("score", TensorProto.FLOAT, ["B"]),
            helper.make_tensor_value_info("p_bad", TensorProto.FLOAT, ["B", "T"]),
            helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["B", H]),
        ],
        g.inits,
    )
    opsets = [helper.make_opsetid("", OPSET)]
    if precision == "int8":
        opsets.append(helper.make_opsetid("com.microsoft", 1))
    return helper.make_model(graph, opset_imports=opsets, producer_name="mtqa", ir_version=8)
