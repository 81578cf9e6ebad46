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
    assert surface._common_letters(a, b) == sum((Counter(a) & Counter(b)).values())
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


# -- tense: shortcuts before the English verb groups, lemminflect read in place ----------------

TENSE_PAIRS = [
    # an all-past source: flagged futures ("will", "'ll", "won't", "is going to") and plain twins
    ("Лавров заявил, что переговоры прошли успешно.", "Lavrov will say that the talks went well."),
    ("Лавров заявил, что переговоры прошли успешно.", "Lavrov said that the talks went well."),
    ("Цены на нефть выросли на пять процентов.", "Oil prices'll rise by five percent."),
    ("Министр не ответил на вопросы.", "The minister won't answer the questions."),
    ("Министр не ответил на вопросы.", "The minister won 't answer the questions."),
    ("Министр не ответил на вопросы.", "The minister is going to answer the questions."),
    ("Министр не ответил на вопросы.", "The minister WILL not answer the questions."),
    ("Министр не ответил на вопросы.", "The minister WON'T answer; they’ll ask him."),
    ("Министр не ответил на вопросы.", "Ministers won the vote on willows."),
    ("Министр не ответил на вопросы.", "The minister did not answer the questions."),
    # an all-future source, a source of several times, a source without finite verbs
    ("Встреча состоится в понедельник.", "The meeting took place on Monday."),
    ("Встреча состоится в понедельник.", "The meeting will take place on Monday."),
    ("Он сказал, что приедет завтра.", "He said he came tomorrow."),
    ("Он построил дом, который стоит у реки.", "He will build a house that stands by the river."),
    ("Она купила машину, которая стоит дорого.", "She will buy a car that costs a lot."),
    ("Он приедет, если погода позволяет.", "He came if the weather allows."),
    ("Он сказал, что приедет завтра.", "He will say that he will come tomorrow."),
    ("Памятник погибшим героям.", "The monument to the fallen heroes will stand."),
    ("Сообщает ТАСС.", "TASS reported."),
    ("Не выкинешь слова из песни.", "You will not throw words out of a song."),
    ("", "Lavrov will say."),
]


def _tense_pairs() -> list[tuple[str, str]]:
    """TENSE_PAIRS, then (src, mt) and (src, ref) of 150 WMT21 ru-en DA rows."""
    import json

    from tests.conftest import shared_file

    out = list(TENSE_PAIRS)
    with open(shared_file("eval/wmt21_da_ru-en_news.part1.jsonl"), encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row.get("src") and row.get("mt") and row.get("ref"):
                out += [(row["src"], row["mt"]), (row["src"], row["ref"])]
            if len(out) >= len(TENSE_PAIRS) + 300:
                break
    return out


def test_tense_shortcuts_give_the_judgement_of_every_group() -> None:
    tense = importlib.import_module("mtqa.checks.source.tense")
    pairs = _tense_pairs()
    shortcut = flagged = pruned = by_alignment = 0
    for src, mt in pairs:
        got = tense.tense_findings(src, mt)
        if not src.strip():
            assert got == []
            continue
        source = tense.source_tense(src)
        assert source == tense.source_tense.__wrapped__(src)  # the per-source cache
        groups = tense.english_groups(mt)
        assert got == tense._judged(src, mt, source, groups), (src, mt)
        # aligning only the groups whose other time the source has
        aligned = tense._aligned_findings(src, mt, source, groups)
        assert aligned == tense._aligned_findings(src, mt, source, groups, exhaustive=True)
        pruned += aligned == [] and any(g.kind in (tense.FUTURE, tense.PAST) for g in groups)
        by_alignment += bool(aligned)
        # the premise of the all-past shortcut: no future group without its starting token
        # (looked for in the text first, then among the tokens)
        tokens = tense._en_tokens(mt)
        assert tense._may_have_future(mt) == any(
            t[0].lower().replace("’", "'") in tense._FUTURE_START for t in tokens
        )
        if not tense._may_have_future(mt):
            assert all(g.kind != tense.FUTURE for g in groups), mt
        skipped = not (source.shown[tense.PAST] or source.shown[tense.FUTURE]) or (
            source.possible == {tense.PAST} and not tense._may_have_future(mt)
        )
        shortcut += skipped
        flagged += bool(got)
    assert shortcut > 100 and flagged >= 5 and pruned > 20 and by_alignment  # every road taken


def _old_word_info(low: str) -> tuple:
    """source_tense's questions about a word as four separate pymorphy3 calls (before)."""
    tense = importlib.import_module("mtqa.checks.source.tense")
    morph = tense._morph()
    parses = morph.parse(low)
    participle = tense._participle_of(parses)
    shown, could = tense._tenses_of(morph.parse(low))
    return (
        participle,
        shown,
        could,
        str(morph.parse(low)[0].normal_form).replace("ё", "е"),
        morph.parse(low)[0].tag.person == "2per",
    )


@pytest.mark.parametrize(
    "low",
    ["заявил", "состоится", "назначен", "погибшим", "выступая", "сообщает", "выкинешь", "будет",
     "стали", "бы", "зкщв", "ещё", "сделаем", "обвиняемого"],
)  # fmt: skip
def test_word_info_is_one_parse_read_for_every_question(low: str) -> None:
    tense = importlib.import_module("mtqa.checks.source.tense")
    assert tense._word_info(low) == _old_word_info(low)
    assert tense._word_info.__wrapped__(low) == _old_word_info(low)


def _old_en_forms(low: str) -> tuple[str, frozenset[str]]:
    from lemminflect import getAllInflections, getAllLemmas

    lemmas = getAllLemmas(low).get("VERB")
    if not lemmas:
        return "", frozenset()
    lemma = lemmas[0]
    inflections = getAllInflections(lemma, "VERB")
    tags = {t for t, forms in inflections.items() if low in forms}
    if "VBD" in tags and "VBN" not in inflections:
        tags.add("VBN")
    if low in lemmas[1:]:
        tags.add("base")
    return lemma, frozenset(tags)


@pytest.mark.parametrize(
    "low",
    ["said", "say", "says", "saying", "lay", "laid", "lie", "went", "gone", "held", "read",
     "put", "rose", "increased", "accused", "be", "been", "have", "had", "will", "wo", "prices",
     "talks", "leaves", "zqxw", "well-known", "n't", "ca"],
)  # fmt: skip
def test_english_verb_forms_read_in_place_answer_as_lemminflect(low: str) -> None:
    from lemminflect import getAllLemmas

    tense = importlib.import_module("mtqa.checks.source.tense")
    assert tense._en_forms.__wrapped__(low) == _old_en_forms(low)
    assert tense._en_forms(low) == _old_en_forms(low)
    public = getAllLemmas(low)
    assert tense._noun_like(low) == ("NOUN" in public or "PROPN" in public)


# -- names: what a word can still change is all that is weighed ------------------------------

NAME_PAIRS = [
    ("Министр иностранных дел России Сергей Лавров встретился с Ван И в Пекине.",
     "Russian Foreign Minister Sergei Lavrov met Wang Yi in Beijing."),
    ("Министр иностранных дел России Сергей Лавров встретился с Ван И в Пекине.",
     "russian foreign minister sergei lavrov met van i in beijing."),
    ("Министр иностранных дел России Сергей Лавров встретился с Ван И в Пекине.",
     "Russian Foreign Minister Sergei Lavroff met Van I in Peking."),
    ("Шмыгаль и Мицотакис обсудили поставки Gazprom и Google.",
     "Shmygal and Mitsotakis discussed the supplies of gazprom and googel."),
    ("Шмыгаль и Мицотакис обсудили поставки Gazprom и Google.",
     "shmyhal and mitsotakis discussed gazprom supplies and Googel."),
    ("Премьер Госсовета Ли Цян встретился с Чжао Лицзянем.",
     "State Council Premier li tsyan met zhao lijian."),
    ("Премьер Госсовета Ли Цян встретился с Чжао Лицзянем.",
     "State Council Premier Li Tsyan met Chzhao Litszyan."),
    ("Президент Эрдоган встретился с Путиным и Мицотакисом.",
     "President Erdogann met putin and Mitsotakes."),
    # frequent names (judged, not required) and a sentence's first word (neither)
    ("Вчера Путин встретился с Эрдоганом в Сочи.", "Yesterday Poutin met Erdogan in Sotschi."),
    ("Вчера Путин встретился с Эрдоганом в Сочи.", "Yesterday Putim met erdogan in Sochy."),
    # a word claimed by a name after a quote mark (sentence-initial: neither required nor
    # judged) is not the one flagged for another name (WMT21 ru-en MT)
    ('Экс-солист группы "Руки Вверх" посетил Тверскую область',
     "Ex-soloist of the group Hands Up visited Tversk Region"),
    ('Основатель группы "Тинькофф" Олег Тиньков опубликовал видео.',
     "Tinkoff group founder Oleg Tinkow released a video."),
]  # fmt: skip


def test_names_shortcuts_agree_with_the_plain_loop() -> None:
    from mtqa.checks import Languages
    from mtqa.checks.source.check import SourceCheck
    from mtqa.types import Segment

    pairs = NAME_PAIRS + _tense_pairs()
    pairs += [(src, mt.lower()) for src, mt in pairs[:120]]  # every word lowercase
    segments = [Segment(k, str(k), mt, src=src) for k, (src, mt) in enumerate(pairs)]
    fast = SourceCheck(langs=Languages("ru", "en"))
    plain = SourceCheck(langs=Languages("ru", "en"))
    plain._exhaustive_names = True
    got = [fast._names(seg, seg.src or "") for seg in segments]
    assert got == [plain._names(seg, seg.src or "") for seg in segments]
    assert sum(found for found, _, _ in got) > 50
    assert sum(1 for _, _, flags in got if flags) >= 3


# -- per-source caches and the order of the punctuation test -----------------------------------

PUNCTUATION_PAIRS = [
    (
        "Он пришёл домой после долгого дня в офисе вместе со своими коллегами.",
        "He came home after a long day at the office with his colleagues",
    ),
    ("Он пришёл домой.", "He came home after a long day at the office with his colleagues."),
    ("Он пришёл домой.", "He came home"),
    ("Он пришёл домой в 2020 г.", "He came home in 2020 after a long day at the office with us"),
    ("Он сказал: «Мы пришли».", "He said: «We came after a long day at the office with them»"),
    ("Он пришёл домой", "He came home after a long day at the office with his colleagues"),
    ("Почему он пришёл?!", "Why did he come home after a long day at the office with them"),
    ("Он пришёл домой.", "He came home after a long day, see www.example.com/a-day-at-work"),
    ("Он пришёл домой.", ""),
]


@pytest.mark.parametrize(("src", "mt"), PUNCTUATION_PAIRS + TENSE_PAIRS)
def test_source_side_caches_and_punctuation_order(src: str, mt: str) -> None:
    negation = importlib.import_module("mtqa.checks.source.negation")
    punctuation = importlib.import_module("mtqa.checks.source.punctuation")
    assert negation.source_negates(src) == negation.source_negates.__wrapped__(src)
    assert negation.plain_negations(src) == list(negation._plain_negations.__wrapped__(src))
    assert negation._ru_words(src) == negation._ru_words.__wrapped__(src)
    mark = punctuation.source_final_mark.__wrapped__(src)
    assert punctuation.source_final_mark(src) == mark
    # the checks in their former order: the source's mark and the word count first
    expected = None
    if mark is not None and len(mt.split()) >= 10:
        body = punctuation._strip_closers(mt)
        if body and body[-1].isalnum():
            expected = punctuation.final_punctuation_finding(src + "", mt)
    assert punctuation.final_punctuation_finding(src, mt) == expected


def test_punctuation_table_has_a_finding_and_no_findings() -> None:
    punctuation = importlib.import_module("mtqa.checks.source.punctuation")
    found = [punctuation.final_punctuation_finding(s, m) for s, m in PUNCTUATION_PAIRS]
    assert found[0] is not None and found[0].suggestion == "colleagues."
    assert found[1] is None and found[2] is None and found[3] is None


@pytest.mark.parametrize("text", SOURCES + TRANSLATIONS + ["В пятницу и в среду", "On Friday"])
def test_weekdays_and_script_counts_per_text_caches(text: str) -> None:
    weekdays = importlib.import_module("mtqa.checks.source.weekdays")
    for lang in ("ru", "en"):
        first = weekdays.weekdays(text, lang)
        assert first == list(weekdays._weekdays.__wrapped__(text, lang))
        first.clear()  # a caller's list is its own
        assert weekdays.weekdays(text, lang) == list(weekdays._weekdays.__wrapped__(text, lang))
    assert surface._source_script_counts(text) == surface._script_counts(text)


@pytest.mark.parametrize("text", SOURCES + TRANSLATIONS + ["He said so.", "Две тысячи", "two"])
def test_number_words_scan_only_texts_with_a_number_word(text: str) -> None:
    for lang in ("ru", "en", "zh"):
        roman_ok = lang not in numbers._CJK_LANGS
        plain = [
            (w.start(), w.group())
            for w in numbers._WORD.finditer(text)
            if numbers._word_values(w.group(), roman_ok)
        ]
        words = numbers.number_words(text, lang)
        # (compounds, «две тысячи», are more items over several words: test_source_precision)
        assert [(i.start, i.text) for i in words if len(i.text.split()) == 1] == plain


@pytest.mark.parametrize("text", SOURCES + TRANSLATIONS + ["In May 5 and Sept. 3", "May he come"])
def test_months_are_looked_for_only_in_texts_that_may_name_one(text: str) -> None:
    for lang in ("ru", "en"):
        months = [
            i
            for i in numbers.numbers(text, lang)
            if numbers._WORD.fullmatch(i.text)
            and any(isinstance(v, tuple) and v[0] == "month" for v in i.values)
        ]
        if not any(numbers._may_name_month(w) for w in numbers._WORD.findall(text)):
            assert not months
        # _may_name_month holds for every word _numbers takes for a month
        for item in months:
            assert numbers._may_name_month(item.text)
        assert months or text not in (
            "In May 5 and Sept. 3",
            "В пятницу, 12 марта, Шмыгаль заявил: «Мы готовы».",
        )
