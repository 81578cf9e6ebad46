"""The E5S1 reader/writer and the conversion to a transformers BertModel."""

from __future__ import annotations

import math
import struct

import numpy as np
import pytest

from mtqa.qe.e5file import E5FileError, dequantize_q4_0, quantize_q4_0, read_e5_file

from .qe_fixtures import CONFIG, NORM_MAP, PIECES, tiny_e5

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")


def test_q4_block_layout_low_nibbles_first() -> None:
    # One hand-made block: scale 0.5, byte j holds weight j (low nibble) and j+16 (high nibble).
    qs = bytes((j & 0x0F) | ((15 - j) << 4) for j in range(16))
    raw = struct.pack("<e", 0.5) + qs
    w = dequantize_q4_0(raw, 32)
    assert w[:16].tolist() == [0.5 * (j - 8) for j in range(16)]
    assert w[16:].tolist() == [0.5 * (15 - j - 8) for j in range(16)]


def test_q4_round_trip_error_is_within_one_step() -> None:
    w = np.random.default_rng(1).normal(size=(4, 64)).astype(np.float32)
    back = dequantize_q4_0(quantize_q4_0(w), w.size).reshape(w.shape)
    step = np.abs(w.reshape(-1, 32)).max(1) / 8
    assert np.all(np.abs(back - w).reshape(-1, 32) <= step[:, None] * 1.01 + 1e-3)


def test_reader_gives_back_what_was_written(tiny_file) -> None:
    e5 = read_e5_file(tiny_file)
    expected, floats = tiny_e5()
    assert e5.config == expected.config
    assert e5.vocab.pieces == PIECES
    assert e5.norm_map == NORM_MAP
    assert np.array_equal(e5.vocab.scores, expected.vocab.scores)
    pos = e5.tensor("emb.pos", (CONFIG.max_positions, CONFIG.hidden))
    assert np.array_equal(pos, floats["emb.pos"])
    q = e5.tensor("l1.q.w", (CONFIG.hidden, CONFIG.hidden))
    assert np.abs(q - floats["l1.q.w"]).max() < 0.2  # 4-bit
    with pytest.raises(E5FileError):
        e5.tensor("l1.q.w", (3, 3))


@pytest.mark.parametrize("data", [b"", b"GGUF" + bytes(100), b"E5S1" + bytes(10)])
def test_bad_files_are_refused(tmp_path, data: bytes) -> None:
    path = tmp_path / "bad.bin"
    path.write_bytes(data)
    with pytest.raises(E5FileError):
        read_e5_file(path)


def _reference_forward(e5, ids: list[int]) -> np.ndarray:
    """e5.c's encoder in numpy: post-LN BERT, exact GELU, positions from 0, fp32 weights."""
    h, nh = CONFIG.hidden, CONFIG.heads

    def t(name, *shape):
        return e5.tensor(name, shape).astype(np.float64)

    def ln(x, w, b):
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + CONFIG.eps) * w + b

    x = t("emb.word", CONFIG.vocab, h)[ids] + t("emb.pos", CONFIG.max_positions, h)[: len(ids)]
    x = ln(x + t("emb.type", 2, h)[0], t("emb.ln.w", h), t("emb.ln.b", h))
    hd = h // nh
    gelu = np.vectorize(lambda v: 0.5 * v * (1 + math.erf(v / math.sqrt(2))))
    for layer in range(CONFIG.layers):

        def lin(name, z, n_out, n_in, layer=layer):
            return z @ t(f"l{layer}.{name}.w", n_out, n_in).T + t(f"l{layer}.{name}.b", n_out)

        q, k, v = (lin(n, x, h, h).reshape(len(ids), nh, hd) for n in "qkv")
        att = np.einsum("thd,shd->hts", q, k) / math.sqrt(hd)
        att = np.exp(att - att.max(-1, keepdims=True))
        att /= att.sum(-1, keepdims=True)
        ctx = np.einsum("hts,shd->thd", att, v).reshape(len(ids), h)
        x = ln(x + lin("ao", ctx, h, h), t(f"l{layer}.aln.w", h), t(f"l{layer}.aln.b", h))
        mid = gelu(lin("fi", x, CONFIG.ffn, h))
        x = ln(x + lin("fo", mid, h, CONFIG.ffn), t(f"l{layer}.oln.w", h), t(f"l{layer}.oln.b", h))
    return x


def test_bert_matches_the_c_engine_arithmetic(tiny_file) -> None:
    from mtqa.qe.base import build_bert

    e5 = read_e5_file(tiny_file)
    model = build_bert(e5)
    assert model.pooler is None
    assert model.config.vocab_size == CONFIG.vocab
    ids = [0, 5, 6, 7, 15, 5, 18, 20, 2]
    with torch.no_grad():
        got = model(torch.tensor([ids])).last_hidden_state[0].double().numpy()
    want = _reference_forward(e5, ids)
    assert np.abs(got - want).max() < 1e-4


def test_load_base_caches_the_conversion(tiny_file, tmp_path, monkeypatch) -> None:
    from mtqa.qe.base import load_base

    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path / "cache"))
    model, tok = load_base(tiny_file)
    cached = list((tmp_path / "cache" / "qe-base").iterdir())
    assert len(cached) == 1 and (cached[0] / "model.safetensors").is_file()
    again, tok2 = load_base(tiny_file)
    ids = torch.tensor([tok("the cat sat")["input_ids"]])
    assert tok2("the cat sat")["input_ids"] == ids[0].tolist()
    with torch.no_grad():
        assert torch.allclose(model(ids).last_hidden_state, again(ids).last_hidden_state)
