"""The speed-ups of the lexicon and the adequacy check change no answer.

Every cache and shortcut here is checked against the plain computation it replaces: lemminflect's
public lookups, the lexicon's per-lemma unions, aligning with cleared caches, the LM window of
the whole sentence, and the adequacy check with its LM shortcut switched off.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mtqa.checks.source.adequacy import AdequacyCheck
from mtqa.lexicon import lemmas, lookup
from mtqa.lexicon.align import align
from mtqa.lexicon.dictd import resolve
from mtqa.lexicon.mined import load_mined
from mtqa.text import words
from mtqa.types import Segment
from tests.conftest import shared_file

ENGLISH_FORMS = [
    "leaves", "talks", "better", "was", "children", "agreed", "settlement", "warfare",
    "entities", "faces", "destabilization", "Shmyhal", "Zqxw", "don't", "U.S", "well-known",
    "sanctions", "negotiated", "countries", "its", "the", "meeting", "1990s",
]  # fmt: skip

# Real garbles and their clean twins (wrong sense, calque, polarity), as in the issue.
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
    ("Налог платят юридические лица.", "Legal entities pay the tax."),
    (
        "Эксперты предупредили о дестабилизации региона.",
        "Experts warned of the stabilization of the region.",
    ),
]


def real_pairs(n: int = 40) -> list[tuple[str, str]]:
    """The PAIRS, then (src, mt) and (src, ref) of the first ``n`` WMT21 ru-en DA rows."""
    out = list(PAIRS)
    path = shared_file("eval/wmt21_da_ru-en_news.part1.jsonl")
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row.get("src") and row.get("mt") and row.get("ref"):
                out += [(row["src"], row["mt"]), (row["src"], row["ref"])]
            if len(out) >= len(PAIRS) + 2 * n:
                break
    return out


@pytest.fixture
def lexicon(tiny_index: Path) -> lookup.Lexicon:
    """The tiny test dictionary and the shipped mined lexicon (real entries, built in ms)."""
    files = resolve(str(tiny_index))
    assert files is not None
    parts: list = [("tiny", lookup.load_dictionary_maps(files))]
    mined = load_mined()
    if mined is not None:
        parts.append(mined)
    return lookup.merge(parts)


def results(check: AdequacyCheck, pairs: list[tuple[str, str]]) -> list[tuple]:
    segments = [Segment(k, str(k), mt, src=src) for k, (src, mt) in enumerate(pairs)]
    return [(r.scores, r.flags) for r in check.run(segments)]


# -- lemmas -------------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ENGLISH_FORMS)
def test_lemma_tables_read_in_place_answer_as_lemminflect(form: str) -> None:
    from lemminflect import getAllInflections, getAllLemmas

    low = form.lower()
    ours = {k: tuple(w.lower() for w in v) for k, v in lemmas._all_lemmas(low).items()}
    assert ours == getAllLemmas(low)
    for lemma in {w for v in getAllLemmas(low).values() for w in v} | {low}:
        assert lemmas._all_inflections(lemma) == getAllInflections(lemma)


@pytest.mark.parametrize("tag", ["NNS", "VBD", "VBN", "VBG", "VBZ", "JJR", "RBS", "RP"])
@pytest.mark.parametrize("lemma", ["settlement", "warfare", "agree", "good", "be", "quick", "zqxw"])
def test_inflections_read_in_place_answer_as_lemminflect(lemma: str, tag: str) -> None:
    from lemminflect import getInflection

    ours = lemmas._table_inflection(lemma, tag)
    public = getInflection(lemma, tag)
    assert ours is None or ours == public  # None: lemminflect is asked (its rules for OOV)
    expected = str(public[0]) if public else lemma
    assert lemmas.inflect(lemma, tag) == expected


def test_en_lemmas_equal_through_the_public_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    def answers() -> dict[str, tuple]:
        return {
            w: (lemmas.en_lemmas(w), tag := lemmas.penn_tag(w), lemmas.inflect("settle", tag))
            for w in ENGLISH_FORMS
        }

    fast = answers()
    monkeypatch.setattr(lemmas, "_en_tables", lambda: None)
    for cached in (lemmas.en_lemmas, lemmas.penn_tag, lemmas.inflect, lemmas._all_inflections):
        cached.cache_clear()
    try:
        slow = answers()
    finally:
        for cached in (lemmas.en_lemmas, lemmas.penn_tag, lemmas.inflect, lemmas._all_inflections):
            cached.cache_clear()
    assert slow == fast
    assert fast["leaves"][0] and fast["talks"][1] == "NNS"


# -- lookup and align ---------------------------------------------------------------------------


def test_source_candidates_are_the_union_over_lemmas_and_verb_stems(
    lexicon: lookup.Lexicon,
) -> None:
    for src, _ in PAIRS:
        for token in words(src):
            expected: set[str] = set()
            for lem in lemmas.ru_lemmas(token.text):
                expected.update(lexicon.links.get(lem.lemma, ()))
                if lem.pos == "VERB" and len(lem.lemma) >= 6:
                    for verb in lexicon.verb_stems.get(lem.lemma[:5], ()):
                        expected.update(lexicon.links[verb])
            assert lexicon.src_candidates(token.text) == expected  # cold
            assert lexicon.src_candidates(token.text) == expected  # cached
    assert lexicon.src_candidates("договорились")  # the test covers a verb with links


def test_alignment_is_the_same_with_caches_cleared(lexicon: lookup.Lexicon) -> None:
    pairs = real_pairs(20)
    first = [align(lexicon, src, mt) for src, mt in pairs]
    # Again with every cache warm, then with the per-sentence and per-word caches emptied.
    assert [align(lexicon, src, mt) for src, mt in pairs] == first
    for cache in (
        lexicon.source_cache,
        lexicon.word_cache,
        lexicon.phrase_cache,
        lexicon.unit_cache,
    ):
        cache.clear()
    assert [align(lexicon, src, mt) for src, mt in reversed(pairs)] == first[::-1]
    assert any(al.links for al in first)


# -- the adequacy check -------------------------------------------------------------------------


def reference_window_logp(lm, words_: list[str], lo: int, hi: int) -> float | None:  # type: ignore[no-untyped-def]
    """The LM window over the whole sentence, as the check computed it before its cache."""
    total = 0.0
    seq = ["<s>", "<s>", *words_]
    for k in range(lo + 2, min(len(seq), hi + 2 + 2)):
        w = seq[k]
        if lm.unigram(w) is None:
            if k < hi + 2:
                return None
            continue
        hist = [h for h in (seq[k - 1], seq[k - 2]) if h == "<s>" or lm.unigram(h) is not None]
        total += lm.logp(w, *hist)
    return total


def test_cached_lm_gain_equals_the_whole_sentence_computation(lexicon: lookup.Lexicon) -> None:
    check = AdequacyCheck()
    check._lexicon = lexicon
    compared = 0
    for src, mt in real_pairs(10):
        al = align(lexicon, src, mt)
        low = [t.text.lower() for t in al.mt]
        for lo in range(len(low)):
            for hi in (lo + 1, lo + 2):
                for replacement in (["settlement"], ["legal", "entities"], [low[lo]]):
                    if hi > len(low):
                        continue
                    before = reference_window_logp(check.lm, low, lo, hi)
                    trial = low[:lo] + replacement + low[hi:]
                    after = reference_window_logp(check.lm, trial, lo, lo + len(replacement))
                    expected = None
                    if before is not None and after is not None:
                        span = max(1, hi - lo)
                        expected = (after - before) / max(span, len(replacement)) * span
                    # Twice: computed, then from the cache.
                    assert check._gain(al, lo, hi, replacement) == expected
                    assert check._gain(al, lo, hi, replacement) == expected
                    compared += expected is not None
    assert compared > 100


@pytest.fixture
def rich_lexicon(lexicon: lookup.Lexicon) -> lookup.Lexicon:
    """The test lexicon with every mined link also offered as a rendering, so that most source
    words have candidates and the language-model path runs often (any lexicon must do)."""
    links = lexicon.links
    renders = {k: links.get(k) for k in links}
    return lookup.merge(
        [("test", {"links": links, "renders": lexicon.renders, "phrases": lexicon.phrases}),
         ("renders", {"links": {}, "renders": renders, "phrases": {}})]
    )  # fmt: skip


@pytest.mark.parametrize(
    "params",
    [
        {},
        # Margins the shortcut must respect when they are small, not only when they are out of
        # reach (99).
        {"sense_gain_seen": 0.5, "sense_gain_linked_seen": 0.0, "sense_gain_free_seen": 0.2},
    ],
)
def test_flags_are_the_same_cold_warm_and_without_the_lm_shortcut(
    rich_lexicon: lookup.Lexicon, params: dict
) -> None:
    pairs = real_pairs(80)
    # The rules' path, where the LM shortcut lives (the learned decision scores every candidate).
    params = {**params, "learned_decision": 0}
    check = AdequacyCheck(params)
    check._lexicon = rich_lexicon
    first = results(check, pairs)
    assert results(check, pairs) == first  # every cache warm
    assert results(check, pairs[::-1]) == first[::-1]
    # A trace makes the check score every candidate (no shortcut past hopeless ones).
    traced = AdequacyCheck(params)
    traced._lexicon = rich_lexicon
    traced._trace = []
    assert results(traced, pairs) == first
    assert any(flags for _, flags in first)
    # Candidates beside an English pair the LM has seen (the ones the shortcut may skip) were
    # judged, and the shortcut did skip some when the margin is out of reach.
    assert sum(1 for t in traced._trace if t[4] is True) > 20
    if len(params) == 1:
        fresh = AdequacyCheck(params)
        fresh._lexicon = rich_lexicon
        fresh._trace = None
        scored: list[int] = []
        gain = fresh._gain
        fresh._gain = lambda *a: scored.append(1) or gain(*a)  # type: ignore[method-assign]
        assert results(fresh, pairs) == first
        assert len(scored) < len(traced._trace)


# -- the dictionary maps' cache file ------------------------------------------------------------


def test_rebuilding_keeps_another_formats_cache_and_drops_a_stale_one(tiny_index: Path) -> None:
    """Two mtqa versions on one machine (another cache format) must not delete each other's
    maps, or each load rebuilds the dictionary (tens of seconds for Mueller)."""
    files = resolve(str(tiny_index))
    assert files is not None
    folder = lookup.cache_dir()
    assert folder is not None
    folder.mkdir(parents=True, exist_ok=True)
    other_format = folder / f"{files.name}-{files.fingerprint()}-v{lookup.CACHE_FORMAT + 1}.marshal"
    old_dictionary = folder / f"{files.name}-0_0-0_0-v{lookup.CACHE_FORMAT}.marshal"
    other_format.write_bytes(b"another version's maps")
    old_dictionary.write_bytes(b"maps of an older dictionary file")
    lookup.load_dictionary_maps(files)
    assert other_format.exists()
    assert not old_dictionary.exists()
    assert len(list(folder.glob(f"*-v{lookup.CACHE_FORMAT}.marshal"))) == 1
