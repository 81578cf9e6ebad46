"""`mtqa.check` given a string: an article, as `mtqa check` and the service read one.

A str is also a Sequence[str]; it used to be checked one character per "sentence"."""

from __future__ import annotations

import pytest

import mtqa
from mtqa.errors import InputError

ARTICLE = "The talks resumed on Monday. The ministers met in Geneva.\n\nTrade grew by 12 percent."
SOURCE = "Переговоры возобновились в понедельник. Министры встретились в Женеве.\n\nТоварооборот вырос на 15 процентов."


def test_a_string_is_an_article() -> None:
    doc = mtqa.check(ARTICLE, checks=["rules"])
    assert [s.segment.mt for s in doc.sentences] == [
        "The talks resumed on Monday.",
        "The ministers met in Geneva.",
        "Trade grew by 12 percent.",
    ]
    assert [s.segment.id for s in doc.sentences] == ["p1s1", "p1s2", "p2s1"]


def test_a_string_with_its_source_text() -> None:
    doc = mtqa.check(ARTICLE, src=SOURCE, checks=["source"])
    assert doc.sentences[2].segment.src == "Товарооборот вырос на 15 процентов."
    assert any(f.category == "number" for f in doc.sentences[2].flags)


@pytest.mark.parametrize(
    "mt, src, message",
    [
        ("", None, "input is empty"),
        (ARTICLE, ["Один."], "mt is text, so src must be text too"),
        (["One."], "Один.", "mt is a list of 1 sentences, so src must be a list as long"),
    ],
)
def test_bad_shapes_are_input_errors(mt, src, message: str) -> None:
    with pytest.raises(InputError, match=message):
        mtqa.check(mt, src=src, checks=["rules"])


def test_a_list_is_still_one_sentence_per_item() -> None:
    doc = mtqa.check(["The talks resumed. The ministers met."], checks=["rules"])
    assert len(doc.sentences) == 1
