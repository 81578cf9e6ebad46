"""An article whose paragraphs are one per line (no blank lines, as many CMS exports and editors
write them) against one with blank-line paragraphs: its lines are its paragraphs when their
count matches (it was "misaligned input: ... has 6 paragraphs but the src file ... has 1")."""

from __future__ import annotations

import pytest

from mtqa.errors import InputError
from mtqa.io.readers import parse_article
from tests.conftest import SAMPLES

EN = (SAMPLES / "article.en.txt").read_text(encoding="utf-8")
RU = (SAMPLES / "article.ru.txt").read_text(encoding="utf-8")


def one_per_line(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if line.strip()) + "\n"


def pairs(mt: str, src: str) -> list[tuple[str, str | None]]:
    segments = parse_article(mt, "a.en.txt", ("a.ru.txt", src), None, "ru", "en")
    return [(s.mt, s.src) for s in segments]


def test_source_one_paragraph_per_line() -> None:
    assert pairs(EN, one_per_line(RU)) == pairs(EN, RU)


def test_translation_one_paragraph_per_line() -> None:
    expected = pairs(EN, RU)
    got = pairs(one_per_line(EN), RU)
    assert [src for _, src in got] == [src for _, src in expected]
    assert [mt for mt, _ in got] == [mt for mt, _ in expected]


def test_counts_that_still_differ_are_an_error() -> None:
    short = "\n".join(one_per_line(RU).splitlines()[:-1]) + "\n"
    with pytest.raises(InputError, match="misaligned input"):
        pairs(EN, short)


def test_reference_one_paragraph_per_line_beside_a_matching_source() -> None:
    segments = parse_article(
        EN, "a.en.txt", ("a.ru.txt", RU), ("ref.txt", one_per_line(EN)), "ru", "en"
    )
    assert all(s.ref == s.mt for s in segments)
