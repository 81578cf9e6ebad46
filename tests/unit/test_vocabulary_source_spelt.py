"""With a source, an unknown word that spells a source word in Latin letters is that word left
untranslated, not a typo of an English word one edit away (vocabulary._source_word_spelt).
Sentences written for these tests."""

from __future__ import annotations

import pytest

from mtqa.checks.vocabulary import VocabularyCheck
from mtqa.types import Segment


@pytest.fixture(scope="module")
def check() -> VocabularyCheck:
    return VocabularyCheck()


@pytest.mark.parametrize(
    "src, mt, expected",
    [
        # «врио» spelt out was read as a typo of "rio" (major, suggesting "rio")
        (
            "Совещание провёл врио мэра.",
            "The meeting was chaired by the vrio mayor.",
            [("vrio", "minor", None, "«врио»")],
        ),
        # a real typo keeps its suggestion and its severity
        (
            "Мэрия предупредила о гололёде.",
            "City hall wanred of black ice.",
            [("wanred", "major", "warned", None)],
        ),
    ],
)
def test_a_source_word_in_latin_letters_is_no_typo(
    check: VocabularyCheck,
    src: str,
    mt: str,
    expected: list[tuple[str, str, str | None, str | None]],
) -> None:
    flags = check.run([Segment(0, "s", mt, src=src)])[0].flags
    got = [
        (mt[f.start : f.end], f.severity, f.suggestion, "«врио»" if "«врио»" in f.message else None)
        for f in flags
    ]
    assert got == expected


def test_without_a_source_the_word_is_judged_as_before(check: VocabularyCheck) -> None:
    mt = "The meeting was chaired by the vrio mayor."
    (flag,) = check.run([Segment(0, "s", mt)])[0].flags
    assert flag.suggestion == "rio"
