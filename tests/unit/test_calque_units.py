"""Calques of set phrases and compounds: what the dictionary's units and phrases let the
adequacy check see (eighth round), on Mueller (skipped where it is not installed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.checks.source.adequacy import AdequacyCheck
from mtqa.types import Segment

MUELLER = Path("/usr/share/dictd/mueller7.index")
needs_mueller = pytest.mark.skipif(not MUELLER.exists(), reason="mueller7-dict is not installed")


@pytest.fixture(scope="module")
def check() -> AdequacyCheck:
    return AdequacyCheck()


def calques(check: AdequacyCheck, src: str, mt: str) -> list[tuple[str, str | None]]:
    result = check.run([Segment(0, "s", mt, src=src)])[0]
    return [(f.text, f.suggestion) for f in result.flags if " word by word" in f.message]


@needs_mueller
@pytest.mark.parametrize(
    "src, mt, expected",
    [
        # a later noun sense (mineral: 2) «полезные ископаемые»), an English pair the LM has
        # never seen: the unit word, in the inflection in place
        (
            "Полезные ископаемые привлекают инвесторов.",
            "Useful fossils attract investors.",
            [("Useful fossils", "Minerals")],
        ),
        ("Полезные ископаемые привлекают инвесторов.", "Minerals attract investors.", []),
        # the first sense, plural in place: the headword is kindergarten, not "kindergartens"
        (
            "В районе открыли два детских сада.",
            "Two children's gardens were opened in the district.",
            [("children's gardens", "kindergartens")],
        ),
        # a pair English uses (the LM has seen it, PMI 0.95): mainstream's first sense is
        # «основное направление», but "main trends" renders «основные направления» well
        ("Он назвал основные направления работы.", "He named the main trends of the work.", []),
        # the unit in the inflection in place is no word of print: "mainstreams" (a WMT21
        # system output, rated fine)
        (
            "Он назвал основные направления работы.",
            "He named the main directions of the work.",
            [],
        ),
        # a late sense (feature: 7) «большая статья») is no unit to hold a translation to
        ("Газета опубликовала большую статью.", "The newspaper published a large article.", []),
    ],
)
def test_units_beyond_the_first_sense(
    check: AdequacyCheck, src: str, mt: str, expected: list[tuple[str, str]]
) -> None:
    assert calques(check, src, mt) == expected


@needs_mueller
@pytest.mark.parametrize(
    "src, mt, expected",
    [
        # the dictionary's "the state of emergency" scored in the place of the translation's
        # article, not after it
        (
            "Власти ввели в регионе чрезвычайное положение.",
            "The authorities declared a state of emergency in the region.",
            [],
        ),
        # a possessive token of tokenised text ("Jehovah 's") is the dictionary's "jehovah's"
        (
            "Суд запретил организацию Свидетелей Иеговы.",
            "The court banned the Jehovah 's Witnesses organization .",
            [],
        ),
    ],
)
def test_dictionary_phrases_rendered_as_such_are_no_calques(
    check: AdequacyCheck, src: str, mt: str, expected: list[tuple[str, str]]
) -> None:
    assert calques(check, src, mt) == expected


@needs_mueller
@pytest.mark.parametrize(
    "key, phrase",
    [
        # Mueller abbreviates the headword to its initial in its phrases ("Supreme C." under
        # court): the set phrases of institutions read in full
        ("международный валютный фонд", "international monetary fund"),
        ("верховный суд", "supreme court"),
    ],
)
def test_institution_phrases_read_with_their_headword(
    check: AdequacyCheck, key: str, phrase: str
) -> None:
    assert phrase in check.lexicon.phrase_renderings(key)


@needs_mueller
@pytest.mark.parametrize(
    "src, mt, expected",
    [
        # «принимать во внимание» (a preposition inside): the dictionary's "take into
        # consideration", found through the aspect partner of «приняли»
        (
            "Эксперты приняли во внимание рост цен.",
            "Experts accepted into attention the rise in prices.",
            [("accepted into attention", "took into consideration")],
        ),
        (
            "Эксперты приняли во внимание рост цен.",
            "Experts took into account the rise in prices.",
            [],
        ),
        # "have in mind": "have" renders «иметь» though the lemmatiser counts it a function word
        (
            "Министр имел в виду другое соглашение.",
            "The minister had in view another agreement.",
            [("had in view", "had in mind")],
        ),
        ("Министр имел в виду другое соглашение.", "The minister meant another agreement.", []),
        # a pronoun inside is no preposition: «признать себя виновным» (plead guilty) is no
        # rendering of «признал её виновной»
        (
            "Суд признал её виновной в мошенничестве.",
            "The court found her guilty of fraud.",
            [],
        ),
        # a preposition is no partner for a source word another word already renders
        (
            "Активисты выступили против назначения духовного лица на светскую должность.",
            "Activists opposed the appointment of a cleric to a secular post.",
            [],
        ),
    ],
)
def test_set_phrases_with_a_preposition_inside(
    check: AdequacyCheck, src: str, mt: str, expected: list[tuple[str, str]]
) -> None:
    assert calques(check, src, mt) == expected


@pytest.mark.parametrize(
    "ru, key",
    [
        ("принимать во внимание", "принимать внимание"),
        ("выходить на пенсию", "выходить пенсия"),
        ("признать себя виновным", None),  # a pronoun, not a preposition
        ("вызывать чей-л. интерес", None),  # the dictionary's placeholder
        ("юридическое лицо", None),  # two words: the lexicon's phrases have these
    ],
)
def test_gapped_key(ru: str, key: str | None) -> None:
    from mtqa.lexicon.units import gapped_key

    assert gapped_key(ru) == key


@needs_mueller
@pytest.mark.parametrize(
    "src, mt, expected",
    [
        # a verb unit of a verb and its object (оказывать давление → exert), said with the
        # translation's own noun
        (
            "Власти оказывают давление на журналистов.",
            "The authorities render pressure on journalists.",
            [("render pressure", "exert pressure")],
        ),
        ("Санкции оказывают давление на экономику.", "Sanctions put pressure on the economy.", []),
    ],
)
def test_a_verb_unit_with_the_translations_noun(
    check: AdequacyCheck, src: str, mt: str, expected: list[tuple[str, str]]
) -> None:
    assert calques(check, src, mt) == expected


@needs_mueller
@pytest.mark.parametrize(
    "src, mt",
    [
        # The trigram LM knows "entered into force", not "enters into force": the English
        # collocation is judged on any inflection of its first word.
        ("Закон вступает в силу с 1 января.", "The law enters into force on January 1."),
        (
            "Соглашение вступит в силу после ратификации.",
            "The agreement will enter into force after ratification.",
        ),
    ],
)
def test_an_english_collocation_in_another_inflection_is_no_calque(
    check: AdequacyCheck, src: str, mt: str
) -> None:
    assert calques(check, src, mt) == []
