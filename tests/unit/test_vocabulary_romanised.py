"""Names spelt through Russian letters, judged without a source (the `vocabulary` check).

Sentences written for these tests; none comes from the tuning files.
"""

from __future__ import annotations

import pytest

from mtqa.checks import Languages
from mtqa.checks.vocabulary import VocabularyCheck
from mtqa.names_key import english_spellings, is_romanised
from mtqa.types import Segment


@pytest.fixture(scope="module")
def check() -> VocabularyCheck:
    return VocabularyCheck(langs=Languages("ru", "en"))


def flags_of(check: VocabularyCheck, text: str) -> list[tuple[str, str, str | None]]:
    result = check.run([Segment(index=0, id="0", mt=text)])[0]
    return [(f.text, f.severity, f.suggestion) for f in result.flags]


# (sentence, the romanised name, the spelling English knows)
GARBLED = [
    # c for к
    ("French President Emmanuel Makron called the plan a mistake.", "Makron", "Macron"),
    # the same with the Russian instrumental left on it
    ("Scholz spoke with Makronom by phone on Friday.", "Makronom", "Macron"),
    # w for в
    ("Indonesia's president Joko Vidodo visited Beijing.", "Vidodo", "Widodo"),
    # ph for ф
    ("South Africa's president Sirilo Ramafosa opened the summit.", "Ramafosa", "Ramaphosa"),
    # German ei for ай and st for шт
    ("Germany's president Frank-Walter Shtaynmayer signed the bill.", "Shtaynmayer", "Steinmeier"),
    # j for дж, ai for ай
    ("India's foreign minister Subrahmanyam Dzhayshankar arrived.", "Dzhayshankar", "Jaishankar"),
    # a final h Russian does not write
    ("Hezbollah leader Hassan Nasralla gave a speech on television.", "Nasralla", "Nasrallah"),
    # kh for h, with the instrumental
    ("Putin met Rakhmonom in Dushanbe.", "Rakhmonom", "Rahmon"),
    # a feminine case ending on a Japanese name read without it
    ("Biden's meeting with Kisidoy took place in Washington.", "Kisidoy", "Kishida"),
]


@pytest.mark.parametrize(("text", "word", "suggestion"), GARBLED)
def test_romanised_name_gets_the_english_spelling(check, text, word, suggestion):
    found = [f for f in flags_of(check, text) if f[0] == word]
    assert found == [(word, "minor", suggestion)]


CLEAN = [
    # Russian names and words romanised as they should be, where English knows a name like them
    "Journalist Ivan Golunov was released on Tuesday.",  # not Godunov
    "Pavel Kalnin was elected head of the district.",  # not Kalin
    "Deputy minister Sergei Kotik resigned.",  # not Kotick
    "The frigate carried Tsirkon hypersonic missiles.",  # a Russian missile's name
    "The Yantar shipyard launched a new vessel.",  # not Jantar
    # a name's own English variants
    "President Zelenskyy spoke in Kyiv.",
    "The singer Lyuna performed in Odesa.",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_romanised_names_are_not_flagged(check, text):
    assert flags_of(check, text) == []


def test_only_for_a_russian_source_language():
    german = VocabularyCheck(langs=Languages("de", "en"))
    assert [f for f in flags_of(german, "Emmanuel Makronom spoke.") if f[2] == "Macron"] == []


WORDS = frozenset({"macron", "steinmeier", "shigeru", "ramaphosa", "nasrallah", "cyril"})
PREFIXES = frozenset(w[:i] for w in WORDS for i in range(1, len(w) + 1))


@pytest.mark.parametrize(
    ("romanised", "english"),
    [
        ("makron", ["macron"]),
        ("shtaynmayer", ["steinmeier"]),
        ("sigeru", ["shigeru"]),  # Polivanov's s for Japanese sh
        ("ramafosa", ["ramaphosa"]),
        ("nasralla", ["nasrallah"]),
        ("siril", ["cyril"]),  # c only before e, i, y
        ("makran", []),  # a vowel Russian writes as English does is not changed
        ("macron", []),  # c: not a romanisation
        ("golunov", []),  # a Slavic surname's ending: romanised as it should be
    ],
)
def test_english_spellings(romanised, english):
    assert english_spellings(romanised, PREFIXES.__contains__, WORDS.__contains__) == english


@pytest.mark.parametrize(
    ("word", "romanised"),
    [
        ("Makron", True),
        ("Shchukin", True),
        ("Macron", False),
        ("Puschkin", False),
        ("Poutin", False),
    ],
)
def test_is_romanised(word, romanised):
    assert is_romanised(word) is romanised


def test_walk_is_bounded():
    # every prefix allowed, no word: the walk stops at its step budget
    assert english_spellings("s" * 40, lambda _: True, lambda _: False, budget=500) == []


# The Russian soft sign (ь) written as an apostrophe: (sentence, flagged text, suggestion)
SOFT_SIGN = [
    ("The delegation flew on to Tver' the next morning.", "Tver'", "Tver"),
    ("Shares of Gor'kovsky Avtozavod fell.", "Gor'kovsky", "Gorkovsky"),
    ("Chancellor Merkel’ thanked the volunteers.", "Merkel’", "Merkel"),
]


@pytest.mark.parametrize(("text", "word", "suggestion"), SOFT_SIGN)
def test_soft_sign_apostrophe_is_flagged(check, text, word, suggestion):
    assert flags_of(check, text) == [(word, "minor", suggestion)]


@pytest.mark.parametrize(
    "text",
    [
        "The Joneses' house stood next to James' garage.",  # plural possessives
        "O'Brien met D'Alema in Rome.",  # an apostrophe beside a vowel
        "The plant, known as 'Tver', closed in May.",  # a closing quotation mark
        "Mark's plan was approved.",
        # English contractions after a capital (a sentence's first word)
        '"It\'ll be a long road," she said.',
        "That'd be the third vote.",
    ],
)
def test_other_apostrophes_are_not_soft_signs(check, text):
    assert flags_of(check, text) == []


def test_surname_endings_are_one_list():
    """The vocabulary check's surname endings are derived from names_key's Slavic endings (one
    list, one place): the possessive ones, every one of them among the Slavic endings."""
    from mtqa.names_key import POSSESSIVE_SURNAME_ENDINGS, SLAVIC_ENDINGS

    assert POSSESSIVE_SURNAME_ENDINGS == ("ov", "ev", "in", "yn")
    assert set(POSSESSIVE_SURNAME_ENDINGS) < set(SLAVIC_ENDINGS)
