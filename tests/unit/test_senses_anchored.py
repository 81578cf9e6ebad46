"""The `senses` check's anchored step: with the source, an English pair that mirrors two
neighbouring source words, one of them rendered by a peripheral dictionary sense where a more
central rendering of the same source word makes a collocation English print uses.

Run on the system's Mueller dictionary, the CMU trigram model and symspellpy's bigram list
(skipped when Mueller or symspellpy is missing); the rows are real news sentences.
"""

from __future__ import annotations

import pytest

from mtqa.checks.lm import common_bigrams
from mtqa.checks.senses import SenseCheck, _source_positions, _stem_positions
from mtqa.lexicon import dictd
from mtqa.types import Segment


def _flags(check: SenseCheck, mt: str, src: str | None) -> list[tuple[str, str | None, str]]:
    seg = Segment(index=0, id="s", mt=mt, src=src)
    return [(f.text, f.suggestion, f.message) for f in check.check_one(seg).flags]


@pytest.mark.parametrize(
    ("src", "mt", "flagged", "suggestion", "ru"),
    [
        # «квартал»: quarter is its first rendering, block its second; "third quarter" is a
        # collocation of print, "third block" a pair the trigram model never saw
        (
            "В третьем квартале прибыль компании выросла.",
            "In the third block, the company's profit grew.",
            "third block",
            "third quarter",
            "квартал",
        ),
        # «процентную» is an adjective made from «процент», which "percentage" renders: the
        # pair still mirrors the source's two words
        (
            "Банк повысил процентную ставку.",
            "The bank raised the percentage bet.",
            "percentage bet",
            "percentage rate",
            "ставка",
        ),
    ],
)
def test_a_mirrored_pair_in_a_peripheral_sense_is_flagged(
    mueller_check: SenseCheck, src: str, mt: str, flagged: str, suggestion: str, ru: str
) -> None:
    assert _flags(mueller_check, mt, src) == [
        (
            flagged,
            suggestion,
            (
                f"“{flagged}” renders the source's «{ru}» in a sense that does not fit here: "
                f"“{suggestion}”?"
            ),
        )
    ]


@pytest.mark.parametrize(
    ("src", "mt"),
    [
        # the same garbles without their source: target only, the LM margin is too small
        (None, "In the third block, the company's profit grew."),
        (None, "The bank raised the percentage bet."),
        # a source where the neighbour renders no word beside «ставка»: not a mirrored pair
        ("Ставка банка по вкладам в процентах выросла.", "The bank raised the percentage bet."),
        # the corrected translations
        ("В третьем квартале прибыль компании выросла.", "In the third quarter, profit grew."),
        ("Банк повысил процентную ставку.", "The bank raised the interest rate."),
        # clean WMT21 references that looser settings flagged: the word is its source word's
        # most central rendering ("daughters", «дочь»), or the alternative pair is no collocation
        # of print ("large deposit")
        (
            "Они уже много лет воспитывают дочерей.",
            "They have been raising daughters for many years now.",
        ),
        (
            "Учёные высоко оценили большой вклад флота в изучение океана.",
            "Scientists praised the large contribution made by the Navy to studies of the ocean.",
        ),
        (
            "Водитель автомобиля отказался платить за парковку.",
            "An automobile driver refused to pay for parking.",
        ),
    ],
)
def test_not_flagged_by_the_anchored_step(
    mueller_check: SenseCheck, src: str | None, mt: str
) -> None:
    assert _flags(mueller_check, mt, src) == []


def test_a_compound_noun_of_wordnet_counts_as_a_collocation(mueller_check: SenseCheck) -> None:
    """ "bank cards" is on no list of frequent bigrams, but WordNet lists "bank card"."""
    from mtqa.lexicon.wordnet import load_wordnet

    if load_wordnet() is None:
        pytest.skip("WordNet (wordnet-base) is not installed")
    src = "Мошенники похитили данные банковских карт."
    mt = "Fraudsters stole the data of bank maps."
    assert [(text, sugg) for text, sugg, _ in _flags(mueller_check, mt, src)] == [
        ("bank maps", "bank cards")
    ]
    no_wordnet = SenseCheck({"anchored_wordnet": False})
    assert _flags(no_wordnet, mt, src) == []
    assert mueller_check.signature().endswith(";wordnet:3.0]")


def test_the_step_can_be_switched_off() -> None:
    if dictd.resolve(None) is None or common_bigrams() is None:
        pytest.skip("needs Mueller and symspellpy")
    off = SenseCheck({"anchored_gain_min": None})
    src = "В третьем квартале прибыль компании выросла."
    assert _flags(off, "In the third block, the company's profit grew.", src) == []


@pytest.mark.parametrize(
    ("lemma", "src", "found"),
    [
        ("процент", "Банк повысил процентную ставку.", (2,)),
        ("бюджет", "Поправки к бюджетному кодексу приняты.", (2,)),
        ("ставка", "Банк повысил процентную ставку.", (3,)),
        # a short lemma is matched exactly only (no stem to share)
        ("вид", "Он видел видео.", ()),
    ],
)
def test_stem_positions_find_derived_adjectives(
    lemma: str, src: str, found: tuple[int, ...]
) -> None:
    assert _stem_positions(lemma, _source_positions(src)) == found


@pytest.mark.parametrize("order", [1, -1])
def test_a_pair_found_for_one_source_is_judged_anew_for_another(order: int) -> None:
    """The step keeps what it found in a pair whatever the source; the source's part (which
    words are neighbours there) is asked again for every source, in either order."""
    if dictd.resolve(None) is None or common_bigrams() is None:
        pytest.skip("needs Mueller and symspellpy")
    check = SenseCheck()
    mt = "The bank raised the percentage bet."
    rows = [
        ("Банк повысил процентную ставку.", ["percentage bet"]),
        ("Ставка банка по вкладам в процентах выросла.", []),
    ]
    for src, flagged in rows[::order]:
        assert [text for text, _, _ in _flags(check, mt, src)] == flagged, src
