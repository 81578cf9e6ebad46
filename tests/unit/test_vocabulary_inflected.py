"""VocabularyCheck on original English news: a regular inflection of a listed word, and a
compound whose parts are a verb form or a number word, are English words; slips stay flagged."""

from __future__ import annotations

import pytest

from mtqa.checks.vocabulary import VocabularyCheck, inflected_word
from mtqa.types import Segment


def seg(text: str) -> Segment:
    return Segment(index=0, id="0", mt=text)


@pytest.fixture(scope="module")
def check() -> VocabularyCheck:
    return VocabularyCheck()


# sentences written for this test; each word is in no English word list, but English builds it
KNOWN = [
    # an inflection of a listed word
    ("The regime only denuclearizes under pressure.", "denuclearizes"),
    ("The utility decarbonizes its grid faster than its rivals.", "decarbonizes"),
    # a prefix before a verb form ("re" + "injecting")
    ("Doctors are reinjecting the modified cells into the patient.", "reinjecting"),
    # an inflection of a word built from a prefix and a listed verb
    ("The plant reinjects the captured gas underground.", "reinjects"),
    # two words run together, one a verb form or a number word
    ("The brand sells homewear and candles.", "homewear"),
    ("The pair won both their fourballs on Friday.", "fourballs"),
    ("Cinemagoing habits changed after the pandemic.", "cinemagoing"),
]

# slips and transliterated words: still flagged
STILL_FLAGGED = [
    ("They met for breakast in the capital.", "breakast"),
    ("Ties beteen the two allies have cooled.", "beteen"),
    ("The ministry presented the reconstrution plan.", "reconstrution"),
    ("Pensioners complained about the new kvartplata.", "kvartplata"),
    ("They sailed from the port of posttelaviv last week.", "posttelaviv"),
]


@pytest.mark.parametrize(("text", "token"), KNOWN)
def test_an_inflected_or_compound_english_word_is_not_flagged(check, text, token):
    result = check.run([seg(text)])[0]
    assert token not in [f.text for f in result.flags]


@pytest.mark.parametrize(("text", "token"), STILL_FLAGGED)
def test_slips_and_foreign_words_stay_flagged(check, text, token):
    result = check.run([seg(text)])[0]
    assert token in [f.text for f in result.flags]


@pytest.mark.parametrize(
    ("word", "base"),
    [("denuclearizes", "denuclearize"), ("wanred", None), ("beteen", None)],
)
def test_inflected_word_gives_the_listed_base(word, base):
    assert inflected_word(word, "en") == base


def test_the_inflection_rule_can_be_turned_off() -> None:
    check = VocabularyCheck({"inflected": False})
    result = check.run([seg(KNOWN[0][0])])[0]
    assert [f.text for f in result.flags] == ["denuclearizes"]
