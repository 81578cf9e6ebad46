"""Polarity, round 12 (checks/source/polarity.py): the dictionary's negative renderings through
the lexicon's links (an aspect partner's), English adjectives lemminflect does not know, and a
negated word neither side's dictionary links. Sentences written for these tests."""

from __future__ import annotations

import pytest

from mtqa.checks.source.adequacy import AdequacyCheck
from mtqa.checks.source.polarity import en_negative, same_kind
from mtqa.lexicon import dictd
from tests.unit.adequacy_fixture import kind_flags


@pytest.fixture(scope="module")
def check() -> AdequacyCheck:
    if dictd.resolve(None) is None:
        pytest.skip("the Mueller dictionary (mueller7-dict) is not installed")
    return AdequacyCheck()


def polarity(check: AdequacyCheck, src: str, mt: str) -> list[tuple[str | None, ...]]:
    return kind_flags(check, src, mt, "polarity", severity=True)


@pytest.mark.parametrize(
    "word, prefix",
    [
        ("inaccessible", "in"),  # lemminflect knows neither word: the adjective ending decides
        ("incomprehensible", "in"),
        ("individual", None),  # "dividual" is no English word
        ("innovative", None),
    ],
)
def test_unknown_adjectives_take_their_prefix_from_the_ending(word: str, prefix: str | None):
    assert en_negative(word) == prefix


def test_an_unknown_adjective_is_an_adjective_of_its_source_word():
    assert same_kind("доступен", "accessible")


@pytest.mark.parametrize(
    "src, mt, flagged, suggestion, severity",
    [
        # the dictionary renders the verb's aspect partner (разгружать) by "unload"
        (
            "Команда разгрузила судно с зерном.",
            "The crew loaded the grain ship.",
            "loaded",
            "unloaded",
            "major",
        ),
        # "inaccessible" for a positive source word: the rest renders it
        (
            "Архив теперь доступен исследователям.",
            "The archive is now inaccessible to researchers.",
            "inaccessible",
            "accessible",
            "major",
        ),
        # neither «недееспособный» nor «дееспособный» is in the dictionary: word formation only
        (
            "Врачи признали пациента недееспособным.",
            "Doctors declared the patient capable.",
            "capable",
            "incapable",
            "minor",
        ),
        (
            "Прокуратура назвала арест неправомерным.",
            "Prosecutors called the arrest lawful.",
            "lawful",
            "unlawful",
            "minor",
        ),
    ],
)
def test_dropped_and_added_negations_are_flagged(
    check: AdequacyCheck, src: str, mt: str, flagged: str, suggestion: str, severity: str
):
    assert (flagged, suggestion, severity) in polarity(check, src, mt)


@pytest.mark.parametrize(
    "src, mt",
    [
        ("Команда разгрузила судно с зерном.", "The crew unloaded the grain ship."),
        ("Архив теперь доступен исследователям.", "The archive is now accessible to researchers."),
        (
            "Врачи признали пациента недееспособным.",
            "Doctors declared the patient legally incompetent.",
        ),
        ("Прокуратура назвала арест неправомерным.", "Prosecutors called the arrest unlawful."),
        # the dictionary knows the rest (простой, однозначный): antonyms, not dropped negations
        ("У него непростой характер.", "He has a complicated character."),
        ("Реакция общества неоднозначная.", "The public reaction is ambiguous."),
        # «рассказал» → "spoke": раз-/рас- is no negation here
        ("Министр рассказал о планах.", "The minister spoke about the plans."),
        # a participle, not an adjective: no dropped negation without a link
        ("Обновления необходимы для защиты.", "Updates are needed for protection."),
    ],
)
def test_correct_renderings_are_not_flagged(check: AdequacyCheck, src: str, mt: str):
    assert polarity(check, src, mt) == []
