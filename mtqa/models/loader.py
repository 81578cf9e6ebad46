"""Loading reference models once per process and running them in batches, with cached outputs.

Everything that imports torch or transformers lives here and is imported only when a neural check
runs. Tokenizers and weights load on the first cache miss, so a run served wholly from the cache
never reads them. Inputs are de-duplicated, looked up in the output cache, and the rest run in batches sorted
by length; results come back in input order. Inference is greedy or beam search, never sampling,
so outputs are deterministic.
"""

from __future__ import annotations

import dataclasses
import math
import struct
import sys
import warnings
from array import array
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from mtqa.deps import install_hint
from mtqa.errors import ModelError
from mtqa.models.cache import OutputCache, cache_key, default_cache_dir
from mtqa.models.resolve import ModelRef
from mtqa.models.spans import align_tokens, token_surface

DEVICES = ("auto", "cpu", "cuda")


@dataclass(frozen=True)
class TokenScores:
    """How a model scores a given text token by token (log-probabilities in nats)."""

    ids: tuple[int, ...]
    pieces: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]  # character span of each token in the scored text
    logprobs: tuple[float, ...]
    best_pieces: tuple[str, ...]  # the token the model preferred at each position
    best_logprobs: tuple[float, ...]
    eos_logprob: float | None  # end of sentence (translation models only)
    # Per token, the span of the source text it attends to most (translation models only).
    src_spans: tuple[tuple[int, int], ...] = ()
    # How many label tokens precede token 0 (e.g. a language code) in the decoder input.
    offset: int = 0

    @property
    def mean_logprob(self) -> float:
        """Length-normalised log-probability (Prism-src style: end of sentence included)."""
        values = list(self.logprobs) + ([self.eos_logprob] if self.eos_logprob is not None else [])
        return sum(values) / len(values) if values else 0.0

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> TokenScores:
        return cls(
            ids=tuple(d["ids"]),
            pieces=tuple(d["pieces"]),
            spans=tuple((s, e) for s, e in d["spans"]),
            logprobs=tuple(d["logprobs"]),
            best_pieces=tuple(d["best_pieces"]),
            best_logprobs=tuple(d["best_logprobs"]),
            eos_logprob=d["eos_logprob"],
            src_spans=tuple((s, e) for s, e in d.get("src_spans", ())),
            offset=int(d.get("offset", 0)),
        )

    def to_bytes(self) -> bytes | None:
        """A compact, exact binary form for the cache (decodes ~5x faster than JSON).

        None when the fields do not fit the layout (a piece holding NUL, lengths that differ);
        the caller then stores JSON instead.
        """
        n, m = len(self.ids), len(self.src_spans)
        pieces = self.pieces + self.best_pieces
        lengths = {len(self.pieces), len(self.spans), len(self.logprobs), len(self.best_pieces)}
        if lengths | {len(self.best_logprobs)} != {n} or m not in (0, n) or "\0" in "".join(pieces):
            return None
        ints = array("q", self.ids)
        ints.extend(i for span in self.spans for i in span)
        ints.extend(i for span in self.src_spans for i in span)
        floats = array("d", self.logprobs)
        floats.extend(self.best_logprobs)
        if _SWAP:
            ints.byteswap()
            floats.byteswap()
        eos = self.eos_logprob
        head = _HEAD.pack(_MAGIC, n, m, self.offset, eos is not None, eos or 0.0)
        text = "\0".join(pieces).encode("utf-8")
        return b"".join((head, ints.tobytes(), floats.tobytes(), text))

    @classmethod
    def from_bytes(cls, blob: bytes) -> TokenScores:
        magic, n, m, offset, has_eos, eos = _HEAD.unpack_from(blob)
        if magic != _MAGIC:
            raise ValueError("not a cached TokenScores")
        view = memoryview(blob)
        end_ints = _HEAD.size + 8 * (3 * n + 2 * m)
        end_floats = end_ints + 16 * n
        i: Sequence[int]
        f: Sequence[float]
        if _SWAP:
            ints, floats = array("q"), array("d")
            ints.frombytes(view[_HEAD.size : end_ints])
            floats.frombytes(view[end_ints:end_floats])
            ints.byteswap()
            floats.byteswap()
            i, f = ints, floats
        else:  # read in place, without copying into arrays first
            i, f = view[_HEAD.size : end_ints].cast("q"), view[end_ints:end_floats].cast("d")
        spans, src = iter(i[n : 3 * n]), iter(i[3 * n :])
        pieces = tuple(blob[end_floats:].decode("utf-8").split("\0")) if n else ()
        return cls(
            ids=tuple(i[:n]),
            pieces=pieces[:n],
            spans=tuple(zip(spans, spans)),
            logprobs=tuple(f[:n]),
            best_pieces=pieces[n:],
            best_logprobs=tuple(f[n:]),
            eos_logprob=eos if has_eos else None,
            src_spans=tuple(zip(src, src)),
            offset=offset,
        )

    @classmethod
    def from_cached(cls, value: bytes | dict[str, Any]) -> TokenScores:
        """From :meth:`to_bytes` output, or from JSON (entries written before the binary form)."""
        return cls.from_bytes(value) if isinstance(value, bytes) else cls.from_json(value)


# Layout of TokenScores.to_bytes: this header, then int64 ids, spans and source spans, float64
# log-probabilities and best log-probabilities (little-endian), then the NUL-joined pieces.
_MAGIC = b"TS1\0"
_HEAD = struct.Struct("<4sIIIBd")
_SWAP = sys.byteorder != "little"


def _to_cache(scores: TokenScores) -> bytes | dict[str, Any]:
    return scores.to_bytes() or dataclasses.asdict(scores)


def pick_device(device: str) -> str:
    """'cpu' or 'cuda' for a --device value; 'auto' takes CUDA when there is one."""
    if device not in DEVICES:
        raise ModelError(f"--device must be one of {', '.join(DEVICES)}, not {device!r}")
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise ModelError("--device cuda, but torch sees no CUDA device here")
    return device


def _require_torch() -> None:
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError:
        raise ModelError(
            f"neural checks need torch and transformers: {install_hint('neural')}"
        ) from None


class _BatchedModel:
    """Cache lookup, de-duplication and length-sorted batching shared by both model kinds."""

    def __init__(
        self, ref: ModelRef, device: str, cache: OutputCache, batch_size: int = 16
    ) -> None:
        import torch
        import transformers

        self.ref = ref
        self.device = device
        self.cache = cache
        self.batch_size = batch_size
        self.signature = f"{ref.signature}|{device}|torch-{torch.__version__}|transformers-{transformers.__version__}"
        self._loaded = False

    def _ready(self) -> None:
        """Load the tokenizer and weights the first time an output is not in the cache."""
        if not self._loaded:
            self._load_weights()
            self._loaded = True

    def _load_weights(self) -> None:
        raise NotImplementedError

    def _batched(
        self,
        task: str,
        inputs: Sequence[tuple[str, ...]],
        compute: Callable[[list[tuple[str, ...]]], list[Any]],
        batch_size: int | None = None,
        encode: Callable[[Any], Any] | None = None,
        decode: Callable[[Any], Any] | None = None,
    ) -> list[Any]:
        """``compute``'s outputs for ``inputs``; the cache holds ``encode(output)`` and hits come
        back through ``decode``, each distinct hit decoded once."""
        keys = [cache_key(self.signature, task, item) for item in inputs]
        found = self.cache.get_many(keys)
        if decode is not None:
            found = {k: decode(v) for k, v in found.items()}
        todo: dict[str, tuple[str, ...]] = {}
        for key, item in zip(keys, inputs):
            if key not in found:
                todo.setdefault(key, item)
        order = sorted(todo, key=lambda k: sum(len(p) for p in todo[k]))
        size = batch_size or self.batch_size
        for b in range(0, len(order), size):
            chunk = order[b : b + size]
            outputs = compute([todo[k] for k in chunk])
            new = dict(zip(chunk, outputs))
            self.cache.put_many(new if encode is None else {k: encode(v) for k, v in new.items()})
            found.update(new)
        return [found[k] for k in keys]

    def _load(self, model_class: Any, **kwargs: Any) -> None:
        """Tokenizer and weights from the model folder (never the network), on the device."""
        from transformers import AutoTokenizer

        ref = self.ref
        try:
            with _quiet():
                self.tokenizer = AutoTokenizer.from_pretrained(ref.path, local_files_only=True)
                self.model = model_class.from_pretrained(ref.path, local_files_only=True, **kwargs)
        except (OSError, ValueError) as e:
            raise ModelError(f"cannot load model {ref.name}: {str(e).splitlines()[0]}") from None
        self.model.to(self.device).eval()
        self.max_len = self._max_len(self.model, self.tokenizer)

    def _max_len(self, model: Any, tokenizer: Any) -> int:
        limit = getattr(model.config, "max_position_embeddings", None) or 512
        return int(min(limit, tokenizer.model_max_length or limit, 1024))


class Seq2SeqModel(_BatchedModel):
    """A translation model: forced decoding of given translations, and translating."""

    def _load_weights(self) -> None:
        from transformers import AutoModelForSeq2SeqLM

        # Eager attention returns cross-attention weights, used to align target and source.
        self._load(AutoModelForSeq2SeqLM, attn_implementation="eager")
        self.special = set(self.tokenizer.all_special_ids)

    # --- language handling for multilingual models -------------------------------------------
    def _lang_token(self, lang: str) -> str:
        code = self.ref.lang_code(lang)
        return f"__{code}__" if self.ref.lang_codes == "m2m100" else code

    def _set_langs(self, src: str, tgt: str) -> dict[str, Any]:
        """Point the tokenizer at a direction; returns extra generate() arguments."""
        if self.ref.lang_codes is None:
            return {}
        tok = self.tokenizer
        tok.src_lang = self.ref.lang_code(src)
        tok.tgt_lang = self.ref.lang_code(tgt)
        return {"forced_bos_token_id": tok.convert_tokens_to_ids(self._lang_token(tgt))}

    def _encode(self, srcs: Sequence[str], mts: Sequence[str] | None = None) -> Any:
        kwargs: dict[str, Any] = {
            "padding": True,
            "truncation": True,
            "max_length": self.max_len,
            "return_tensors": "pt",
        }
        if mts is not None:
            return self.tokenizer(list(srcs), text_target=list(mts), **kwargs).to(self.device)
        return self.tokenizer(list(srcs), **kwargs).to(self.device)

    # --- forced decoding ----------------------------------------------------------------------
    def score(
        self, srcs: Sequence[str], mts: Sequence[str], src: str, tgt: str
    ) -> list[TokenScores]:
        """Score each ``mt`` as a translation of ``src`` token by token (forced decoding)."""
        inputs = [(src, tgt, s, m) for s, m in zip(srcs, mts)]

        def compute(items: list[tuple[str, ...]]) -> list[TokenScores]:
            return [TokenScores.from_json(d) for d in self._score_batch(items)]

        return self._batched("forced", inputs, compute, None, _to_cache, TokenScores.from_cached)

    def _score_batch(self, items: list[tuple[str, ...]]) -> list[dict[str, Any]]:
        import torch

        self._ready()
        src, tgt = items[0][0], items[0][1]
        self._set_langs(src, tgt)
        srcs = [it[2] for it in items]
        mts = [it[3] for it in items]
        enc = self._encode(srcs, mts)
        labels = enc.pop("labels")
        pad = self.tokenizer.pad_token_id
        with torch.inference_mode():
            out = self.model(**enc, labels=labels, output_attentions=True)
            logp = torch.log_softmax(out.logits.float(), dim=-1)
            # Alignment: cross-attention averaged over layers and heads.
            attn = torch.stack(out.cross_attentions).float().mean(dim=(0, 2))
        got_t = logp.gather(-1, labels.clamp(min=0).unsqueeze(-1)).squeeze(-1)
        best_lp_t, best_id_t = logp.max(dim=-1)
        # Whole tensors to Python at once: indexing tensors element by element is slow.
        got, best_lp, best_id = got_t.tolist(), best_lp_t.tolist(), best_id_t.tolist()
        results = []
        eos = self.tokenizer.eos_token_id
        for b in range(len(items)):
            ids = [int(i) for i in labels[b].tolist()]
            n = len(ids)
            while n and ids[n - 1] == pad:
                n -= 1
            src_ids = [int(i) for i in enc["input_ids"][b].tolist()]
            src_keep = [j for j, i in enumerate(src_ids) if i not in self.special]
            src_pieces = self.tokenizer.convert_ids_to_tokens([src_ids[j] for j in src_keep])
            src_spans = align_tokens(srcs[b], [token_surface(p) for p in src_pieces])
            keep = [t for t in range(n) if ids[t] not in self.special]
            pieces = self.tokenizer.convert_ids_to_tokens([ids[t] for t in keep])
            spans = align_tokens(mts[b], [token_surface(p) for p in pieces])
            if src_keep and keep:
                best_src = attn[b][keep][:, src_keep].argmax(dim=-1).tolist()
                aligned = [src_spans[j] for j in best_src]
            else:
                aligned = [(0, 0)] * len(keep)
            eos_pos = [t for t in range(n) if ids[t] == eos]
            results.append(
                {
                    "ids": [ids[t] for t in keep],
                    "pieces": pieces,
                    "spans": spans,
                    "logprobs": [got[b][t] for t in keep],
                    "best_pieces": self.tokenizer.convert_ids_to_tokens(
                        [best_id[b][t] for t in keep]
                    ),
                    "best_logprobs": [best_lp[b][t] for t in keep],
                    "eos_logprob": got[b][eos_pos[-1]] if eos_pos else None,
                    "src_spans": aligned,
                    "offset": keep[0] if keep else 0,
                }
            )
        return results

    # --- translation --------------------------------------------------------------------------
    def translate(self, texts: Sequence[str], src: str, tgt: str, num_beams: int = 4) -> list[str]:
        inputs = [(src, tgt, str(num_beams), t) for t in texts]
        return self._batched("translate", inputs, self._translate_batch)

    def _translate_batch(self, items: list[tuple[str, ...]]) -> list[str]:
        import torch

        self._ready()
        src, tgt, beams = items[0][0], items[0][1], int(items[0][2])
        extra = self._set_langs(src, tgt)
        enc = self._encode([it[3] for it in items])
        # Room for 1.5 times the source's length, so a broken model cannot run away; each output is
        # cut to its own source's room, so a greedy result does not depend on its batch.
        limits = [min(self.max_len, int(1.5 * int(n)) + 10) for n in enc["attention_mask"].sum(1)]
        with torch.inference_mode():
            out = self.model.generate(
                **enc, num_beams=beams, do_sample=False, max_length=max(limits), **extra
            )
        # At max_length generate forces an end of sentence in place of the last token: cut before it.
        rows = [row[: limit - 1] for row, limit in zip(out.tolist(), limits)]
        return [str(t).strip() for t in self.tokenizer.batch_decode(rows, skip_special_tokens=True)]

    # --- suggestions --------------------------------------------------------------------------
    def next_word(
        self, requests: Sequence[tuple[str, TokenScores, int]], src: str, tgt: str
    ) -> list[str | None]:
        """For (source, scored translation, token index): the word the model writes from there on."""
        inputs = [
            (src, tgt, s, " ".join(map(str, ts.ids[:i])), str(ts.offset)) for s, ts, i in requests
        ]
        return self._batched("next-word", inputs, self._next_word_batch, batch_size=1)

    def _next_word_batch(self, items: list[tuple[str, ...]]) -> list[str | None]:
        import torch

        self._ready()
        out: list[str | None] = []
        for src, tgt, text, prefix, offset in items:
            self._set_langs(src, tgt)
            enc = self._encode([text])
            # The decoder input: start token, any forced prefix (a language code), then the words.
            lead = self.tokenizer(text_target=[""], add_special_tokens=True)["input_ids"][0]
            start = [self.model.config.decoder_start_token_id] + lead[: int(offset)]
            ids = start + [int(i) for i in prefix.split()]
            dec = torch.tensor([ids], device=self.device)
            with torch.inference_mode():
                gen = self.model.generate(
                    **enc, decoder_input_ids=dec, max_new_tokens=6, num_beams=1, do_sample=False
                )
            out.append(
                _first_word(self.tokenizer.convert_ids_to_tokens(gen[0, len(ids) :].tolist()))
            )
        return out


class CausalLM(_BatchedModel):
    """A language model over the target language: per-token surprisal of text without a source."""

    def _load_weights(self) -> None:
        from transformers import AutoModelForCausalLM

        self._load(AutoModelForCausalLM)
        tok = self.tokenizer
        self.bos = tok.bos_token_id if tok.bos_token_id is not None else tok.eos_token_id
        self.pad = tok.pad_token_id if tok.pad_token_id is not None else self.bos
        # Byte-level BPE (GPT-2): tokens spell bytes with printable stand-ins such as Ġ for space.
        self._bytes = _byte_decoder() if "Ġ" in "".join(list(tok.get_vocab())[:5000]) else None

    def score(self, texts: Sequence[str]) -> list[TokenScores]:
        def compute(items: list[tuple[str, ...]]) -> list[TokenScores]:
            return [TokenScores.from_json(d) for d in self._score_batch(items)]

        inputs = [(t,) for t in texts]
        return self._batched("causal", inputs, compute, None, _to_cache, TokenScores.from_cached)

    def _score_batch(self, items: list[tuple[str, ...]]) -> list[dict[str, Any]]:
        import torch

        self._ready()
        texts = [it[0] for it in items]
        encoded = self.tokenizer(texts, add_special_tokens=False)["input_ids"]
        rows = [[self.bos] + ids[: self.max_len - 1] for ids in encoded]
        width = max(len(r) for r in rows)
        ids = torch.tensor([r + [self.pad] * (width - len(r)) for r in rows], device=self.device)
        mask = torch.tensor(
            [[1] * len(r) + [0] * (width - len(r)) for r in rows], device=self.device
        )
        with torch.inference_mode():
            logits = self.model(input_ids=ids, attention_mask=mask).logits.float()
        logp = torch.log_softmax(logits[:, :-1], dim=-1)
        target = ids[:, 1:]
        got_t = logp.gather(-1, target.unsqueeze(-1)).squeeze(-1)
        best_lp_t, best_id_t = logp.max(dim=-1)
        got, best_lp, best_id = got_t.tolist(), best_lp_t.tolist(), best_id_t.tolist()
        results = []
        for b, row in enumerate(rows):
            n = len(row) - 1
            token_ids = row[1:]
            pieces = self.tokenizer.convert_ids_to_tokens(token_ids)
            spans = align_tokens(texts[b], [self._surface(i, p) for i, p in zip(token_ids, pieces)])
            results.append(
                {
                    "ids": token_ids,
                    "pieces": pieces,
                    "spans": spans,
                    "logprobs": got[b][:n],
                    "best_pieces": self.tokenizer.convert_ids_to_tokens(best_id[b][:n]),
                    "best_logprobs": best_lp[b][:n],
                    "eos_logprob": None,
                }
            )
        return results

    def _surface(self, token_id: int, piece: str) -> str:
        if self._bytes is not None and all(c in self._bytes for c in piece):
            raw = bytes(self._bytes[c] for c in piece)
            return raw.decode("utf-8", errors="replace")  # part of a character: no match, no span
        if "▁" in piece or self._bytes is not None:
            return token_surface(piece)
        return str(self.tokenizer.decode([token_id]))

    def next_word(self, requests: Sequence[tuple[str, TokenScores, int]]) -> list[str | None]:
        inputs = [(" ".join(map(str, ts.ids[:i])),) for _, ts, i in requests]
        return self._batched("next-word", inputs, self._next_word_batch, batch_size=1)

    def _next_word_batch(self, items: list[tuple[str, ...]]) -> list[str | None]:
        import torch

        self._ready()
        out: list[str | None] = []
        for (prefix,) in items:
            ids = [self.bos] + [int(i) for i in prefix.split()]
            with torch.inference_mode():
                gen = self.model.generate(
                    input_ids=torch.tensor([ids], device=self.device),
                    attention_mask=torch.ones(1, len(ids), dtype=torch.long, device=self.device),
                    max_new_tokens=6,
                    num_beams=1,
                    do_sample=False,
                    pad_token_id=self.pad,
                )
            new = gen[0, len(ids) :].tolist()
            pieces = self.tokenizer.convert_ids_to_tokens(new)
            out.append(
                _first_word([self._surface(i, p) for i, p in zip(new, pieces)], surfaces=True)
            )
        return out


def _byte_decoder() -> dict[str, int]:
    """GPT-2's printable stand-in character → byte table (the inverse of bytes_to_unicode)."""
    keep = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), 256)]
    chars = list(keep)
    extra = 0
    for b in range(256):
        if b not in keep:
            keep.append(b)
            chars.append(256 + extra)
            extra += 1
    return {chr(c): b for b, c in zip(keep, chars)}


@contextmanager
def _quiet() -> Iterator[None]:
    """Load without progress bars and advice such as 'pip install sacremoses' on stderr."""
    from transformers.utils import logging as hf_logging

    level = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        hf_logging.enable_progress_bar()
        hf_logging.set_verbosity(level)


def _first_word(pieces: Sequence[str], surfaces: bool = False) -> str | None:
    """The first whole word spelled by generated tokens (stops at the next space or punctuation)."""
    text = ""
    for piece in pieces:
        surface = piece if surfaces else token_surface(piece)
        if not surface:
            break
        if text and (surface[0].isspace() or not surface[0].isalnum()):
            break
        text += surface
    word = text.strip().strip(".,;:!?\"'«»“”()")
    return word if word and any(c.isalnum() for c in word) else None


@lru_cache(maxsize=8)
def _load(ref: ModelRef, device: str, cache_dir: str | None) -> Seq2SeqModel | CausalLM:
    cache = OutputCache(None if cache_dir is None else Path(cache_dir))
    if ref.kind == "seq2seq":
        return Seq2SeqModel(ref, device, cache)
    return CausalLM(ref, device, cache)


def load_model(ref: ModelRef, device: str = "auto") -> Seq2SeqModel | CausalLM:
    """The loaded model for ``ref`` on ``device``, loaded once per process and reused."""
    _require_torch()
    folder = default_cache_dir()
    return _load(ref, pick_device(device), None if folder is None else str(folder))


def log_ratio(best: float, got: float) -> float:
    """How many nats more likely the model's preferred token is than the given one."""
    return max(0.0, best - got)


def prob(logprob: float) -> float:
    return math.exp(logprob)
