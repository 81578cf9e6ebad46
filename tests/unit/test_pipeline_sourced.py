"""On the very same words, a flag from a check that read the source speaks for both (its message
and suggestion come from the source), at the more severe of the two severities — unless the other
check suggests a spelling English knows better."""

from __future__ import annotations

import pytest

from mtqa.checks import Languages
from mtqa.pipeline import Checker, _dedupe, _prefer_sourced
from mtqa.types import Flag, Segment, Severity

SOURCED = frozenset({"source", "adequacy"})


def flag(check: str, severity: Severity, suggestion: str | None, category: str = "name") -> Flag:
    return Flag(
        0,
        5,
        "Kianu",
        category,
        severity,
        0.6 if check == "source" else 0.8,
        f"{check} says so",
        check,
        suggestion,
    )


@pytest.mark.parametrize(
    ("flags", "expected"),
    [
        # the word list's guess loses to the source's name, which keeps the higher severity
        (
            [flag("vocabulary", "major", "Kian"), flag("source", "minor", "Keanu")],
            [("source", "major", "Keanu", 0.8)],
        ),
        # an odd pair the language model saw, explained by the dictionary with the source
        (
            [
                flag("fluency", "minor", None, "collocation"),
                flag("adequacy", "minor", "south", "mistranslation"),
            ],
            [("adequacy", "minor", "south", 0.8)],
        ),
        # a spelling English knows better than the scheme's: both stay, dedupe picks as before
        (
            [flag("vocabulary", "minor", "Düsseldorf"), flag("source", "minor", "Dyusseldorf")],
            [("vocabulary", "minor", "Düsseldorf", 0.8)],
        ),
        # different words or a different kind of finding: untouched
        (
            [
                flag("vocabulary", "major", "Kian"),
                flag("source", "minor", "Keanu", "mistranslation"),
            ],
            [("source", "minor", "Keanu", 0.6), ("vocabulary", "major", "Kian", 0.8)],
        ),
    ],
)
def test_the_source_aware_flag_speaks_for_the_same_words(
    flags: list[Flag], expected: list[tuple[str, str, str | None, float]]
) -> None:
    kept = _dedupe(_prefer_sourced(flags, SOURCED))
    assert [(f.check, f.severity, f.suggestion, f.confidence) for f in kept] == expected


def test_a_real_mt_name_gets_the_sources_spelling() -> None:
    """A WMT21 system output wrote «Киану» as "Kianu"; the word list alone suggested "Kian"."""
    checker = Checker(checks=["offline"], langs=Languages("ru", "en"))
    seg = Segment(
        id="1",
        index=0,
        mt="Earlier we wrote that Kianu Reeves would become a writer of comics.",
        src="Ранее мы писали, что Киану Ривз станет сценаристом комиксов.",
    )
    (result,) = checker.check_segments([seg])
    on_name = [f for f in result.flags if f.text == "Kianu"]
    assert [(f.check, f.suggestion) for f in on_name] == [("source", "Keanu")]
    assert on_name[0].severity in ("major", "critical")
