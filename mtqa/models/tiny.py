"""Tiny random models, built offline in seconds, for tests and benchmarks.

They are real transformers models saved to ordinary folders (a Marian translation model with
sentencepiece vocabularies trained on generated sentences, and a GPT-2 with a byte-level BPE), so
they load through exactly the path a user's model folder takes. Their outputs are meaningless but
deterministic.
"""

from __future__ import annotations

import json
import random
import warnings
from pathlib import Path

_RU_WORDS = (
    "министр переговоры россия москва сегодня стороны конфликт урегулирование мирный заявил "
    "президент правительство страна экономика рост процентов году апреле встреча посол "
    "турецкий коллега регион ситуация поддержка причины консультации товарооборот диалог "
    "партнёры союзники подход новости город компания рынок цены нефть газ банк"
).split()
_EN_WORDS = (
    "minister talks russia moscow today parties conflict settlement peaceful said president "
    "government country economy growth percent year april meeting ambassador turkish colleague "
    "region situation support causes consultations trade dialogue partners allies approach news "
    "city company market prices oil gas bank"
).split()


def sample_sentences(words: tuple[str, ...] | list[str], n: int, seed: int) -> list[str]:
    """``n`` generated sentences of 3..14 words from ``words`` (deterministic for a seed)."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        k = rng.randint(3, 14)
        sent = " ".join(rng.choice(words) for _ in range(k))
        out.append(sent[0].upper() + sent[1:] + rng.choice([".", ".", "?", "!", ", 12 %."]))
    return out


def _train_spm(lines: list[str], prefix: Path, vocab_size: int) -> Path:
    import sentencepiece as spm

    text = prefix.with_suffix(".txt")
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(text),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        num_threads=1,
        minloglevel=2,
    )
    text.unlink()
    return prefix.with_suffix(".model")


def build_tiny_marian(folder: Path, *, src: str = "ru", tgt: str = "en", seed: int = 0) -> Path:
    """Write a tiny random Marian ``src``→``tgt`` model (d_model 32) with its tokenizer to ``folder``."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    src_words = _RU_WORDS if src == "ru" else _EN_WORDS
    tgt_words = _EN_WORDS if tgt == "en" else _RU_WORDS
    _train_spm(sample_sentences(src_words, 400, seed), folder / "_src", 120)
    _train_spm(sample_sentences(tgt_words, 400, seed + 1), folder / "_tgt", 120)
    (folder / "_src.model").rename(folder / "source.spm")
    (folder / "_tgt.model").rename(folder / "target.spm")
    for extra in ("_src.vocab", "_tgt.vocab"):
        (folder / extra).unlink(missing_ok=True)

    import sentencepiece as spm

    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1, "<pad>": 2}
    for name in ("source.spm", "target.spm"):
        sp = spm.SentencePieceProcessor(model_file=str(folder / name))
        for i in range(sp.get_piece_size()):
            vocab.setdefault(sp.id_to_piece(i), len(vocab))
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Recommended: pip install sacremoses"
        tokenizer = MarianTokenizer(
            source_spm=str(folder / "source.spm"),
            target_spm=str(folder / "target.spm"),
            vocab=str(folder / "vocab.json"),
            source_lang=src,
            target_lang=tgt,
        )
    torch.manual_seed(seed)
    config = MarianConfig(
        vocab_size=len(vocab),
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=256,
        pad_token_id=2,
        eos_token_id=0,
        decoder_start_token_id=2,
        forced_eos_token_id=0,
        bos_token_id=None,
    )
    model = MarianMTModel(config).eval()
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def build_tiny_gpt2(folder: Path, *, seed: int = 0) -> Path:
    """Write a tiny random GPT-2 (2 layers, 32 wide) with a byte-level BPE tokenizer to ``folder``."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import GPT2Config, GPT2LMHeadModel, GPT2TokenizerFast  # type: ignore[attr-defined]

    folder.mkdir(parents=True, exist_ok=True)
    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=300,
        special_tokens=["<|endoftext|>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    bpe.train_from_iterator(sample_sentences(_EN_WORDS, 400, seed), trainer)
    tokenizer = GPT2TokenizerFast(tokenizer_object=bpe, eos_token="<|endoftext|>")
    tokenizer.save_pretrained(folder)
    torch.manual_seed(seed)
    config = GPT2Config(
        vocab_size=bpe.get_vocab_size(),
        n_positions=256,
        n_embd=32,
        n_layer=2,
        n_head=2,
        bos_token_id=0,
        eos_token_id=0,
    )
    GPT2LMHeadModel(config).eval().save_pretrained(folder)
    return folder
