"""VocabularyCheck: a lowercase word English builds from listed parts is no invented word."""

from __future__ import annotations

import pytest

from mtqa.checks.vocabulary import VocabularyCheck
from mtqa.types import Segment


def seg(text: str) -> Segment:
    return Segment(index=0, id="0", mt=text)


@pytest.fixture(scope="module")
def check() -> VocabularyCheck:
    return VocabularyCheck()


# coinages: a combining prefix, a doctrine or agent suffix, two words run together
BUILT = [
    "The region spent the grant on the reprofiling of the old quarries.",
    "Two microreactors will supply the northern settlements with power.",
    "Local cyberpolice traced the messages to another city.",
    "The critics called it provincialist thinking.",
    "The harbourworkers and the dockworkers struck together.",
]

# no coinages: a misspelling one edit from a common word, a Russian word in Latin letters, a
# polarity prefix on a word, a name run into a word, a prefix before a part too short
NOT_BUILT = [
    ("The ministry presented the reconstrution plan.", "reconstrution"),
    ("The guests were offered kotlety and kompot.", "kotlety"),
    ("The building was left unrepaired and unheatable for years.", "unheatable"),
    ("They sailed from the port of posttelaviv last week.", "posttelaviv"),
    ("Pensioners complained about the new kvartplata.", "kvartplata"),
]


@pytest.mark.parametrize("text", BUILT)
def test_a_word_built_from_listed_parts_is_not_flagged(check, text):
    result = check.run([seg(text)])[0]
    assert result.flags == ()


@pytest.mark.parametrize(("text", "token"), NOT_BUILT)
def test_other_unlisted_words_are_still_flagged(check, text, token):
    result = check.run([seg(text)])[0]
    assert token in [f.text for f in result.flags]


def test_the_rule_can_be_turned_off() -> None:
    check = VocabularyCheck({"built_part_zipf": None})
    result = check.run([seg(BUILT[0])])[0]
    assert [f.text for f in result.flags] == ["reprofiling"]
