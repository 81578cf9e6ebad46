"""A number the translation gives at a thousand (a million, a billion) times a source fraction
that has no scale word: the translator mended the source's slip («больше 1,5 военнослужащих»
→ "over 1500 military members"). Still flagged, as minor: the gate should not block it."""

from __future__ import annotations

import pytest

from mtqa.checks.base import Languages
from mtqa.checks.source import SourceCheck
from mtqa.checks.source.numbers import numbers, restored_scale
from mtqa.types import Segment


def _number_flags(src: str, mt: str) -> list[tuple[str, str]]:
    check = SourceCheck(langs=Languages("ru", "en"))
    result = check.run([Segment(index=0, id="1", mt=mt, src=src)])[0]
    return [(f.text, f.severity) for f in result.flags if f.category == "number"]


@pytest.mark.parametrize(
    ("src", "mt", "expected"),
    [
        (
            "В параде приняли участие 46 кораблей и больше 1,5 военнослужащих.",
            "46 warships and over 1500 military members took part in the parade.",
            [("1500", "minor")],
        ),
        (
            "Бюджет составит 2,4 рубля.",
            "The budget will be 2.4 billion rubles.",
            [],  # "2.4 billion" still has 2.4 in it: nothing to flag
        ),
        # the source has its scale word: a wrong figure stays major
        (
            "В параде приняли участие 1,5 тыс. военнослужащих.",
            "Over 15000 military members took part.",
            [("15000", "major")],
        ),
        # a whole source number is no fraction to mend
        (
            "В параде приняли участие 15 военнослужащих.",
            "Over 15000 military members took part.",
            [("15000", "major")],
        ),
        # another figure altogether
        (
            "В параде приняли участие больше 1,5 военнослужащих.",
            "Over 1600 military members took part.",
            [("1600", "major")],
        ),
    ],
)
def test_restored_scale_severity(src: str, mt: str, expected: list[tuple[str, str]]) -> None:
    assert _number_flags(src, mt) == expected


def test_restored_scale_names_the_source_number() -> None:
    src_items = numbers("больше 1,5 военнослужащих и 2 корабля", "ru")
    (mt_item,) = numbers("over 1500 members", "en")
    found = restored_scale(mt_item, src_items)
    assert found is not None and found.text == "1,5"
    (other,) = numbers("over 1501 members", "en")
    assert restored_scale(other, src_items) is None
