"""Checks backed by neural reference models, and which of them a ``--model`` adds.

Importing this package imports no torch: models are resolved (on disk only) when a check is built
and loaded when it first runs.
"""

from __future__ import annotations

from collections.abc import Sequence

from mtqa.checks.base import Check, Languages
from mtqa.errors import ModelError
from mtqa.models.resolve import is_per_pair, resolve
from mtqa.types import Segment

# Check names that take a model; the order is the order they are added in.
SEQ2SEQ_CHECKS: tuple[str, ...] = ("forced", "pseudoref", "backtranslation")
CAUSAL_CHECKS: tuple[str, ...] = ("surprisal",)
NEURAL_CHECKS = SEQ2SEQ_CHECKS + CAUSAL_CHECKS


def model_checks(
    models: Sequence[str],
    device: str,
    langs: Languages,
    segments: Sequence[Segment],
    names: Sequence[str] | None,
) -> tuple[list[str] | None, list[Check]]:
    """The checks that ``--model`` adds, built with their model, and the remaining check names.

    Each model adds the neural checks that fit it and the input: a translation model adds
    forced decoding, pseudo-reference and (when the reverse direction is available: an alias, a
    {src}/{tgt} template or a multilingual model) back-translation, all of which need the source;
    a causal LM adds surprisal. When ``names`` (``--checks``) lists neural checks, only those are
    added. Raises :class:`ModelError` when a model is missing or fits nothing.
    """
    from mtqa.checks import check_class

    wanted = [n for n in names if n in NEURAL_CHECKS] if names is not None else None
    rest = [n for n in names if n not in NEURAL_CHECKS] if names is not None else None
    has_src = any(s.has("src") for s in segments)
    built: list[Check] = []
    for name in models:
        ref = resolve(name, langs.src, langs.tgt, download=True)
        if ref.kind == "seq2seq":
            if not has_src and wanted is None:
                raise ModelError(
                    f"{ref.name} is a translation model and needs the source text (--src)"
                )
            fitting = list(SEQ2SEQ_CHECKS)
            if wanted is None and ref.lang_codes is None and not is_per_pair(name):
                fitting.remove("backtranslation")  # one folder, one direction
        else:
            fitting = list(CAUSAL_CHECKS)
        chosen = [n for n in fitting if wanted is None or n in wanted]
        for check in chosen:
            cls = check_class(check)
            built.append(cls({"model": name, "device": device, "download": True}, langs))
    if wanted:
        missing = [n for n in wanted if not any(c.name == n for c in built)]
        if missing:
            raise ModelError(f"no --model given fits check(s) {', '.join(missing)}")
    return rest, built


__all__ = ["NEURAL_CHECKS", "model_checks"]
