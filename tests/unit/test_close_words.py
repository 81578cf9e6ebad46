"""Vocabulary suggestions: the candidate search equals a symmetric-delete index over the list."""

from __future__ import annotations

import pytest

from mtqa.checks.vocabulary import _suggestion_words, close_words

TOP = 150000
QUERIES = ["pesckov", "zelenskyy", "goverment", "naïve", "cafe", "ubermensch", "kyiv", "recieve"]


def _keys(word: str) -> set[str]:
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


@pytest.mark.parametrize("lang", ["en"])
def test_close_words_equals_the_symmetric_delete_definition(lang: str) -> None:
    words, _ = _suggestion_words(lang, TOP)
    wanted = {q: _keys(q) for q in QUERIES}
    lengths = {len(q) + d for q in QUERIES for d in (-1, 0, 1)}
    expected: dict[str, set[str]] = {q: set() for q in QUERIES}
    for w in words:
        if len(w) not in lengths:
            continue
        keys = _keys(w)
        for q, q_keys in wanted.items():
            if keys & q_keys:
                expected[q].add(w)
    for q in QUERIES:
        assert close_words(q, lang, TOP) == expected[q], q
    assert expected["goverment"] and "government" in expected["goverment"]
