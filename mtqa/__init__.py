"""mtqa: machine-translation quality checking.

>>> import mtqa
>>> doc = mtqa.check(["The Ministry of Foreign Affairs said talks would resume."])
>>> doc.sentences[0].quality  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence

from mtqa.calibration import Calibration, load_calibration
from mtqa.checks import Languages
from mtqa.errors import InputError, ModelError, MtqaError
from mtqa.pipeline import Checker
from mtqa.types import CheckResult, DocumentResult, Flag, Segment, SentenceResult

_CHECKERS: dict[tuple[object, ...], Checker] = {}


def get_checker(
    checks: Sequence[str] | None = None, src_lang: str = "ru", tgt_lang: str = "en"
) -> Checker:
    """A checker for these settings, built once per process and reused."""
    key = (tuple(checks) if checks is not None else None, src_lang, tgt_lang)
    if key not in _CHECKERS:
        _CHECKERS[key] = Checker(checks=checks, langs=Languages(src=src_lang, tgt=tgt_lang))
    return _CHECKERS[key]


def check(
    mt: str | Sequence[str],
    src: str | Sequence[str | None] | None = None,
    ref: str | Sequence[str | None] | None = None,
    *,
    src_lang: str = "ru",
    tgt_lang: str = "en",
    checks: Sequence[str] | None = None,
) -> DocumentResult:
    """Check a list of translated sentences (with optional aligned sources and references), or
    an article given as one string (blank lines between paragraphs; src/ref texts too)."""
    if isinstance(mt, str):  # an article, split and aligned as `mtqa check` reads one
        from mtqa.io.readers import parse_article

        sides = {"src": src, "ref": ref}
        for name, side in sides.items():
            if side is not None and not isinstance(side, str):
                raise InputError(f"mt is text, so {name} must be text too")
        texts = {k: (k, v) for k, v in sides.items() if isinstance(v, str)}
        segments = parse_article(mt, "mt", texts.get("src"), texts.get("ref"), src_lang, tgt_lang)
        return get_checker(checks, src_lang, tgt_lang).check_document(segments)
    for name, side in (("src", src), ("ref", ref)):
        if isinstance(side, str):
            raise InputError(
                f"mt is a list of {len(mt)} sentences, so {name} must be a list as long"
            )
        if side is not None and len(side) != len(mt):
            raise InputError(f"{name} has {len(side)} sentences but mt has {len(mt)}")
    segments = [
        Segment(
            index=i,
            id=str(i + 1),
            mt=m,
            src=src[i] if src is not None else None,
            ref=ref[i] if ref is not None else None,
        )
        for i, m in enumerate(mt)
    ]
    return get_checker(checks, src_lang, tgt_lang).check_document(segments)


__all__ = [
    "Calibration",
    "CheckResult",
    "Checker",
    "DocumentResult",
    "Flag",
    "InputError",
    "Languages",
    "ModelError",
    "MtqaError",
    "Segment",
    "SentenceResult",
    "check",
    "get_checker",
    "load_calibration",
]
