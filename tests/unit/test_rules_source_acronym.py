"""rules/name: an unknown all-caps word is no undecoded name when the source has that acronym and
the translation spells it letter by letter (English news keeps «УМВД» as "UMVD" where it has
no English acronym); a misspelt acronym and one with no source are still flagged."""

from __future__ import annotations

import pytest

from mtqa.checks.base import Languages
from mtqa.checks.rules import RulesCheck
from mtqa.types import Segment


def _caps(mt: str, src: str | None) -> list[str]:
    check = RulesCheck({}, Languages("ru", "en"))
    flags = check.run([Segment(0, "s", mt, src=src)])[0].flags
    return [f.text for f in flags if f.category == "name"]


CASES = [
    # (source, translation, the all-caps word, flagged with the source)
    (
        "Об этом сообщили в пресс-службе УФСИН по краю.",
        "This was reported by the press service of the regional UFSIN.",
        "UFSIN",
        False,
    ),
    (
        "Инспекторы ЦОДД перекрыли движение на мосту.",
        "TSODD inspectors closed traffic on the bridge.",
        "TSODD",
        False,
    ),
    (
        "Сотрудники ГУМВД задержали подозреваемого.",
        "GUMVD officers detained the suspect.",
        "GUMVD",
        False,
    ),
    # a letter swapped: no spelling of the source's acronym
    (
        "Сотрудники ГУМВД задержали подозреваемого.",
        "GUVMD officers detained the suspect.",
        "GUVMD",
        True,
    ),
    # an acronym the source does not have
    (
        "Об этом сообщили в пресс-службе ведомства.",
        "This was reported by UFSIN press officers.",
        "UFSIN",
        True,
    ),
]


@pytest.mark.parametrize(("src", "mt", "word", "flagged"), CASES)
def test_a_source_acronym_spelt_letter_by_letter_is_no_undecoded_name(src, mt, word, flagged):
    assert (word in _caps(mt, src)) is flagged
    assert word in _caps(mt, None)  # target only, the rule is unchanged
