"""The flags of one kind the `adequacy` check raises on one source/translation pair, for the
polarity and derivation tests."""

from __future__ import annotations

from mtqa.checks.source.adequacy import AdequacyCheck
from mtqa.types import Segment


def kind_flags(
    check: AdequacyCheck, src: str, mt: str, kind: str, severity: bool = False
) -> list[tuple[str | None, ...]]:
    """(flagged text, suggestion) of each flag whose message opens with ``kind`` ("polarity",
    "derivation"), with its severity last when ``severity``."""
    result = check.run([Segment(0, "s", mt, src=src)])[0]
    return [
        (mt[f.start : f.end], f.suggestion, f.severity)
        if severity
        else (mt[f.start : f.end], f.suggestion)
        for f in result.flags
        if f.message.startswith(f"{kind}:")
    ]
