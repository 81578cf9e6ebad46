"""Wrong senses inside syntactic pairs against the source (mtqa.checks.source.collocation)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mtqa.checks.source.adequacy import AdequacyCheck
from mtqa.checks.source.collocation import collocation_flags, english_pairs, known_assoc
from mtqa.lexicon.align import align
from mtqa.types import Segment

MUELLER = Path("/usr/share/dictd/mueller7.index")
mueller = pytest.mark.skipif(not MUELLER.exists(), reason="mueller7-dict is not installed")


def flags(src: str, mt: str, **params: Any) -> list:  # type: ignore[type-arg]
    check = AdequacyCheck(params=params or None)
    seg = Segment(0, "s", mt, src=src)
    return collocation_flags(check, seg, align(check.lexicon, src, mt))


@mueller
@pytest.mark.parametrize(
    "mt, expected",
    [
        ("They decided the problem quickly.", {("decided", "problem", "verb")}),
        ("He signed a law.", {("signed", "law", "verb")}),
        ("A row of countries refused.", {("row", "countries", "of")}),
        ("The move of the talks.", {("move", "talks", "of")}),
        ("The clean profit grew.", {("clean", "profit", "mod")}),
        ("They decided, problem solved.", set()),  # punctuation breaks the pair
    ],
)
def test_english_pairs(mt: str, expected: set[tuple[str, str, str]]) -> None:
    check = AdequacyCheck()
    al = align(check.lexicon, "Слово.", mt)
    got = {(al.mt[p.first].text, al.mt[p.second].text, p.kind) for p in english_pairs(al, mt)}
    assert expected <= got
    if not expected:
        assert not {g for g in got if g[2] in ("verb", "of")}


@pytest.mark.parametrize(
    "kind, first, second, known",
    [
        ("verb", "solved", "problem", True),  # "solve the problem", in any inflection
        ("verb", "decided", "problem", False),
        ("of", "number", "countries", True),
        ("mod", "net", "profit", True),
    ],
)
def test_known_assoc(kind: str, first: str, second: str, known: bool) -> None:
    from mtqa.checks.lm import english_lm

    value = known_assoc(english_lm(), kind, first, second)
    assert value is not None
    assert (value > 0.0) is known


# (src, garbled mt, flagged text, suggestion)
GARBLED = [
    (
        "Правительство пообещало решить проблему нехватки жилья до конца года.",
        "The government promised to decide the problem of housing shortages by the end of the year.",
        "decide the problem",
        "solve the problem",  # Mueller: "solve 1) решать, разрешать (проблему и т.п.)"
    ),
    (
        "Чистая прибыль банка за квартал составила два миллиарда рублей.",
        "The bank's clean profit for the quarter amounted to two billion roubles.",
        "clean profit",
        "net profit",  # "net ... чистый, нетто (о весе, доходе); net profit чистая прибыль"
    ),
    (
        "Солдат вернулся в свою военную часть после отпуска.",
        "The soldier returned to his military part after leave.",
        "military part",
        "military unit",  # "unit 5) _воен. часть": a subject label
    ),
    (
        "Глава отдела кадров уволился в пятницу.",
        "The head of the shots department resigned on Friday.",
        "shots department",
        "personnel department",  # "personnel department отдел кадров"
    ),
    (
        "Ряд стран отказался подписать декларацию.",
        "A row of countries refused to sign the declaration.",
        "row of countries",
        "variety of countries",
    ),
]


@mueller
@pytest.mark.parametrize("src, mt, span, suggestion", GARBLED)
def test_garbled_pairs(src: str, mt: str, span: str, suggestion: str) -> None:
    got = flags(src, mt)
    assert [(mt[f.start : f.end], f.suggestion, f.severity) for f in got] == [
        (span, suggestion, "minor")
    ]
    assert "«" in got[0].message  # the message names the source words


@mueller
@pytest.mark.parametrize(
    "headword, source, partner, named",
    [
        ("heavy", "сильный", "дождь", True),  # 7) сильный (о буре, дожде, росе и т.п.)
        ("solve", "решать", "проблема", True),  # 1) решать, разрешать (проблему и т.п.)
        ("unit", "часть", "военный", True),  # 5) _воен. часть
        ("net", "чистый", "прибыль", True),  # net profit чистая прибыль
        ("clean", "чистый", "прибыль", False),
        ("potential", "возможный", "клиент", False),
        ("heavy", "тяжелый", "дождь", False),  # another sense of the entry
    ],
)
def test_sense_contexts(headword: str, source: str, partner: str, named: bool) -> None:
    from mtqa.lexicon import dictd
    from mtqa.lexicon.contexts import SenseContexts

    contexts = SenseContexts(dictd.resolve(None))
    got = contexts.names(headword, lambda lemma: lemma == source, frozenset([partner]))
    assert got is named


def test_sense_contexts_without_a_dictionary() -> None:
    from mtqa.lexicon.contexts import SenseContexts

    assert SenseContexts(None).names("net", lambda lemma: True, frozenset(["прибыль"])) is False


# Clean translations of the same sources, and clean pairs the modifier tier flagged when it
# was on (tests/data/collocation_tuning.tsv and 9,000 clean sentences): never flagged.
CLEAN = [
    (
        "Правительство пообещало решить проблему нехватки жилья до конца года.",
        "The government promised to solve the problem of housing shortages by the end of the year.",
    ),
    (
        "Ряд стран отказался подписать декларацию.",
        "A number of countries refused to sign the declaration.",
    ),
    (
        "Полиция задержала подозреваемого в ограблении банка.",
        "Police detained a suspect in the bank robbery.",
    ),
    (
        "Министр представил доклад о состоянии экономики.",
        "The minister presented a report on the state of the economy.",
    ),
    (
        "Обе стороны нарушили перемирие в первые же часы.",
        "Both sides violated the truce within the first hours.",
    ),
    ("Компания ищет возможных клиентов.", "The company is looking for possible clients."),
]


@mueller
@pytest.mark.parametrize("src, mt", CLEAN)
def test_clean_pairs(src: str, mt: str) -> None:
    assert flags(src, mt) == []


@mueller
def test_switches() -> None:
    src, mt, _, _ = GARBLED[0]
    assert flags(src, mt, collocation=False) == []
    # without the dictionary's sense notes, "clean profit" is left to the LM, which has no
    # modifier tier by default
    src, mt, _, _ = GARBLED[2]
    assert flags(src, mt, colloc_dict=False) == []
    # the modifier tier, off by default, is in the code: "ruling batch" → "ruling party"
    batch = (
        "Правящая партия потеряла большинство в парламенте.",
        "The ruling batch lost its majority in parliament.",
    )
    assert flags(*batch) == []
    got = flags(*batch, colloc_kinds=("mod",), colloc_min_unigram=-6.0)  # "batch" is rare
    assert [f.suggestion for f in got] == ["ruling party"]


@mueller
def test_unrelated_source_words_are_no_pair() -> None:
    # «решить» and «проблема» in different clauses: the English pair has no source pair
    src = "Решить это нельзя. Проблема осталась."
    mt = "It cannot decide the problem remained."
    assert flags(src, mt) == []


@mueller
def test_adequacy_reports_the_pair() -> None:
    src, mt, span, suggestion = GARBLED[0]
    result = AdequacyCheck().run([Segment(0, "s", mt, src=src)])[0]
    assert any(mt[f.start : f.end] == span and f.suggestion == suggestion for f in result.flags)
