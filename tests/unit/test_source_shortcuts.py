"""The source check's speed shortcuts give the answers of the computations they replace.

Each shortcut (a cache keyed on a word, a bound computed before an expensive match, a scan
instead of a copy) is compared here with the plain computation on a table of real inputs.
"""

from __future__ import annotations

import importlib
from collections import Counter
from difflib import SequenceMatcher

import pytest

from mtqa.checks.source import casing, names, surface
from mtqa.text import script_of

# (the package exports a function called numbers, which hides the module of that name)
numbers = importlib.import_module("mtqa.checks.source.numbers")

SOURCES = [
    "Министр иностранных дел России Сергей Лавров встретился с Ван И в Пекине.",
    "«Газпром» сообщил, что поставки в мае выросли на 5,2% — до 1 500 млн кубометров.",
    "В пятницу, 12 марта, Шмыгаль заявил: «Мы готовы».",
    "Премьер Госсовета Ли Цян и Мицотакис обсудили два вопроса (XXI век).",
    "копия source text with Latin and кириллица mixed",
    "",
]
TRANSLATIONS = [
    "Russian Foreign Minister Sergei Lavrov met Wang Yi in Beijing.",
    "Gazprom said that supplies in May rose by 5.2% to 1,500 million cubic meters.",
    "On Friday, March 12, Shmygal said: 'We are ready'.",
    "may the twenty-five Premier Li Qiang and Mitsotakis discussed two issues (XXI century)",
    "министр иностранных дел россии сергей лавров встретился с ван и в пекине.",
    "Fifteen of the 30 Ministers May 5 and May he said",
]


def _old_script_tally(text: str) -> tuple[str | None, float]:
    letters = [script_of(c) for c in text if c.isalpha()]
    if not letters:
        return None, 0.0
    top = max(set(letters), key=letters.count)
    return top, letters.count(top) / len(letters)


@pytest.mark.parametrize("text", SOURCES + TRANSLATIONS)
def test_script_counts_tally_every_letter(text: str) -> None:
    counts = surface._script_counts(text)
    old_top, old_share = _old_script_tally(text)
    if old_top is None:
        assert counts == {}
        return
    assert max(set(counts), key=counts.__getitem__) == old_top
    assert counts[old_top] / sum(counts.values()) == old_share


@pytest.mark.parametrize("src", SOURCES)
@pytest.mark.parametrize("mt", TRANSLATIONS + SOURCES)
def test_copy_bounds_are_difflibs(src: str, mt: str) -> None:
    a, b = mt.strip().casefold(), src.strip().casefold()
    matcher = SequenceMatcher(None, a, b)
    total = len(a) + len(b)
    quick = 2.0 * sum((Counter(a) & Counter(b)).values()) / total if total else 1.0
    real_quick = 2.0 * min(len(a), len(b)) / total if total else 1.0
    assert quick == matcher.quick_ratio()
    assert real_quick == matcher.real_quick_ratio()
    assert quick >= matcher.ratio()


def _old_case_source_names(src: str) -> list[str]:
    out = []
    for m in casing._WORD.finditer(src):
        word = m.group()
        before = src[: m.start()].rstrip().rstrip(casing._QUOTES_BRACKETS).rstrip()
        if not before or before[-1] in ".!?…:;":
            continue
        if casing._capitalised(word) and any(c.islower() for c in word):
            out.append(word)
    return out


@pytest.mark.parametrize(
    "src",
    SOURCES
    + [
        "Он сказал: «Путин» и \t «Лавров».\nИванов (Петров)  Сидоров",
        "  Иванов. — «Петров» ‘Сидоров’ [Козлов] Нет",
    ],
)
def test_case_source_names_scan_back_like_the_slices(src: str) -> None:
    assert casing.source_names(src) == _old_case_source_names(src)


@pytest.mark.parametrize(
    "mt",
    TRANSLATIONS
    + SOURCES
    + ["ǅ lowercase words only here", "12 34", "ok", "all lowercase words here now"],
)
def test_case_findings_letter_count(mt: str) -> None:
    # the all-lowercase test counts letters only when there is no capital: same as counting all
    letters = [c for c in mt if c.isupper() or c.islower()]
    for src in SOURCES:
        kinds = {f.kind for f in casing.case_findings(src, mt, min_letters=15)}
        src_first = casing.first_word(src)
        expected = (
            bool(letters)
            and any(c.isupper() or c.islower() for c in src)
            and not any(c.isupper() for c in letters)
            and len(letters) >= 15
            and bool(casing.source_names(src))
            and not (src_first is not None and not src_first[1][:1].isupper())
        )
        assert ("all_lower" in kinds) == expected


@pytest.mark.parametrize(
    "word",
    [
        "мае",
        "Июль",
        "июльский",
        "майские",
        "Мартин",
        "May",
        "may",
        "Sept",
        "two",
        "twenty-five",
        "XXI",
        "двух",
        "сутки",
        "十六",
        "the",
    ],
)
def test_word_caches_are_pure(word: str) -> None:
    assert numbers._word_month(word) == numbers._word_month.__wrapped__(word)
    for roman_ok in (True, False):
        assert numbers._word_values(word, roman_ok) == numbers._word_values.__wrapped__(
            word, roman_ok
        )


@pytest.mark.parametrize(
    ("text", "lang", "months"),
    [
        ("May 5 was calm.", "en", ["May"]),
        ("May we go? In May it rains.", "en", ["May"]),
        ("He said in Sept. 2020 and in June.", "en", ["Sept", "June"]),
        ("В мае и в июле, Мартин.", "ru", ["мае", "июле"]),
        ("Июль уйдет с жарой, майские праздники", "ru", ["Июль", "майские"]),
    ],
)
def test_months_in_context(text: str, lang: str, months: list[str]) -> None:
    found = [
        it.text
        for it in numbers.numbers(text, lang)
        if any(isinstance(v, tuple) and v[0] == "month" for v in it.values)
    ]
    assert found == months


@pytest.mark.parametrize(
    ("src_word", "chinese", "mt_word", "known_zipf"),
    [
        ("Шмыгаль", False, "Shmyhal", 1.0),
        ("Шмыгаль", False, "Shmygal", None),
        ("Мицотакис", False, "Mitsotakis", 1.0),
        ("Путина", False, "Poutin", 1.0),
        ("Путина", False, "Putin's", 1.0),
        ("Хорн", False, "Chorn", 1.0),
        ("Лицзянь", True, "Lijian", 1.0),
        ("Лицзянь", True, "Lizjan", None),
        ("Лавров", False, "the", 1.0),
        ("Лавров", False, "'", 1.0),
    ],
)
def test_rendered_by_cache_agrees(
    src_word: str, chinese: bool, mt_word: str, known_zipf: float | None
) -> None:
    cands = names.name_candidates(src_word, chinese)
    latin = names._fold_latin(mt_word).replace("'", "")
    cached = cands.rendered_by(mt_word, known_zipf)
    assert cached == names._rendered_by.__wrapped__(cands, latin, known_zipf, "en")
    assert names._folded_spellings(cands.spellings) == {
        names._fold_latin.__wrapped__(s) for s in cands.spellings
    }


@pytest.mark.parametrize(
    ("a", "b"),
    [("lavrov", "lavrof"), ("ksi", "sii"), ("aaab", "abbb"), ("", "x"), ("shmigal", "shmihal")],
)
@pytest.mark.parametrize("floor", [0.0, 0.5, 0.75, 0.9])
def test_ratio_bound_is_exact(a: str, b: str, floor: float) -> None:
    true = SequenceMatcher(None, a, b).ratio()
    got = names._ratio(a, b, floor)
    assert got == true if true >= floor else got < floor
    # the intersection size the bound uses is the Counter intersection's
    total = len(a) + len(b)
    if total and floor:
        common = sum((Counter(a) & Counter(b)).values())
        assert (2.0 * common / total < floor) <= (true < floor)


@pytest.mark.parametrize("text", SOURCES + TRANSLATIONS)
def test_per_text_caches_agree_and_hand_out_fresh_lists(text: str) -> None:
    gender = importlib.import_module("mtqa.checks.source.gender")
    for lang in ("ru", "en"):
        first = numbers.numbers(text, lang)
        assert first == list(numbers._numbers.__wrapped__(text, lang))
        first.clear()  # a caller's list is its own
        assert numbers.numbers(text, lang) == list(numbers._numbers.__wrapped__(text, lang))
        assert numbers.number_words(text, lang) == list(
            numbers._number_words.__wrapped__(text, lang)
        )
        got = names.source_names(text, lang, 4.5)
        assert got == list(names._source_names.__wrapped__(text, lang, 4.5))
        got.clear()
        assert names.source_names(text, lang, 4.5) == list(
            names._source_names.__wrapped__(text, lang, 4.5)
        )
    assert gender.source_genders(text) == gender.source_genders.__wrapped__(text)


def _old_scheme_match(word: str, latin: str, news: bool) -> bool:
    low = word.lower()
    if not low or not latin or not (0.5 * len(low) <= len(latin) <= 4 * len(low) + 2):
        return False
    steps = names._scheme_steps(low, news)
    reach: list[set[int]] = [set() for _ in range(len(low) + 1)]
    reach[0].add(0)
    for i in range(len(low)):
        for n, alt in steps[i]:
            for j in reach[i]:
                if latin.startswith(alt, j):
                    reach[i + n].add(j + len(alt))
    return len(latin) in reach[len(low)]


@pytest.mark.parametrize(
    "word", ["шмыгаль", "мицотакис", "хорн", "юлия", "щербаков", "ейск", "йошкар", "эрдоган"]
)
@pytest.mark.parametrize(
    "latin",
    [
        "shmyhal",
        "shmygal",
        "mitsotakis",
        "mizotakis",
        "horn",
        "khorn",
        "chorn",
        "yulia",
        "julia",
        "iuliia",
        "shcherbakov",
        "yeysk",
        "eisk",
        "yoshkar",
        "erdogan",
        "the",
        "x",
    ],
)
@pytest.mark.parametrize("news", [False, True])
def test_scheme_match_walk(word: str, latin: str, news: bool) -> None:
    assert names.scheme_match.__wrapped__(word, latin, news) == _old_scheme_match(word, latin, news)
