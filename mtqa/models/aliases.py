"""Short names for well-known reference models, and the language codes multilingual models use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ModelKind = Literal["seq2seq", "causal"]


@dataclass(frozen=True)
class Alias:
    name: str
    kind: ModelKind
    # A hub id; ``{src}`` and ``{tgt}`` are filled in per language pair.
    hub_id: str
    about: str

    @property
    def per_pair(self) -> bool:
        return "{src}" in self.hub_id or "{tgt}" in self.hub_id


ALIASES: dict[str, Alias] = {
    a.name: a
    for a in (
        Alias(
            "opus-mt",
            "seq2seq",
            "Helsinki-NLP/opus-mt-{src}-{tgt}",
            "Marian models by Helsinki-NLP, one per direction (about 300 MB each)",
        ),
        Alias(
            "nllb",
            "seq2seq",
            "facebook/nllb-200-distilled-600M",
            "NLLB-200 distilled, one model for 200 languages (about 2.5 GB)",
        ),
        Alias(
            "m2m100",
            "seq2seq",
            "facebook/m2m100_418M",
            "M2M100, one model for 100 languages (about 2 GB)",
        ),
        Alias(
            "mbart50",
            "seq2seq",
            "facebook/mbart-large-50-many-to-many-mmt",
            "mBART-50 many-to-many, 50 languages (about 2.4 GB)",
        ),
        Alias("gpt2", "causal", "openai-community/gpt2", "GPT-2 small, English (about 550 MB)"),
        Alias(
            "distilgpt2", "causal", "distilbert/distilgpt2", "DistilGPT-2, English (about 350 MB)"
        ),
    )
}

# Language codes of multilingual models, by the tokenizer family that names them.
NLLB_CODES: dict[str, str] = {
    "ru": "rus_Cyrl", "en": "eng_Latn", "de": "deu_Latn", "fr": "fra_Latn", "es": "spa_Latn",
    "uk": "ukr_Cyrl", "zh": "zho_Hans", "et": "est_Latn", "ro": "ron_Latn", "ne": "npi_Deva",
    "si": "sin_Sinh", "it": "ita_Latn", "pl": "pol_Latn", "tr": "tur_Latn", "ja": "jpn_Jpan",
}  # fmt: skip
MBART50_CODES: dict[str, str] = {
    "ru": "ru_RU", "en": "en_XX", "de": "de_DE", "fr": "fr_XX", "es": "es_XX", "uk": "uk_UA",
    "zh": "zh_CN", "et": "et_EE", "ro": "ro_RO", "ne": "ne_NP", "si": "si_LK", "it": "it_IT",
    "pl": "pl_PL", "tr": "tr_TR", "ja": "ja_XX",
}  # fmt: skip
