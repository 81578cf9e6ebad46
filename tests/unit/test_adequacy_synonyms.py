"""The adequacy check's synonym guard (twelfth round, precision): a wrong sense is a different
meaning, so a learned-decision flag whose alternative is a WordNet near synonym of the English
word ("large" / big, "recall" / remember) is dropped; different meanings ("Cases" / affairs,
"bet" / rate) and synonyms only in rarer senses ("strength" / force) are still flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.checks.source.adequacy import AdequacyCheck
from mtqa.types import Segment

MUELLER = Path("/usr/share/dictd/mueller7.index")


@pytest.fixture(scope="module")
def wordnet():  # type: ignore[no-untyped-def]
    from mtqa.lexicon.wordnet import load_wordnet

    wn = load_wordnet()
    if wn is None:
        pytest.skip("WordNet (wordnet-base) is not installed")
    return wn


@pytest.fixture(scope="module")
def checks(wordnet):  # type: ignore[no-untyped-def]
    if not MUELLER.exists():
        pytest.skip("the Mueller dictionary (mueller7-dict) is not installed")
    return AdequacyCheck(), AdequacyCheck({"synonym_senses": -1})


@pytest.mark.parametrize(
    ("word", "other", "top", "expected"),
    [
        ("domestic", "internal", 2, True),  # similar adjectives, senses 0 and 2
        ("domestic", "internal", 0, False),  # ... not both commonest senses
        ("large", "big", 0, True),  # one synset, both first senses
        ("cruel", "brutal", 0, True),
        ("recall", "remember", 0, True),  # verbs
        ("strength", "force", 2, False),  # shared only in each word's third sense
        ("cases", "affairs", 2, False),  # different meanings of дело
        ("bet", "rate", 2, False),  # different meanings of ставка
        ("solution", "decision", 2, False),  # different meanings of решение
        ("large", "rapid", 2, False),
    ],
)
def test_near_synonyms(wordnet, word: str, other: str, top: int, expected: bool) -> None:  # type: ignore[no-untyped-def]
    assert AdequacyCheck().near_synonyms(wordnet, word, other, top) is expected


# Clean sentences written for this test: the English word renders its source word by a
# synonym of the alternative the language model prefers.
CLEAN = [
    (
        "Убытки компании не просто велики, они огромны.",
        "The company's losses are not just large, they are enormous.",
        "large",
    ),
    (
        "Мы вспоминаем богатый опыт наших предков.",
        "We recall the rich experience of our ancestors.",
        "recall",
    ),
]


@pytest.mark.parametrize(("src", "mt", "word"), CLEAN)
def test_a_synonym_of_the_preferred_rendering_is_no_wrong_sense(checks, src, mt, word) -> None:  # type: ignore[no-untyped-def]
    guarded, unguarded = checks
    seg = Segment(index=0, id="s", mt=mt, src=src)
    assert not [f for f in guarded.check_one(seg).flags if word in mt[f.start : f.end]]
    # without the guard the decision flags it (what this test was written against)
    assert [f for f in unguarded.check_one(seg).flags if word in mt[f.start : f.end]]


# Wrong senses of tests/data/sense_tuning.tsv (tuning rows): still flagged.
GARBLED = [
    (
        "Министерство иностранных дел выразило протест.",
        "The Ministry of Foreign Cases expressed a protest.",
        "Cases",
    ),
    ("Банк повысил процентную ставку.", "The bank raised the percentage bet.", "bet"),
    (
        "Правительство приняло решение повысить налоги.",
        "The government made a solution to raise taxes.",
        "solution",
    ),
    (
        "Новые правила вступят в силу в январе.",
        "The new rules will enter into strength in January.",
        "strength",
    ),
]


@pytest.mark.parametrize(("src", "mt", "word"), GARBLED)
def test_a_different_meaning_is_still_flagged(checks, src, mt, word) -> None:  # type: ignore[no-untyped-def]
    guarded, _ = checks
    seg = Segment(index=0, id="g", mt=mt, src=src)
    assert [f for f in guarded.check_one(seg).flags if word in mt[f.start : f.end]]


def test_the_signature_names_the_guard(checks) -> None:  # type: ignore[no-untyped-def]
    guarded, _ = checks
    assert ";synonyms:wordnet-3.0;decision:" in guarded.signature()
