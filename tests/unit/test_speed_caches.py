"""The speed work of issue 10 changes no answer, and its caches stay bounded.

Each cache or inlined path is compared with the plain computation it replaces, on the issue's
garbles and their clean twins and on real WMT21 ru-en news rows (when ../shared/data is there):
the adequacy check's LM window (the model called directly), the top rendering's Zipf per source
word, the calque test's set phrases per source sentence, the polarity test's negative renderings
per word pair, the names check's weighing per (name, word), and the lexicon table's lookup. (The
wrong-sense candidates with every shortcut off are compared in test_decision_shortcuts.py, the
names check's plain loop in test_source_shortcuts.py.) No timing: tools/scripts measure speed.
"""

from __future__ import annotations

import json
from itertools import repeat
from pathlib import Path
from typing import Any

import pytest

from mtqa.checks.source import (
    check as check_module,
    decision as decision_module,
    polarity as polarity_module,
)
from mtqa.checks.source.adequacy import AdequacyCheck
from mtqa.checks.source.check import SourceCheck, _candidates
from mtqa.checks.source.names import name_similarity, source_names
from mtqa.lexicon.align import align, source_phrases
from mtqa.lexicon.lookup import Table
from mtqa.lexicon.units import source_gapped
from mtqa.text import words
from mtqa.types import Segment
from tests.conftest import shared_file

MUELLER = Path("/usr/share/dictd/mueller7.index")

PAIRS = [
    (
        "Стороны договорились о мирном урегулировании конфликта.",
        "The parties agreed on a peaceful warfare of the conflict.",
    ),
    (
        "Стороны договорились о мирном урегулировании конфликта.",
        "The parties agreed on a peaceful settlement of the conflict.",
    ),
    ("Налог платят юридические лица.", "Legal faces pay the tax."),
    (
        "Эксперты предупредили о дестабилизации региона.",
        "Experts warned of the stabilization of the region.",
    ),
    ("Это было нелегальное решение.", "It was a legal decision."),
    (
        "Они обратили внимание на проблему.",
        "They turned attention to the problem.",
    ),
    (
        "Премьер Греции Мицотакис встретился с Макроном и Зеленским в Киеве.",
        "Greek Prime Minister Mitsotakis met Makron and Zelenskiy in Kiev.",
    ),
    ("Ли Цян и Ван И прибыли в Москву.", "Li Qiang and Wang Yi arrived in Moscow."),
]


def _pairs(n: int = 60) -> list[tuple[str, str]]:
    """PAIRS, then (src, mt) and (src, ref) of the first ``n`` WMT21 ru-en DA rows, if there."""
    out = list(PAIRS)
    try:
        path = shared_file("eval/wmt21_da_ru-en_news.part1.jsonl")
    except pytest.skip.Exception:
        return out
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row.get("src") and row.get("mt") and row.get("ref"):
                out += [(row["src"], row["mt"]), (row["src"], row["ref"])]
            if len(out) >= len(PAIRS) + 2 * n:
                break
    return out


@pytest.fixture(scope="module")
def adequacy() -> AdequacyCheck:
    if not MUELLER.exists():
        pytest.skip("mueller7-dict not installed")
    return AdequacyCheck()


# -- the LM window -------------------------------------------------------------------------------


def _plain_window_logp(check: AdequacyCheck, window: tuple[str, ...], required: int) -> Any:
    """The window's log10 p as it was computed before: through lm.logp, no cache."""
    lm = check.lm
    total = 0.0
    for k in range(2, len(window)):
        w = window[k]
        if lm.unigram(w) is None:
            if k < required + 2:
                return None
            continue
        hist = [
            h for h in (window[k - 1], window[k - 2]) if h == "<s>" or lm.unigram(h) is not None
        ]
        total += lm.logp(w, *hist)
    return total


def test_window_logp_equals_the_plain_computation_exactly(adequacy: AdequacyCheck) -> None:
    windows = 0
    for _src, mt in _pairs(40):
        seq = ("<s>", "<s>", *(t.text.lower() for t in words(mt)), "zqxwv")  # and an unknown word
        for lo in range(len(seq) - 2):
            for size in (3, 4, 5):
                window = seq[lo : lo + size]
                for required in (1, 2):
                    got = adequacy._window_logp(window, required)
                    assert got == _plain_window_logp(adequacy, window, required), window
                    assert adequacy._window_logp(window, required) == got  # cached: the same
                    windows += 1
    assert windows > 300


def test_lm_is_loaded_once_and_an_injected_model_is_kept() -> None:
    from mtqa.checks.senses import SenseCheck

    marker = object()
    assert SenseCheck(lm=marker).lm is marker
    check = AdequacyCheck()
    assert check.lm is check.lm


# -- the top rendering's Zipf per source word ---------------------------------------------------


def test_top_zipf_equals_the_plain_maximum_and_stays_bounded(
    adequacy: AdequacyCheck, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mtqa.lexicon.frequency import zipf

    monkeypatch.setattr(decision_module, "TOP_ZIPF_LIMIT", 25)
    adequacy._top_zipf_cache.clear()
    seen = 0
    for src, _ in _pairs(30):
        for tok in words(src):
            rend = adequacy._sense_renderings(tok.text)
            plain = max((zipf(r) for r in rend if " " not in r), default=0.0)
            assert decision_module._top_zipf(adequacy, tok.text, rend) == plain
            assert decision_module._top_zipf(adequacy, tok.text, rend) == plain  # from the cache
            assert len(adequacy._top_zipf_cache) <= 25
            seen += 1
    assert seen > 40


# -- the calque test's phrases per source sentence ------------------------------------------------


def _plain_calque_phrases(check: AdequacyCheck, src: str, al: Any) -> tuple[Any, Any]:
    own = source_phrases(check.lexicon, src)
    spans = {(i, n) for i, n, _, _ in own}
    phrases = [*own, *(p for p in check._aspect_phrases(al) if (p[0], p[1]) not in spans)]
    gapped = source_gapped(check.lexicon, src) if check._p["calque_gapped"] else ()
    phrases += [p for p in gapped if " " in p[3]]
    return tuple(phrases), tuple(gapped)


def test_calque_phrases_per_source_equal_the_plain_ones_and_stay_bounded(
    adequacy: AdequacyCheck, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mtqa.lexicon import align as align_module

    monkeypatch.setattr(align_module, "SOURCE_CACHE_LIMIT", 10)
    adequacy._calque_phrase_cache.clear()
    found = 0
    for src, mt in _pairs(40):
        al = align(adequacy.lexicon, src, mt)
        plain = _plain_calque_phrases(adequacy, src, al)
        assert adequacy._source_calque_phrases(src, al) == plain
        assert adequacy._source_calque_phrases(src, al) == plain  # from the cache
        assert len(adequacy._calque_phrase_cache) <= 10
        found += len(plain[0])
    assert found > 0  # «обратили внимание» has its partner's phrase at least


# -- the polarity test's negative renderings per word pair --------------------------------------


def test_polarity_flags_equal_with_and_without_the_pair_cache(
    adequacy: AdequacyCheck, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(polarity_module, "NEGATIVE_CACHE_LIMIT", 5)
    pairs = _pairs(40)
    cold = []
    for src, mt in pairs:
        adequacy._negative_cache.clear()
        al = align(adequacy.lexicon, src, mt)
        cold.append(polarity_module.dictionary_flips(adequacy, Segment(0, "s", mt, src=src), al))
        assert len(adequacy._negative_cache) <= 5
    warm = []
    for _ in range(2):  # the second time through answers from whatever the cache holds
        warm = []
        for src, mt in pairs:
            al = align(adequacy.lexicon, src, mt)
            warm.append(
                polarity_module.dictionary_flips(adequacy, Segment(0, "s", mt, src=src), al)
            )
            assert len(adequacy._negative_cache) <= 5
    assert warm == cold
    assert any(cold)  # "legal" for «нелегальное»


# -- the names check's weighing per (name, word) ------------------------------------------------


def test_name_weighing_equals_the_plain_computation_and_stays_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(check_module, "WEIGH_CACHE_LIMIT", 20)
    check = SourceCheck()
    floor, foreign_zipf = 0.75, 1.0
    weighed = rendered = 0
    for src, mt in _pairs(60):
        for name in source_names(src, "ru", 4.5):
            cands = _candidates(name)
            for tok in words(mt):
                w = tok.text
                if not w[:1].isupper():
                    continue
                if cands is not None and cands.rendered_by(w, foreign_zipf, "en"):
                    plain: tuple[bool, float] = (True, 0.0)
                else:
                    sim = name_similarity(name.text, w, floor)
                    if cands is not None:
                        sim = max([sim, *map(name_similarity, cands.spellings, repeat(w),
                                             repeat(floor))])  # fmt: skip
                    plain = (False, sim)
                assert check._weigh(name, cands, w, floor, foreign_zipf) == plain
                assert check._weigh(name, cands, w, floor, foreign_zipf) == plain
                assert len(check._weigh_cache) <= 20
                weighed += 1
                rendered += plain[0]
    assert weighed > 50 and rendered >= 3  # Mitsotakis, Li, Qiang, ...


# -- the lexicon table ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key, expected",
    [("мир", ("peace", "world")), ("война", ("war",)), ("нет", ()), ("", ())],
)
def test_table_get_answers_as_before(key: str, expected: tuple[str, ...]) -> None:
    table = Table({"мир": "peace\tworld", "война": "war"})
    assert table.get(key) == expected
    assert table.get(key) == expected  # split once, then from its cache
    assert table.get(key, ("default",)) == (expected or ("default",))
    table.add("нет", ("no",))
    assert table.get("нет") == ("no",)


# -- the senses check's source lemmas -------------------------------------------------------------


def test_source_lemmas_per_source_equal_the_plain_set() -> None:
    from mtqa.checks.senses import _source_lemmas
    from mtqa.lexicon.lemmas import ru_lemma_set

    for src, _ in _pairs(30):
        plain = frozenset(lem for tok in words(src) for lem in ru_lemma_set(tok.text.lower()))
        assert _source_lemmas(src) == plain
        assert _source_lemmas(src) == plain
    assert "урегулирование" in _source_lemmas(PAIRS[0][0])
    assert _source_lemmas.cache_info().maxsize == 4096  # bounded
