"""The shipped collocate table gives exactly what scanning the pool gives."""

from __future__ import annotations

import random

import pytest

from mtqa.checks.lm import DEFAULTS, CollocatesTable, english_lm


@pytest.fixture(scope="module")
def table() -> CollocatesTable:
    lm = english_lm()
    found = lm._collocates_table
    if found is None:
        pytest.fail("the shipped collocate table is missing or was built for another model")
    return found


def _pool() -> tuple[str, ...]:
    return english_lm().fill_candidates(
        DEFAULTS["stop_logprob"], int(DEFAULTS["suggest_candidates"])
    )


def test_table_matches_scan_on_a_sample_of_words(table: CollocatesTable) -> None:
    lm = english_lm()
    pool = _pool()
    assert table.serves(pool, 20)
    words = sorted(table.sides[1])
    sample = random.Random(7).sample(words, 40) + ["forces", "intelligence", "stock", "polling"]
    for word in sample:
        for side in (+1, -1):
            assert table.lookup(lm, word, side, pool) == lm.scan_collocates(word, side, pool, 20)


def test_table_covers_every_word_the_check_can_ask_about(table: CollocatesTable) -> None:
    lm = english_lm()
    stop = lm.stop_words(DEFAULTS["stop_logprob"])
    askable = {
        w
        for p, w in lm.by_frequency()
        if p >= DEFAULTS["common_logprob"] and w.isalpha() and w not in stop
    }
    assert askable == set(table.sides[1]) == set(table.sides[-1])


def test_other_parameters_fall_back_to_scanning(table: CollocatesTable) -> None:
    lm = english_lm()
    small = lm.fill_candidates(DEFAULTS["stop_logprob"], 300)
    assert not table.serves(small, 20)
    assert not table.serves(_pool(), 10)
    assert lm.collocates("forces", +1, small) == lm.scan_collocates("forces", +1, small)
