"""The name flags the `source` check raises on one source/translation pair, for the names tests."""

from __future__ import annotations

from mtqa.checks.base import Languages
from mtqa.checks.source import SourceCheck
from mtqa.types import Segment


def name_flags(src: str, mt: str, severity: bool = False) -> list[tuple[str | None, ...]]:
    """(text, suggestion) of each `name` flag, with its severity last when ``severity``."""
    check = SourceCheck(langs=Languages("ru", "en"))
    result = check.run([Segment(index=0, id="1", mt=mt, src=src)])[0]
    return [
        (f.text, f.suggestion, f.severity) if severity else (f.text, f.suggestion)
        for f in result.flags
        if f.category == "name"
    ]
