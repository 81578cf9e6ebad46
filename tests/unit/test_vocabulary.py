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


@pytest.mark.parametrize(
    ("unknown", "known", "variant"),
    [
        ("Gagarina", "gagarin", True),  # feminine form of a known name
        ("Igora", "igor", True),  # inflected form inside a proper name ("Igora Drive")
        ("Kulakov", "kulikov", True),  # another vowel: another real surname
        ("Tammeka", "tameka", True),  # a doubled letter
        ("Lyuna", "luna", True),  # iotation
        ("Artjom", "artyom", True),
        ("Brodno", "grodno", True),  # another first letter: another place
        ("Annino", "anning", True),  # another ending: another place
        ("Navalni", "navalny", False),  # the usual -y/-i slip
        ("Zelenskyi", "zelensky", False),
        ("Pesckov", "peskov", False),
        ("Tatarsan", "tatarstan", False),
        ("Aleskandr", "aleksandr", False),
    ],
)
def test_name_variants_are_not_garbles(unknown, known, variant):
    from mtqa.checks.vocabulary import name_variant

    assert name_variant(unknown, known) is variant


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        # typos of common words are major ...
        ("The administration wanred about a new fraud scheme.", "major"),
        # ... a coinage or a transliterated word without a close common word is minor
        ("More than 4000 sluzhivye took part.", "minor"),
        ("We're koloboks, not gloomy stones.", "minor"),
    ],
)
def test_unknown_words_are_major_only_as_typos(check, text, severity):
    (flag,) = check.run([seg(text)])[0].flags
    assert flag.category == "unknown-word"
    assert flag.severity == severity


@pytest.mark.parametrize(
    "text",
    [
        "Russian singer Polina Gagarina named five foods.",
        "Vessels including the submarine chaser Vice-Admiral Kulakov took part.",
        "The lead RosBank analyst agreed.",
        "The forecast was provided by Mikhail Leus.",
    ],
)
def test_real_names_near_known_ones_are_not_flagged(check, text):
    assert check.run([seg(text)])[0].flags == ()


def test_a_name_the_source_spells_so_is_left_to_the_source_check(check):
    # (a Russian surname's own ending, as in "Kalnin Street", is no longer flagged even alone:
    # test_vocabulary_romanised.py)
    text = "The round table will be held at 339 Sildi Street."
    alone = check.run([seg(text)])[0]
    assert [(f.text, f.suggestion) for f in alone.flags] == [("Sildi", "Sidi")]
    with_src = Segment(index=0, id="0", mt=text, src="Круглый стол пройдет на улице Сильди, 339.")
    assert check.run([with_src])[0].flags == ()


def test_frequency_dict_is_wordfreqs_own_table() -> None:
    # the table zipf_frequency reads (cached under (lang, "best")) is shared, not loaded twice
    import wordfreq

    from mtqa.checks.vocabulary import frequency_dict

    assert frequency_dict("en") is wordfreq.get_frequency_dict("en", "best")


# A name English text knows with a Russian case ending left on it (literal MT of «с Эрдоганом»).
CASE_ENDINGS = [
    ("The president held talks with Erdoganom in Ankara.", "Erdoganom", "Erdogan", "-om"),
    ("The foreign minister handed a message to Macronu.", "Macronu", "Macron", "-u"),
    ("The chancellor spoke with Scholzem by phone.", "Scholzem", "Scholz", "-em"),
    ("Kyiv said Zelenskim had met the envoy.", "Zelenskim", "Zelensky", "-im"),
    ("The summit opened in Yerevane on Monday.", "Yerevane", "Yerevan", "-e"),
]


@pytest.mark.parametrize(("text", "token", "known", "ending"), CASE_ENDINGS)
def test_a_known_name_with_a_russian_case_ending_is_flagged(check, text, token, known, ending):
    flags = check.run([seg(text)])[0].flags
    assert [(f.text, f.category, f.suggestion) for f in flags] == [(token, "name", known)]
    assert f"({ending})" in flags[0].message
    assert flags[0].severity == "major"


@pytest.mark.parametrize(
    "text",
    [
        "The prime minister called Netanyahu, then flew to Baku and Peru.",
        "Spokeswoman Maria Zakharova told journalists about it.",
        "Journalists asked Peskova about the sanctions.",  # genitive or a woman's name: left
        "Erdogan met Macron and Scholz in Madrid.",
    ],
)
def test_names_that_only_look_declined_are_not_flagged(check, text):
    assert check.run([seg(text)])[0].flags == ()


def test_case_endings_are_russian_only() -> None:
    from mtqa.checks.base import Languages

    estonian = VocabularyCheck(langs=Languages("et", "en"))
    assert estonian.run([seg("The president held talks with Erdoganom in Ankara.")])[0].flags == ()


@pytest.mark.parametrize(
    ("text", "token", "nominative", "ending"),
    [
        ("The court heard Grozovskogo on Friday.", "Grozovskogo", "Grozovsky", "-skogo"),
        ("The deal was signed with Kuzminovym.", "Kuzminovym", "Kuzminov", "-ovym"),
        ("Flowers were given to Sidorkinoy.", "Sidorkinoy", "Sidorkina", "-inoy"),
    ],
)
def test_an_unknown_name_with_a_russian_oblique_ending_is_a_minor_flag(
    check, text, token, nominative, ending
):
    flags = check.run([seg(text)])[0].flags
    assert [(f.text, f.category, f.suggestion, f.severity) for f in flags] == [
        (token, "name", nominative, "minor")
    ]
    assert f"({ending})" in flags[0].message
