"""VocabularyCheck: invented words and mangled names in English MT."""

from __future__ import annotations

import pytest

from mtqa.checks.vocabulary import VocabularyCheck, edit_distance
from mtqa.types import Segment


def seg(text: str, i: int = 0) -> Segment:
    return Segment(index=i, id=str(i), mt=text)


@pytest.fixture(scope="module")
def check() -> VocabularyCheck:
    return VocabularyCheck()


# (sentence, flagged token, category, suggestion)
FLAGGED = [
    ("Kremlin spokesman Dmitry Pesckov declined to comment.", "Pesckov", "name", "Peskov"),
    ("President Zelenskyi addressed the parliament.", "Zelenskyi", "name", "Zelensky"),
    ("The ministry said the sitation was under control.", "sitation", "unknown-word", "situation"),
    ("The negotiatons ended without a deal.", "negotiatons", "unknown-word", "negotiations"),
    ("The militery's budget grew.", "militery's", "unknown-word", "military"),
]

CLEAN = [
    "Putin and Zelensky spoke by phone about the situation in Kyiv.",
    "Navalny's team published the report on Tuesday.",
    "The U.S. and NATO said the long-term plan would cost $3.5 billion in 2022.",
    "COVID-19 cases rose by 12% in the Moscow region, Rospotrebnadzor said.",
    "Details are at https://www.example.com/news or press@example.org.",
    "Kremlin-backed media called it a pro-Western provocation.",
]


@pytest.mark.parametrize(("text", "token", "category", "suggestion"), FLAGGED)
def test_invented_tokens_are_flagged(check, text, token, category, suggestion):
    result = check.run([seg(text)])[0]
    assert len(result.flags) == 1
    f = result.flags[0]
    assert text[f.start : f.end] == f.text == token
    assert f.start == 0 or not text[f.start - 1].isalnum()
    assert f.end == len(text) or not text[f.end].isalnum()
    assert f.category == category
    assert f.suggestion == suggestion
    assert 0.0 <= f.confidence <= 1.0
    assert result.scores["vocabulary"] < 100.0


@pytest.mark.parametrize("text", CLEAN)
def test_clean_news_is_not_flagged(check, text):
    result = check.run([seg(text)])[0]
    assert result.flags == ()
    assert result.scores["vocabulary"] >= 80.0  # an unlisted agency name may lower it a little


def test_unknown_name_without_close_match_is_not_flagged(check):
    result = check.run([seg("Deputy governor Semilarski resigned.")])[0]
    assert result.flags == ()


def test_scores_order_garbled_below_clean(check):
    fixed = "The ministry said the situation was under control."
    bad, good = check.run([seg(FLAGGED[2][0]), seg(fixed, 1)])
    assert bad.scores["vocabulary"] < good.scores["vocabulary"]


def test_invariant_to_batch_order(check):
    texts = [t for t, *_ in FLAGGED] + CLEAN
    forward = check.run([seg(t, i) for i, t in enumerate(texts)])
    backward = check.run([seg(t, i) for i, t in enumerate(reversed(texts))])[::-1]
    assert forward == backward


@pytest.mark.parametrize(
    ("a", "b", "d"), [("peskov", "pesckov", 1), ("abc", "acb", 1), ("kitten", "sitting", 3)]
)
def test_edit_distance(a, b, d):
    assert edit_distance(a, b) == d
