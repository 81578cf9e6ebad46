from __future__ import annotations

import pytest

from mtqa.checks.base import Languages
from mtqa.checks.rules import RulesCheck
from mtqa.types import Segment

EN = Languages("ru", "en")
RU = Languages("en", "ru")

# (mt, target language, expected (category, flagged text) pairs; each must be among the flags)
GARBLED = [
    ("He said the the talks would resume.", EN, [("repetition", "the")]),
    ("The The talks would resume.", EN, [("repetition", "The")]),
    ("Officials said the talks the talks would resume.", EN, [("repetition", "the talks")]),
    (
        "The EU imposed sanctions, tariffs and sanctions on Russia.",
        EN,
        [("repetition", "sanctions")],
    ),
    (
        "Moscow counts on a constructive approach from partners, partners and allies.",
        EN,
        [("repetition", "partners")],
    ),
    ("It is a long -term plan.", EN, [("spacing", "long -term")]),
    ("It is a long- term plan.", EN, [("spacing", "long- term")]),
    ("He left , then came back.", EN, [("spacing", " ,")]),
    ("He came back .", EN, [("spacing", " .")]),
    ("The victim,they said, was fine.", EN, [("spacing", "m,t")]),
    ("Путин said that everything was fine.", EN, [("untranslated", "Путин")]),
    ("He said что всё будет хорошо завтра.", EN, [("untranslated", "что всё будет хорошо завтра")]),
    ("The 华声在线 site reported it.", EN, [("untranslated", "华声在线")]),
    ("Rоssia is big.", EN, [("untranslated", "Rоssia")]),  # Cyrillic "о"
    ("Он сказал the meeting was good.", RU, [("untranslated", "the meeting was good")]),
    ("Мoсква большая.", RU, [("untranslated", "Мoсква")]),  # Latin "o"
    ("NATO met in New York (at the UN.", EN, [("punctuation", "(")]),
    ("NATO met in New York) at the UN.", EN, [("punctuation", ")")]),
    ("He said “yes and “no.", EN, [("punctuation", "“")]),
    ("He said “yes” and ”no.", EN, [("punctuation", "”")]),
    ("Он сказал «да» и» нет.", RU, [("punctuation", "»")]),
    ("The meeting ended, said SHE.", EN, [("name", "SHE")]),
    ("The meeting with VVP ended.", EN, [("name", "VVP")]),
]

CLEAN = [
    ("Don't demonize the people of Khabarovsk.", EN),
    ("NATO, the EU and the US met at the UN in New York on Tuesday.", EN),
    ("More and more people came back again and again.", EN),
    ("He had had enough, and said that that plan would fail.", EN),
    ("The Russian government and the Ukrainian government met on March 5 and March 6.", EN),
    ("Long- and short-term loans rose by 5% in the second quarter.", EN),
    ("“We will win,” he said (in Moscow) after the match.", EN),
    ("“We will win.", EN),  # a quote continuing into the next sentence
    ("We always win,” he said.", EN),  # the end of a quote opened earlier
    ("The FBI and the CIA briefed US officials on the WHO report.", EN),
    ("Prices in the US rose to US$2.34 billion, World War II veterans said.", EN),
    ("The ministry's site www.kremlin.ru was down.", EN),
    ("Компания Apple выпустила новый iPhone в Москве.", RU),
    ("«Я кричал: «В воде акулы!»», — добавил он.", RU),
    ("Он работает в анти-CAA движении и изучает Omicron-вариант.", RU),
    ("他说：“我们在这里。”", Languages("en", "zh")),
]


def _run(mt: str, langs: Languages) -> list:
    (result,) = RulesCheck(langs=langs).run([Segment(0, "s", mt)])
    return list(result.flags)


@pytest.mark.parametrize("mt,langs,expected", GARBLED)
def test_garbled_text_is_flagged(
    mt: str, langs: Languages, expected: list[tuple[str, str]]
) -> None:
    flags = _run(mt, langs)
    found = {(f.category, f.text) for f in flags}
    for item in expected:
        assert item in found, (item, found)
    for f in flags:
        assert 0 <= f.start < f.end <= len(mt)
        assert mt[f.start : f.end] == f.text
        assert f.check == "rules"


@pytest.mark.parametrize("mt,langs", CLEAN)
def test_clean_text_has_no_flags(mt: str, langs: Languages) -> None:
    assert _run(mt, langs) == []


def test_untranslated_severity_grows_with_length() -> None:
    (short,) = [
        f
        for f in _run("Путин said that it was all fine today.", EN)
        if f.category == "untranslated"
    ]
    (long_,) = [
        f for f in _run("He said что всё будет хорошо завтра.", EN) if f.category == "untranslated"
    ]
    assert short.severity == "major"
    assert long_.severity == "critical"


def test_hyphen_suggestion_joins_the_word() -> None:
    (f,) = _run("It is a long -term plan.", EN)
    assert f.suggestion == "long-term"


def test_rules_can_be_switched_off_by_params() -> None:
    check = RulesCheck({"enabled": ["spacing"]}, EN)
    (result,) = check.run([Segment(0, "s", "He said the the talks , again.")])
    assert {f.category for f in result.flags} == {"spacing"}


def test_no_score_only_flags() -> None:
    (result,) = RulesCheck(langs=EN).run([Segment(0, "s", "He said the the talks.")])
    assert result.scores == {}


@pytest.mark.parametrize(
    "mt",
    ["Pyongyang says it cannot disarm unless it can trust US", "Heavy rain moves to southwest US"],
)
def test_a_common_word_in_capitals_is_only_a_minor_flag(mt: str) -> None:
    """An acronym that spells a common word ("US") reads either way: weak evidence alone."""
    flags = [f for f in _run(mt, EN) if f.category == "name"]
    assert [(f.text, f.severity) for f in flags] == [("US", "minor")]


def test_order_invariance() -> None:
    texts = [mt for mt, langs, _ in GARBLED if langs == EN] + [
        mt for mt, langs in CLEAN if langs == EN
    ]
    segs = [Segment(i, str(i), t) for i, t in enumerate(texts)]
    check = RulesCheck(langs=EN)
    forward = check.run(segs)
    rev = check.run([Segment(i, str(i), t) for i, t in enumerate(texts[::-1])])
    assert [r.flags for r in forward] == [r.flags for r in rev[::-1]]


# Echoes: a word said twice across a coordination or a short phrase.
@pytest.mark.parametrize(
    ("mt", "span", "severity", "suggestion"),
    [
        ("The situation in the region remains calm and calm.", "calm and calm", "major", "calm"),
        (
            "The sides agreed to expand ties and strengthen ties with Asia.",
            "expand ties and strengthen ties",
            "minor",
            "expand and strengthen ties",
        ),
        (
            "The headquarters for monitoring and monitoring the situation reported new cases.",
            "monitoring and monitoring",
            "major",
            "monitoring",
        ),
        ("They spoke about the peace of the peace in Europe.", "peace of the peace", "major", None),
        # an adjective or adverb before a noun: no "[X] and [X noun]" reading
        ("Where will strong and strong relations start?", "strong and strong", "major", "strong"),
        (
            "This means they are ideologically and ideologically close to us.",
            "ideologically and ideologically",
            "major",
            "ideologically",
        ),
        # a noun followed by a preposition, not by a noun it could modify
        (
            "Building splendid churches and churches against the backdrop of ruins.",
            "churches and churches",
            "major",
            "churches",
        ),
        # two nouns no English text puts together ("infrastructure heritage")
        (
            "They build infrastructure and infrastructure heritage sites.",
            "infrastructure and infrastructure",
            "major",
            "infrastructure",
        ),
        # one determiner on both sides, or "to" after the conjunction
        (
            "The sides agreed to expand the ties and strengthen the ties.",
            "expand the ties and strengthen the ties",
            "minor",
            "expand and strengthen the ties",
        ),
        (
            "They want to expand cooperation and to deepen cooperation.",
            "expand cooperation and to deepen cooperation",
            "minor",
            "expand and deepen cooperation",
        ),
        # "support small" is no compound noun (PMI below 0.5), so no "[X] and [X Y]" reading
        (
            "The government will support and support small business.",
            "support and support",
            "major",
            "support",
        ),
        # the capital of a sentence's first word hides nothing
        (
            "Showcases and showcases were destroyed.",
            "Showcases and showcases",
            "major",
            "Showcases",
        ),
        # a singular noun joined to itself in a noun phrase: the trigram model's reading of
        # "energy and energy" as an idiom comes from compounds ("energy and energy efficiency")
        (
            "They agreed on cooperation in energy and energy.",
            "energy and energy",
            "major",
            "energy",
        ),
        # ... or after a comma, in a list
        ("Talks covered tourism, culture and culture.", "culture and culture", "major", "culture"),
        # a past verb after it heads no compound: not "[oil] and [oil fell]"
        ("Prices for oil and oil fell sharply.", "oil and oil", "major", "oil"),
        # a name joined to itself: at the end of a list, or before a preposition or the end
        (
            "Russia, Brazil and Brazil opposed the sanctions.",
            "Brazil and Brazil",
            "major",
            "Brazil",
        ),
        (
            "Storms hit the coast of Spain and Spain.",
            "Spain and Spain",
            "major",
            "Spain",
        ),
        # a list that names one item twice, the repeat going on as a clause: still a slip (not
        # the echo across clauses that the next item right after the first one makes)
        (
            "Delegations from Chile, Peru and Chile attended the talks in Geneva.",
            "Chile",
            "major",
            None,
        ),
        # a doubled rendering inside a list (two source words, one English word) stays a slip
        (
            "Applicants must bring permits, permits, and receipts to the office.",
            "permits",
            "major",
            None,
        ),
        (
            "Officials from Kenya and Kenya in the talks disagreed.",
            "Kenya and Kenya",
            "major",
            "Kenya",
        ),
    ],
)
def test_echoed_words_are_flagged(
    mt: str, span: str, severity: str, suggestion: str | None
) -> None:
    reps = [f for f in _run(mt, EN) if f.category == "repetition"]
    assert [(f.text, f.severity, f.suggestion) for f in reps] == [(span, severity, suggestion)]


@pytest.mark.parametrize(
    "mt",
    [
        "Prices rose step by step.",
        "Prices rose more and more.",
        "He tried again and again.",
        "They met face to face.",
        "Year after year, prices rose.",
        "The shops grew bigger and bigger.",
        "They drove for miles and miles.",
        "The wheel went round and round.",
        "It is the largest exporter of petroleum and petroleum products.",
        "Exports of oil and oil products fell.",
        "They signed the deal and then the deal collapsed.",
        "Brazil hosts pre-carnival and carnival parties.",
        "The election and election-related spending rose.",
        "Card holders keep the bank and bank card details apart.",
        "Shipments of gas and gas condensate rose.",
        "Boxes and boxes of papers piled up.",
        "They flew to Bora Bora and then to Walla Walla.",
        "Domestic flights and international flights were cancelled.",
        "North Korea and South Korea held talks.",
        "They walked hand in hand from time to time.",
        # reduplications English uses with a singular noun or a verb
        "Time and time again the talks failed.",
        "Prices rose and rose.",
        "They waited for years and years.",
        # a second copy that is another place, or the subject of a new clause
        "New restrictions apply in Moscow and Moscow region.",
        "Flights to New York and New York City were cancelled.",
        "Rain fell on Washington and Washington State.",
        "She blamed Wang and Wang was dismissed.",
        "Georgia and Georgia's neighbours signed the deal.",
        # repetitions made on purpose: the sentence's (or quote's) opening words said again at
        # once, an echo that opens a clause, a coordination echoed whole
        "Delays, delays, and still more delays, the passengers complained.",
        '"Shame, shame," the crowd chanted outside the court.',
        "We want jobs, we want jobs, the strikers shouted.",
        "The deal was signed in Paris, and in Paris it will be judged by voters.",
        "They want money and influence, and what they get is money and influence.",
    ],
)
def test_legitimate_repetition_is_not_flagged(mt: str) -> None:
    assert [f for f in _run(mt, EN) if f.category == "repetition"] == []


# -- a place in the subject's seat: «В Кремле заявили, что...» word for word ---------------------


@pytest.mark.parametrize(
    ("mt", "flagged", "suggestion"),
    [
        (
            "In the Kremlin said that the talks would continue.",
            "In the Kremlin said",
            "The Kremlin said",
        ),
        (
            "Talks resumed. In the Ministry of Defense of Russia reported: the strikes continued.",
            "In the Ministry of Defense of Russia reported",
            "The Ministry of Defense of Russia reported",
        ),
        (
            'At the press service of the governor explained "the road is closed".',
            "At the press service of the governor explained",
            "The press service of the governor explained",
        ),
    ],
)
def test_subjectless_reports_are_flagged(mt: str, flagged: str, suggestion: str) -> None:
    flags = RulesCheck(langs=Languages("ru", "en")).run([Segment(index=0, id="0", mt=mt)])[0].flags
    assert [(f.text, f.category, f.severity, f.suggestion) for f in flags] == [
        (flagged, "grammar", "minor", suggestion)
    ]


@pytest.mark.parametrize(
    "mt",
    [
        "In the Kremlin, officials said that talks would continue.",
        "In his speech Putin recalled that this year marks an anniversary.",
        "In that game my team won: we scored twice.",
        "In an interview in 2009 he explained that he felt forbidden.",
        "In the chaos created, they stole the cable.",
        "At stake was the claim that the vote had been rigged.",
        "In 1943 Japan ordered the colony to accept advisers.",  # a year, then the subject
        "In 2000 Burundi's government received a mediator.",
        "In addition lassfeld himself conducted a flight.",
        "In the press service of the governor, they explained that the road was closed.",
        "After Germany invaded the Soviet Union, the war spread.",
    ],
)
def test_a_place_before_the_subject_is_not_flagged(mt: str) -> None:
    check = RulesCheck(langs=Languages("ru", "en"))
    assert check.run([Segment(index=0, id="0", mt=mt)])[0].flags == ()


@pytest.mark.parametrize(
    ("mt", "flagged"),
    [
        ("In the DPRK recorded the first case of coronavirus.", "In the DPRK recorded"),
        ("On Monday announced the new sanctions.", "On Monday announced"),
        (
            "In the waters of Kronstadt ended the Main Naval Parade.",
            "In the waters of Kronstadt ended",
        ),
    ],
)
def test_a_verb_before_its_subject_is_flagged_without_a_rewrite(mt: str, flagged: str) -> None:
    flags = RulesCheck(langs=Languages("ru", "en")).run([Segment(index=0, id="0", mt=mt)])[0].flags
    assert [(f.text, f.category, f.suggestion) for f in flags] == [(flagged, "grammar", None)]
    assert "no subject before the verb" in flags[0].message
