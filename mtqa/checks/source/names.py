"""Names: transliteration of Cyrillic names and how well an MT word renders a source name.

Names are compared by a standard transliteration (BGN/PCGN for Cyrillic) and a similarity ratio on
a spelling skeleton that forgives the usual Latin variants (Zelensky/Zelenskiy/Zelenskyy) and
Russian case endings.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

import regex

from mtqa.checks.source.words import (
    CJK_LANGS as _CJK_LANGS,
    CYRILLIC_LANGS as _CYRILLIC_LANGS,
    POSSESSIVE as _POSSESSIVE,
    WORD as _WORD,
)
from mtqa.lexicon.frequency import zipf as _zipf
from mtqa.text import script_of
from mtqa.translit import (
    FOREIGN_SPELLINGS,
    LETTER_SPELLINGS,
    ORIGIN_CONVENTIONS,
    PAIR_SPELLINGS,
    RUSSIAN_BGN,
    VOWELS,
    romanise,
)

_CASE_ENDINGS = sorted(
    "ого его ому ему ыми ими ами ями ой ей ий ый ая яя ую юю ым им ом ем ых их ах ях ов ев ам ям "
    "а я у ю е ы и ь о".split(),
    key=len,
    reverse=True,
)
# Adjectives from names ("Тверская область" → "Tver Region") are capitalised but render as the base.
_NAME_ADJECTIVE = regex.compile(
    r"(?:ск|цк)(?:ий|ый|ой|ая|ое|ие|ые|ого|ому|им|ым|ом|ую|ых|их|ими|ыми)$"
)
_PATRONYMIC = regex.compile(r"(?:ович|евич|ьич|овн|евн|ичн)\p{L}{0,3}$")
_IY_END = regex.compile(r"(?:iy|yy)$")
_IJ_RUN = regex.compile(r"[yij]+")
_DOUBLED = regex.compile(r"(.)\1+")
_VOWEL_LETTERS = regex.compile(r"[aeiouy]")


def transliterate(word: str) -> str:
    """BGN/PCGN romanisation of a Cyrillic word ("е" is "ye" at the start and after vowels)."""
    return romanise(word, "bgn")


def _lemma_guess(word: str) -> str:
    """A nominative guess for a Russian name in another case, for suggestions."""
    low = word.lower()
    for end, repl in (
        ("ского", "ский"),
        ("скому", "ский"),
        ("ским", "ский"),
        ("ском", "ский"),
        ("цкого", "цкий"),
        ("цкому", "цкий"),
        ("цким", "цкий"),
    ):
        if low.endswith(end):
            return word[: -len(end)] + repl
    for end in ("ом", "ым", "а", "у", "е"):
        if low.endswith(end) and len(low) > len(end) + 2 and low[-len(end) - 1] not in VOWELS:
            return word[: -len(end)]
    return word


def _news_spelling(latin: str) -> str:
    """BGN's final -iy/-yy as newsrooms write it: Dmitriy → Dmitry, Zelenskiy → Zelensky."""
    return _IY_END.sub("y", latin)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A spelling skeleton on which Latin variants of one name coincide (Kiev/Kiyev, Alexei/Aleksey)."""
    w = word.lower()
    w = unicodedata.normalize("NFKD", w)
    w = "".join(c for c in w if c.isalpha())
    for a, b in (
        ("x", "ks"),
        ("sch", "sh"),
        ("tz", "ts"),
        ("dzh", "j"),
        ("dj", "j"),
        ("z", "s"),
        ("kh", "h"),
        ("ph", "f"),
        ("w", "v"),
        ("ck", "k"),
        ("q", "k"),
        ("ch", "\x01"),
        ("c", "k"),
        ("\x01", "ch"),
        ("tz", "ts"),
        ("ie", "e"),
    ):
        w = w.replace(a, b)
    w = _IJ_RUN.sub("i", w)
    w = _DOUBLED.sub(r"\1", w)
    return w


@lru_cache(maxsize=65536)
def consonants(skel: str) -> str:
    """The consonants of a skeleton: back-transliterated names differ mostly in vowels (Russel/Rassel)."""
    return _VOWEL_LETTERS.sub("", skel)


def _stem(word: str) -> str:
    low = word.lower()
    for end in _CASE_ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 3:
            return word[: -len(end)]
    return word


@lru_cache(maxsize=65536)
def _name_forms(word: str) -> tuple[str, str]:
    """(skeleton of the whole word, skeleton of its stem without a case ending or possessive)."""
    word = _POSSESSIVE.sub("", word)
    if any(script_of(c) == "cyrillic" for c in word):
        return skeleton(transliterate(word)), skeleton(transliterate(_stem(word)))
    return skeleton(word), skeleton(word)


@lru_cache(maxsize=65536)
def _letter_counts(text: str) -> Counter[str]:
    return Counter(text)


def _ratio(a: str, b: str, floor: float) -> float:
    """``SequenceMatcher(None, a, b).ratio()`` when it is at least ``floor``; else some value
    below ``floor`` (cheap upper bounds rule most pairs out without matching them)."""
    total = len(a) + len(b)
    if floor > 0.0 and total:
        if 2.0 * min(len(a), len(b)) / total < floor:
            return 0.0
        # the size of the letter multisets' intersection (Counter & Counter, without building it)
        ca, cb = _letter_counts(a), _letter_counts(b)
        common = sum(min(ca[c], cb[c]) for c in ca.keys() & cb.keys())
        if 2.0 * common / total < floor:
            return 0.0
    return SequenceMatcher(None, a, b).ratio()


def _sentence_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence (no prefix copy: linear in the text)."""
    k = start
    while k and text[k - 1].isspace():
        k -= 1
    if k and text[k - 1] == "." and _INITIAL_BEFORE.search(text, max(0, k - 4), k):
        return False  # after an initial («А. Трефиловой», «Дм. Быков»): a surname, mid-sentence
    return not k or text[k - 1] in '.!?:«"“„—–-(…'


# An initial or a short given-name abbreviation right before a full stop (А., Дм., В.В.)
_INITIAL_BEFORE = regex.compile(r"(?:^|[\s.(«\"])\p{Lu}\p{Ll}?\.$")


@lru_cache(maxsize=65536)  # a long text repeats its names: compare each pair once
def name_similarity(src_word: str, mt_word: str, floor: float = 0.0) -> float:
    """How well ``mt_word`` renders ``src_word`` (either may be Cyrillic or Latin), 0..1.

    With ``floor`` > 0 a similarity below ``floor`` may come back as any value below it (faster).
    """
    full_a, stem_a = _name_forms(src_word)
    full_b, stem_b = _name_forms(mt_word)
    best = _ratio(full_a, full_b, floor)
    for stem, other in ((stem_a, full_b), (stem_b, full_a)):
        if len(stem) >= 4:
            best = max(best, _ratio(stem, other[: len(stem)], floor))
    ca, cb = consonants(stem_a), consonants(stem_b)
    if (
        len(ca) >= 2
        and len(cb) >= 2
        and (
            consonants(full_a) == consonants(full_b)
            or (min(len(ca), len(cb)) >= 3 and (ca.startswith(cb) or cb.startswith(ca)))
        )
    ):
        best = max(best, 0.95)  # same consonants in order: a spelling variant (Artem/Artjom)
    return best


@dataclass(frozen=True)
class Name:
    """A source word that is a name; ``required``: a good translation shows it; ``rare``: it may
    be judged garbled; ``chinese``: written in the Palladius system (news English uses Pinyin);
    ``frequent``: a frequent name in running text (Путин, Сочи, Владимир), judged only against
    spellings English text does not know at all (Poutin, Sotschi; Volodymyr is known);
    ``whole``: the hyphenated source word this name is a part of (Хорн of Ван-Хорн), else "";
    ``agreement``: what the sentence says of the name's gender and case, the gender first
    (("femn", "nomn") after «Полина» or before «заявила»; ("masc", "gent", "accs") after
    «Ивана»), else () (see :func:`agreement`); ``quoted``: a word the dictionary does not know
    opening a quotation in running text (по позициям «Хезболлы»), judged only where English
    knows the spelling to suggest (Hezbollah; not a brand written back from Russian letters);
    ``foreign_run``: the name or a name next to it is one the Russian dictionary does not know,
    and none of them has a surname ending of the former USSR (see :func:`foreign_run`)."""

    text: str
    required: bool
    rare: bool
    chinese: bool = False
    frequent: bool = False
    whole: str = ""
    agreement: tuple[str, ...] = ()
    quoted: bool = False
    foreign_run: bool = False


def source_names(src: str, lang: str, common_zipf: float) -> list[Name]:
    """Capitalised words of the source that are names, with whether the MT must show them.

    Sentence-initial words, all-caps abbreviations and patronymics may be absent from a good
    translation; so may very frequent names (countries, capitals, institutions), which English
    writes with its own exonyms (Китай → China) that no transliteration reaches.
    """
    return list(_source_names(src, lang, common_zipf))


# Cached per source: a source is checked against every translation of it (several systems, a
# revised draft); Name is frozen, and each call gets a list of its own.
@lru_cache(maxsize=4096)
def _source_names(src: str, lang: str, common_zipf: float) -> tuple[Name, ...]:
    if lang in _CJK_LANGS:
        return ()
    chinese = chinese_name_words(src) if lang in _CYRILLIC_LANGS else set()
    out: list[Name] = []
    words = list(_WORD.finditer(src))
    for i, m in enumerate(words):
        w = m.group()
        if m.start() in chinese:
            initial = _sentence_initial(src, m.start())
            out.append(Name(w, not initial, True, True))
            continue
        if not w[:1].isupper() or len(w) < 3:
            continue
        initial = _sentence_initial(src, m.start())
        parts = compound_parts(w) if lang in _CYRILLIC_LANGS else ()
        quoted = initial and _quoted_name(src, m.start()) and not _dictionary_word(w)
        for part in parts or (w,):
            name = _source_name(part, w if parts else "", initial, lang, common_zipf, quoted)
            if name is not None and not parts and lang in _CYRILLIC_LANGS:
                agree = agreement(src, words, i)
                if agree:
                    name = replace(name, agreement=agree)
                if foreign_run(src, words, i):
                    name = replace(name, foreign_run=True)
            if name is not None:
                out.append(name)
    return tuple(out)


# Surname endings of the former USSR (Russian -ов/-ин, Armenian -ян, Georgian -швили/-дзе,
# Ukrainian -енко/-ук, -ич), in any case: English news spells such a person's whole name by the
# news schemes ("Nikol Pashinyan"), not by a Western language's convention ("Nicol").
_USSR_SURNAME = regex.compile(
    r"\p{L}{2}(?:[оеё]в|[иы]н|янц?|швили|дзе|енко|[юу]к|[оеё]вич|ич|[сц]к(?:ий|ая|ой))"
    r"(?:а|у|ым|ой|ом|е|ых|ыми|ем)?$"
)


def foreign_run(src: str, words: Sequence[regex.Match[str]], i: int) -> bool:
    """Whether the name ``words[i]`` belongs to a run of capitalised words (itself and up to two
    neighbours each side) where the Russian dictionary does not know some word (Мадуро,
    Барнье, Столтенберг, Ганц) and none has a surname ending of the former USSR (Пашинян,
    Саргсян, Буданов). Such a run is a foreign
    person's or place's name, which English writes in its own language's spelling (Nicolas
    Maduro, Michel Barnier, Jens Stoltenberg)."""
    run = [i]
    k = i
    while (
        k
        and len(run) < 3
        and _spaced(src, words[k - 1], words[k])
        and words[k - 1].group()[:1].isupper()
    ):
        k -= 1
        run.append(k)
    k = i
    while (
        k + 1 < len(words)
        and len(run) < 5
        and _spaced(src, words[k], words[k + 1])
        and words[k + 1].group()[:1].isupper()
    ):
        k += 1
        run.append(k)
    texts = [words[j].group() for j in run]
    if any(_USSR_SURNAME.search(t.lower()) for t in texts):
        return False
    return any(len(t) >= 3 and not t.isupper() and not _dictionary_word(t) for t in texts)


def _spaced(src: str, left: regex.Match[str], right: regex.Match[str]) -> bool:
    """Whether only spaces stand between two words of ``src``."""
    return not src[left.end() : right.start()].strip()


def agreement(src: str, words: Sequence[regex.Match[str]], i: int) -> tuple[str, ...]:
    """What the sentence says of the gender and case of the name ``words[i]``: the gender first,
    then the cases (pymorphy3 tags); () when it says nothing or pymorphy3 is missing.

    A first name or patronymic right before the name gives both («Полина Гагарина»: a woman, in
    the nominative; «Ивана Гагарина»: a man, genitive or accusative); without one, a feminine
    past verb or short participle next to a run of names says the run is a woman in the
    nominative («заявила Лаврова»; «Лаврова заявила» when the run opens a clause: not «жена
    Лаврова заявила» or «встреча Путина и Лаврова прошла», where the verb agrees with a noun
    before the run)."""
    try:
        analyzer = _morph()
    except (ImportError, OSError, ValueError):
        return ()
    if i and _spaced(src, words[i - 1], words[i]) and words[i - 1].group()[:1].isupper():
        given = [p for p in analyzer.parse(words[i - 1].group())[:4] if {"Name", "Patr"} & _tags(p)]
        genders = {g for p in given for g in ("masc", "femn") if g in _tags(p)}
        if (
            sum(p.score for p in given) >= 0.5
            and len(genders) == 1
            and "ms-f" not in {t for p in given for t in _tags(p)}
        ):
            cases = tuple(dict.fromkeys(c for p in given for c in _tags(p) & _CASES))
            return (genders.pop(), *cases)
    # the run of capitalised words the name is part of, every one a name
    first = last = i
    while (
        first
        and _spaced(src, words[first - 1], words[first])
        and (words[first - 1].group()[:1].isupper())
    ):
        first -= 1
    while (
        last + 1 < len(words)
        and _spaced(src, words[last], words[last + 1])
        and (words[last + 1].group()[:1].isupper())
    ):
        last += 1
    before = words[first - 1] if first else None
    if (
        i == first
        and before is not None
        and _spaced(src, before, words[first])
        and before.group().lower() in _INSTRUMENTAL_ONLY
        and _MASCULINE_INSTRUMENTAL.search(words[i].group().lower())
    ):
        # «с Пезешкианом»: after «с» an ending of a man's instrumental is no nominative, though
        # the dictionary may not know the name
        return ("masc", "ablt")
    if not all(_proper(words[k].group()) for k in range(first, last + 1)):
        return ()
    after = words[last + 1] if last + 1 < len(words) else None
    if before is not None and _spaced(src, before, words[first]) and _feminine_verb(before.group()):
        return ("femn", "nomn")
    if (
        after is not None
        and _spaced(src, words[last], after)
        and _feminine_verb(after.group())
        and _clause_start(src, words[first].start())
    ):
        return ("femn", "nomn")
    return ()


# Prepositions after which a name ending as below is in the instrumental (с: with; перед, над,
# под, за, между), and a man's instrumental ending (with three letters or more before it)
_INSTRUMENTAL_ONLY = frozenset({"с", "со", "перед", "над", "под", "между"})
_MASCULINE_INSTRUMENTAL = regex.compile(r"\p{L}{3}(?:ом|ем|ым|им)$")


def _clause_start(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence or a clause (after a comma, a dash...)."""
    k = start
    while k and text[k - 1].isspace():
        k -= 1
    return _sentence_initial(text, start) or (k > 0 and text[k - 1] in ",;")


_CASES = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2"})


@lru_cache(maxsize=16384)
def _feminine_verb(word: str) -> bool:
    """Whether pymorphy3 reads ``word`` as a feminine singular past verb or short participle
    (заявила, избрана)."""
    parse = _morph().parse(word)[0]
    tags = _tags(parse)
    return {"femn", "sing"} <= tags and (("VERB" in tags and "past" in tags) or "PRTS" in tags)


def compound_parts(word: str) -> tuple[str, ...]:
    """The capitalised parts of a hyphenated name (Ван-Хорн, Жан-Клод, Абу-Даби), each of which
    English spells on its own (Van Horn, Jean-Claude, Abu Dhabi); () for other words."""
    parts = word.split("-")
    names = tuple(p for p in parts if p[:1].isupper() and len(p) >= 3)
    return names if len(parts) >= 2 and len(names) >= 2 else ()


def _quoted_name(src: str, start: int) -> bool:
    """Whether the word at ``start`` opens a quotation that a word of the sentence's running
    text stands right before (по позициям «Хезболлы», в компании «Роснефть»): Russian quotes
    the name of an organisation, a paper or a ship that way, while direct speech follows a colon
    or opens the sentence. Such a word is judged as a name when the dictionary does not know it
    (a quoted «Циркон» is the common word English may keep as "Tsirkon")."""
    k = start
    if not k or src[k - 1] not in '«"“„':
        return False
    k -= 1
    while k and src[k - 1].isspace():
        k -= 1
    return k < start - 1 and k > 0 and src[k - 1].isalpha() and src[k - 1].islower()


@lru_cache(maxsize=16384)
def _dictionary_word(word: str) -> bool:
    """Whether the Russian dictionary (pymorphy3) knows ``word`` (a common word such as «Циркон»,
    «Янтарь», which a quoted product or ship name may be, or a name it lists); True without
    pymorphy3, so that nothing more is judged then."""
    try:
        return any(p.is_known for p in _morph().parse(word)[:4])
    except (ImportError, OSError, ValueError):
        return True


def _source_name(
    w: str, whole: str, initial: bool, lang: str, common_zipf: float, quoted: bool = False
) -> Name | None:
    head, *tail = w.split("-")
    if tail and all(len(t) <= 2 for t in tail) and len(head) >= 3:
        w = head  # a model or series suffix ("Буян-М"): English writes it apart ("Buyan-M")
    caps = w.isupper()
    z = _zipf(w, lang)
    if lang not in _CYRILLIC_LANGS and (z >= common_zipf - 1.0 or caps):
        return None  # Latin source: capitalised common words ("President") are not names
    # Names in running text may be judged garbled; a sentence start may be any word, so there
    # only a word the Russian dictionary reads as a name (Путин, Россия; not Варианты) is judged,
    # and a good translation need not show it (it may be rephrased away).
    # A name quoted in running text («Хезболлы») is judged as well, but need not be shown (a
    # quoted organisation's name is often translated).
    judged = not initial or quoted or (lang in _CYRILLIC_LANGS and _proper(w))
    # an adjective from a name renders as the base (Тверская -> Tver), but a surname of that
    # shape in a case English knows the nominative of (Зеленского: Zelensky) is judged
    adjective = bool(_NAME_ADJECTIVE.search(w.lower())) and not (
        lang in _CYRILLIC_LANGS and (_surname(w) or name_candidates(w).nominal)
    )
    rare = z < common_zipf and judged and not adjective
    required = not initial and not caps and rare and not _PATRONYMIC.search(w.lower())
    frequent = not rare and judged and not caps and lang in _CYRILLIC_LANGS and not adjective
    return Name(
        w, required, rare and not caps, frequent=frequent, whole=whole, quoted=quoted and initial
    )


@lru_cache(maxsize=16384)
def _surname(word: str) -> bool:
    """Whether pymorphy3 reads an adjective-shaped word as a surname too (Явлинский, Зеленский;
    not Тверской, Московской). False without it."""
    try:
        analyzer = _morph()
    except (ImportError, OSError, ValueError):
        return False
    return any("Surn" in _tags(p) and p.score >= 0.2 for p in analyzer.parse(word)[:6])


@lru_cache(maxsize=16384)
def _proper(word: str) -> bool:
    """Whether the Russian dictionary (pymorphy3) reads ``word`` mostly as a name, surname or
    place (Путин, России, Навальный), not a common word (Варианты, Попы). False without it."""
    try:
        analyzer = _morph()
    except (ImportError, OSError, ValueError):
        return False
    parses = analyzer.parse(word)[:6]
    return sum(p.score for p in parses if _PROPER_TAGS & _tags(p)) >= 0.3


# --- how news English spells a Cyrillic name ----------------------------------------------------

# The usual spellings of each letter (and letter pair): mtqa.translit.LETTER_SPELLINGS / PAIR_SPELLINGS.
# Pinyin letters news English writes differently for Palladius "ü"
_PINYIN_U = ("u", "ü", "yu", "v")
_PALLADIUS_MAX = 5  # longest Palladius syllable in letters ("цзюань" is 6 but "ь" is optional)


@lru_cache(maxsize=1)
def palladius_table() -> dict[str, str]:
    """Palladius (Russian) spelling -> Hanyu Pinyin for every Mandarin syllable (shipped data)."""
    from importlib import resources

    raw = resources.files("mtqa.data").joinpath("names").joinpath("palladius.tsv")
    table: dict[str, str] = {}
    for line in raw.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cyr, pinyin = line.split("\t")
            table[cyr] = pinyin
            if cyr.endswith("нь"):  # the soft sign is often dropped ("Цзиньпин" / "Цзинпин")
                table.setdefault(cyr[:-1], pinyin)
    return table


# Russian declines a Chinese name that ends in a consonant (Си Цзиньпина, Ли Цяну, Чжао
# Лицзяню): (case ending, whether the stem ends in the soft sign the ending replaces)
_PALLADIUS_CASE_ENDINGS = (
    ("ом", False),
    ("ем", True),
    ("а", False),
    ("у", False),
    ("е", False),
    ("я", True),
    ("ю", True),
    ("е", True),
)


@lru_cache(maxsize=65536)
def palladius_syllables(word: str) -> tuple[str, ...] | None:
    """The pinyin syllables of a Cyrillic word written in the Palladius system, or None when the
    word is not made of Palladius syllables ("Лицзянь" -> ("li", "jian")). A name ending in -н
    or -нь with a Russian case ending is read without it ("Цзиньпина", "Лицзяню" -> ("jin",
    "ping"), ("li", "jian")), not as one more syllable ("na", "niu")."""
    low = word.lower().replace("ё", "е")
    for ending, soft in _PALLADIUS_CASE_ENDINGS:
        stem = low[: -len(ending)]
        if low.endswith(ending) and len(stem) >= 2 and stem.endswith("н"):
            found = _palladius_parse(stem + "ь" if soft else stem)
            if found:
                return found
    return _palladius_parse(low)


@lru_cache(maxsize=16384)
def _palladius_parse(low: str) -> tuple[str, ...] | None:
    table = palladius_table()
    if not low or any(not ("а" <= c <= "я") for c in low):
        return None
    longest = max(len(k) for k in table)
    # fewest syllables wins: "Сиань" is "si an", not "s-i-a-n"
    best: list[tuple[str, ...] | None] = [()] + [None] * len(low)
    for end in range(1, len(low) + 1):
        for start in range(max(0, end - longest), end):
            head = best[start]
            pinyin = table.get(low[start:end])
            if head is None or pinyin is None:
                continue
            cand = (*head, pinyin)
            cur = best[end]
            if cur is None or len(cand) < len(cur):
                best[end] = cand
    return best[len(low)]


# A Palladius word with one of these can hardly be Russian (цз, чж, ця/цю, сюй, юэ, хуэй).
_CHINESE_CLUSTER = regex.compile(r"цз|чж|ц[яюе]|сю[йэн]|юэ|уэ|^[сц]я|^ся")


def pinyin_spellings(syllables: Sequence[str]) -> list[str]:
    """News spellings of one Chinese name word from its syllables ("li", "jian" -> "Lijian")."""
    options: list[str] = [""]
    for syl in syllables:
        forms = [syl.replace("ü", u) for u in _PINYIN_U] if "ü" in syl else [syl]
        options = [o + f for o in options for f in forms][:16]
    return [o[:1].upper() + o[1:] for o in options]


# Wade-Giles, which Taiwan's names keep in English (Tsai for pinyin Cai): initials, whole
# syllables and finals that differ from pinyin (aspiration marks dropped, as English news does).
_WG_SYLLABLES = {
    "zi": "tzu",
    "ci": "tzu",
    "si": "ssu",
    "zhi": "chih",
    "chi": "chih",
    "shi": "shih",
    "ri": "jih",
    "yi": "i",
    "you": "yu",
    "yan": "yen",
    "ge": "ko",
    "ke": "ko",
    "he": "ho",
}
_WG_INITIALS = (
    ("zh", "ch"),
    ("ch", "ch"),
    ("sh", "sh"),
    ("z", "ts"),
    ("c", "ts"),
    ("j", "ch"),
    ("q", "ch"),
    ("x", "hs"),
    ("r", "j"),
    ("b", "p"),
    ("d", "t"),
    ("g", "k"),
)
_WG_FINALS = (("ong", "ung"), ("ian", "ien"), ("ie", "ieh"), ("ue", "ueh"))


def wade_giles(syllable: str) -> str:
    """The Wade-Giles spelling of one pinyin syllable, without aspiration marks ("cai" -> tsai,
    "xiong" -> hsiung); the rules that cover the usual family and given-name syllables."""
    if syllable in _WG_SYLLABLES:
        return _WG_SYLLABLES[syllable]
    initial, final = "", syllable
    for py, wg in _WG_INITIALS:
        if syllable.startswith(py):
            initial, final = wg, syllable[len(py) :]
            break
    for py, wg in _WG_FINALS:
        if final.endswith(py):
            final = final[: -len(py)] + wg
            break
    return initial + final


def misread_chinese(cands: NameCandidates, mt_word: str) -> bool:
    """Whether ``mt_word`` spells a Palladius-written Chinese name letter by letter as English news
    spells a Russian word, where Pinyin differs ("Si" for «Си»: Xi; "Van" for «Ван»: Wang), so
    that it is judged however common the English word is; not a Pinyin or Wade-Giles spelling
    (Tsai for «Цай»)."""
    if not cands.chinese:
        return False
    latin = _fold_latin(mt_word).replace("'", "")
    if not latin or latin in _folded_spellings(cands.spellings):
        return False
    syllables = palladius_syllables(cands.word)
    if syllables and latin == "".join(wade_giles(x) for x in syllables):
        return False
    return scheme_match(cands.word.lower(), latin, True)


def foreign_twin(cands: NameCandidates, mt_word: str, lang: str = "en") -> bool:
    """Whether ``mt_word`` writes a Russian name (``native``) by another convention than English
    news, letter for letter (same :func:`skeleton`), where English text knows the news spelling
    far better (by 1 zipf or more): "Wladimir", "Iwan", "Sokolow" for Владимир, Иван, Соколов.
    A spelling of the news schemes (Natalya beside Natalia) is no such twin."""
    if not cands.native or cands.chinese:
        return False
    latin = _fold_latin(mt_word).replace("'", "")
    if len(latin) < 4 or any(scheme_match(f, latin, True) for f in cands.exact or cands.forms):
        return False
    own = _zipf(latin, lang)
    key = skeleton(latin)
    return any(
        _fold_latin(s) != latin and skeleton(_fold_latin(s)) == key and _zipf(s, lang) >= own + 1.0
        for s in cands.spellings
    )


def dropped_feminine(cands: NameCandidates, mt_word: str) -> bool:
    """Whether ``mt_word`` spells the man's form of a woman's surname the sentence shows in the
    nominative ("Grigoriev" for «Надежда Григорьева»)."""
    if not cands.masculine:
        return False
    latin = _fold_latin(mt_word).replace("'", "")
    return any(scheme_match(f, latin) for f in cands.masculine) and not scheme_match(
        cands.word.lower(), latin
    )


def judged_however_known(cands: NameCandidates, mt_word: str, lang: str = "en") -> bool:
    """Whether ``mt_word`` is judged as a rendering of the name however well English knows it:
    another convention's twin of a far better-known spelling (:func:`foreign_twin`) or a woman's
    surname in the man's form (:func:`dropped_feminine`), or a spelling English knows only weakly
    of a name it knows far better in another language's spelling (:func:`better_known_spelling`:
    "Nikolas" for Николас Мадуро)."""
    return (
        foreign_twin(cands, mt_word, lang)
        or dropped_feminine(cands, mt_word)
        or better_known_spelling(cands, _fold_latin(mt_word).replace("'", ""), lang) is not None
    )


def kept_case_form(cands: NameCandidates, mt_word: str) -> bool:
    """Whether ``mt_word`` spells the whole inflected source name, case ending and all, in some
    scheme ("Navalnomou" for «Навальному»): a case ending kept, however long, not a derived word."""
    latin = _fold_latin(mt_word).replace("'", "")
    return bool(cands.endings) and scheme_match(cands.word.lower(), latin)


# How well English text (wordfreq zipf) must know a name's spelling for a spelling of the source
# name that English does not know at all to be a major flag: the names a newsroom minds (Putin
# 4.1, Netanyahu 3.3, Macron 2.95, Lavrov 2.7), not the little-known person.
NAME_MAJOR_ZIPF = 2.0
# The same for a spelling that only another language's convention reaches (Pyongyang 3.1 for
# «Пхеньян»; Scholz 2.3, Kishida 2.05 stay minor): at 2.0, on 8,000 clean pairs, the conventions
# reached common English words and other people's names (Lacan for «Лейсан», Judi for «Чуди»,
# Cymbal for «Цымбал», Kaga for «Каха»), all above 2.3 (docs/names-and-precision.md).
NAME_CONVENTION_MAJOR_ZIPF = 3.0
# Letters two spellings of one name may differ in and still be variants of it (Emelya/Emelia)
_VOWELS_Y = regex.compile(r"[aeiouyj]")


def mangled_known_name(
    cands: NameCandidates,
    mt_word: str,
    suggestion: str,
    lang: str = "en",
    major_zipf: float = NAME_MAJOR_ZIPF,
    convention_zipf: float = NAME_CONVENTION_MAJOR_ZIPF,
) -> bool:
    """Whether a flagged MT name is a well-known name mangled, on two independent kinds of
    evidence. English text knows the MT word not at all (zipf < 1) and the suggested spelling
    well (zipf >= ``major_zipf``) as a name (lemminflect has no common word of it: not "Visa"
    for «Выша»); and the MT word relates to the source name and the suggestion in one of these
    ways:

    - a case ending kept: it spells the inflected source word, the suggestion its nominative
      ("Putina", "Putinym" for «Путина», «Путиным» → Putin; "Makronom" → Macron);
    - another news-scheme spelling of the same source form ("Makron" / Macron, "Netanyakhu" /
      Netanyahu);
    - a spelling of the source name where English knows the name very well (zipf >=
      ``convention_zipf``) by another language's convention ("Pkhenyan" / Pyongyang).

    A typo ("Lavorv", "Aleskandr": letters swapped) stays minor: a human slip, which literal MT
    does not make. Never for a name of several words (suggested whole), nor (but for the kept
    case ending) where the MT word is the suggestion with letters added, a derived word English
    may write ("Severny" / Severn), or differs from it in vowels only, a variant ("Emelya" /
    Emelia for «Емеля», "Maryin" / Marin, "Musya" / Musa)."""
    latin = _fold_latin(mt_word).replace("'", "")
    known = _fold_latin(suggestion).replace("'", "")
    if not latin.isascii() or not latin.isalpha() or not known.isalpha() or latin == known:
        return False
    if _zipf(latin, lang) >= 1.0 or _zipf(known, lang) < major_zipf:
        return False
    try:
        from mtqa.lexicon.lemmas import all_lemmas

        if all_lemmas(known):
            return False  # an English common word: no name English knows (Visa, Bog)
    except ImportError:
        return False  # without lemminflect nothing tells a name from a word: stays minor
    word = cands.word.lower()
    # the nominatives of a case-form source word (Путина: путин; Макроном: макрон)
    nominatives = cands.nominal or (
        tuple(f for f in cands.exact if f != word) if cands.endings else ()
    )
    if (
        nominatives
        and scheme_match(word, latin)
        and not any(scheme_match(f, latin, True) for f in nominatives)
        and any(scheme_match(f, known, True) for f in nominatives)
        # the nominative's spelling, then the ending (not "Maryin" for «Марьину»: ь as y)
        and any(
            scheme_match(f, latin[:cut], True)
            for f in nominatives
            for cut in range(max(2, len(latin) - 3), len(latin))
        )
    ):
        return True
    if latin.startswith(known):
        return False
    if _VOWELS_Y.sub("", latin) == _VOWELS_Y.sub("", known):
        return False  # a variant in the vowels only ("Maryin" / Marin, "Musya" / Musa)
    forms = (word, *(cands.exact or cands.forms))
    if any(scheme_match(f, latin, True) and scheme_match(f, known, True) for f in forms):
        return True
    return _zipf(known, lang) >= convention_zipf and any(scheme_match(f, latin) for f in forms)


@lru_cache(maxsize=65536)
def _scheme_steps(word: str, news: bool = False) -> tuple[tuple[tuple[int, str], ...], ...]:
    """Per position of a lowercase Cyrillic word: (letters consumed, Latin rendering) options;
    with ``news`` only the spellings English news writes (no FOREIGN_SPELLINGS)."""
    none: frozenset[str] = frozenset()
    steps: list[tuple[tuple[int, str], ...]] = []
    for i, ch in enumerate(word):
        skip = FOREIGN_SPELLINGS.get(ch, none) if news else none
        opts = {(1, alt) for alt in LETTER_SPELLINGS.get(ch, (ch,)) if alt not in skip}
        pair = word[i : i + 2]
        if pair in PAIR_SPELLINGS and (pair[1] != "й" or i + 2 == len(word) or pair[0] in "еао"):
            skip = FOREIGN_SPELLINGS.get(pair, none) if news else none
            opts |= {(2, alt) for alt in PAIR_SPELLINGS[pair] if alt not in skip}
        steps.append(tuple(sorted(opts)))
    return tuple(steps)


@lru_cache(maxsize=262144)
def scheme_match(word: str, latin: str, news: bool = False) -> bool:
    """Whether ``latin`` (folded lowercase) is a spelling of the Cyrillic ``word`` in one of the
    schemes: each letter (or letter pair) rendered by one of its usual Latin options (with
    ``news``, only by those English news writes for a Russian name)."""
    low = word.lower()
    if not low or not latin or not (0.5 * len(low) <= len(latin) <= 4 * len(low) + 2):
        return False
    steps = _scheme_steps(low, news)
    # Most words weighed are no spelling of the name: when no rendering of its first letter (or
    # letter pair) starts the word, nothing is reachable (the walk below would find no path).
    if not any(latin.startswith(alt) for _, alt in steps[0]):
        return False
    # reach[i]: the offsets of ``latin`` that the first i letters can spell (only those reached)
    reach: dict[int, set[int]] = {0: {0}}
    for i in range(len(low)):
        here = reach.get(i)
        if not here:
            continue
        for n, alt in steps[i]:
            for j in here:
                if latin.startswith(alt, j):
                    reach.setdefault(i + n, set()).add(j + len(alt))
    return len(latin) in reach.get(len(low), ())


@lru_cache(maxsize=65536)  # pure: each MT word and spelling is folded once
def _fold_latin(word: str) -> str:
    w = unicodedata.normalize("NFKD", _POSSESSIVE.sub("", word).lower())
    return "".join(c for c in w if c.isalpha() or c == "'")


@lru_cache(maxsize=65536)
def _folded_spellings(spellings: tuple[str, ...]) -> frozenset[str]:
    """The folded forms of a candidate's spellings (pure: built once per spelling tuple, not once
    per MT word weighed against them)."""
    return frozenset(_fold_latin(s) for s in spellings)


@dataclass(frozen=True)
class NameCandidates:
    """How news English may spell one source name.

    ``forms``: the source word and its nominative forms (case endings removed); ``spellings``: a
    few Latin spellings of them, most usual first; ``chinese``: the name is Palladius-written, so
    only Pinyin spellings are good; ``native``: the Russian dictionary (pymorphy3) knows the word,
    so it is a Russian or Ukrainian name or place, which English spells by the news schemes;
    ``nominal``: when the source word is an inflected form (Путина, Краснодара, Мицотакиса) of a
    name whose nominative English text knows (Putin, Krasnodar, Mitsotakis), those nominatives:
    then a spelling English does not know is good only when it spells one of them, not the
    inflected form with its case ending kept ("Putina", "Krasnodara"), or another nominative
    its ending allows (``guessed``: "Igora" for «Игоре», the venue Igora Drive); else ();
    ``plural``: the source word is a plural (Скрипалей, Фурсоны), which English writes with -s
    on a good spelling ("the Skripals"); ``endings``: the Latin spellings of a case-form source
    word's ending, and ``ending_need`` how well English must know an MT spelling without it for
    the MT spelling to be that case form kept ("Bidena", "Klifforda": Biden, Clifford);
    ``exact``: the forms the names check accepts spellings of (``forms`` without the stems cut
    short of an ending, which only the permissive matching of other checks uses);
    ``masculine``: where the sentence shows a woman's surname in the nominative (Надежда
    Григорьева), the man's form of it, which drops her ending ("Grigoriev"); ``foreign_run``:
    the source names a foreign person or place (:attr:`Name.foreign_run`), whose English
    spelling may be its own language's (:func:`better_known_spelling`).
    """

    word: str
    forms: tuple[str, ...]
    spellings: tuple[str, ...]
    chinese: bool
    native: bool = False
    nominal: tuple[str, ...] = ()
    guessed: tuple[str, ...] = ()
    plural: bool = False
    endings: tuple[str, ...] = ()
    ending_need: float = 0.0
    exact: tuple[str, ...] = ()
    masculine: tuple[str, ...] = ()
    foreign_run: bool = False

    def rendered_by(self, mt_word: str, known_zipf: float | None = None, lang: str = "en") -> bool:
        """Whether ``mt_word`` is one of the good spellings (any scheme, any form of the name).

        With ``known_zipf``, a spelling that needs a foreign scheme's letters (Sotschi, Poutin,
        Mjasnikov) is good when English text knows the word at least that well (Josep, Scholz),
        or when the name is not a Russian one (``native``) and English knows none of its usual
        spellings either: a German or Estonian name comes back in its own spelling (Salzberger,
        Pajusalu), but "Chorn" is no spelling of «Хорн» when English knows "Horn"."""
        if known_zipf is not None and self.native and _foreign_letters(mt_word):
            # English news writes a Russian name in plain letters (not "Sergeï"); a Lithuanian
            # or Estonian one may keep its own (Nausėda, Nääs)
            return False
        return _rendered_by(self, _fold_latin(mt_word).replace("'", ""), known_zipf, lang)

    def best(self, lang: str = "en", near: str | None = None) -> str:
        """The spelling English text knows best (wordfreq), among those close to ``near`` when
        given (the garbled MT word shows which form was meant: not "Tokai" for "Tokayevv");
        else the one closest to ``near``; else the first (news BGN) spelling."""
        pool = list(self.spellings)
        closeness: dict[str, float] = {}
        if near is not None:
            better = better_known_spelling(self, _fold_latin(near).replace("'", ""), lang)
            if better is not None:
                return better  # Nicolas for "Nikolas" (Николас Мадуро)
        if near is not None and _zipf(_fold_latin(near), lang) < 1.0:
            well = _well_known_other(self, _fold_latin(near).replace("'", ""), lang)
            if well is not None:
                return well  # English knows the name well in that spelling (Gaiti -> Haiti)
        if near is not None and self.endings:
            bare = _POSSESSIVE.sub("", near)
            folded = _fold_latin(bare)
            kept = _ending_kept(self, folded, lang) if len(folded) == len(bare) else 0
            if kept and _zipf(folded, lang) < 1.0:
                return bare[:kept]  # the garbled word without the kept ending (Bidena -> Biden)
        if near is not None and _dictionary_case_ending_kept(self.word, _fold_latin(near)):
            # not the case form the MT word keeps: the nominative's spellings
            pool = [
                s for s in pool if not scheme_match(self.word.lower(), _fold_latin(s), True)
            ] or pool
        if near is not None:
            pool, closeness = _closest(pool, _fold_latin(near), 0.1)
        known = max(pool, key=lambda s: _zipf(s, lang))
        if _zipf(known, lang) > 0:
            return known
        if closeness:
            return max(pool, key=lambda s: closeness[s])
        return pool[0]


# A pure function of the candidates, the folded MT word and the threshold (every step is: scheme
# matching, wordfreq lookups), so a name weighed against the same word again is answered from
# the cache: a text repeats its names.
@lru_cache(maxsize=65536)
def _rendered_by(cands: NameCandidates, latin: str, known_zipf: float | None, lang: str) -> bool:
    if not latin:
        return False
    if (
        known_zipf is not None
        and not cands.chinese
        and _zipf(latin, lang) >= known_zipf
        and (
            demonym_of(cands, latin, lang)
            or single_letter_twin(cands, latin, lang)
            # a word English knows that spells a foreign name in its own language's convention
            # ("Barrot" for «Барро»: French о -> ot), however better known another spelling is;
            # not a name the Russian dictionary knows ("Nowak" for «Новак»: Novak)
            or (
                not cands.native
                and not _proper(cands.word)
                and any(convention_match(f, latin) for f in _own_forms(cands))
            )
        )
    ):
        return True  # English's people's word of the place (Azerbaijani), or Odesa for Odessa
    if known_zipf is not None and better_known_spelling(cands, latin, lang):
        return False  # "Nikolas" for Николас Мадуро: English knows Nicolas far better
    if known_zipf is not None and any(
        scheme_match(v, latin, True)
        for f in (cands.exact or cands.forms)
        for v in east_slavic_forms(f)
    ):
        return True  # the Ukrainian or Belarusian form of the name (Oleksii, Kyrylo, Aliaksandr)
    if known_zipf is not None and not cands.chinese and _own_h(cands, latin):
        return True  # the name's own spelling, with an h Russian does not write (Gahr, Vahagn)
    if dropped_feminine(cands, latin):
        return False
    if (
        (cands.plural or cands.word.lower().endswith(_PLURAL_ENDINGS))
        and len(latin) > 4
        and latin.endswith("s")
        and any(scheme_match(f, latin[:-1], True) for f in cands.forms)
    ):
        return True
    if (
        known_zipf is not None
        and cands.endings
        and _zipf(latin, lang) < known_zipf
        and _ending_kept(cands, latin, lang)
    ):
        return False  # a name English knows with the source's case ending kept
    if (
        known_zipf is not None
        and not cands.chinese
        and _zipf(latin, lang) < known_zipf
        and _well_known_other(cands, latin, lang)
    ):
        # English knows the name well in one scheme's spelling, or in the spelling this one is a
        # twin of, and this one not at all ("Gaiti" for Haiti, "Drezden" for Dresden): no rendering
        return False
    if (
        known_zipf is not None
        and not cands.chinese
        and _zipf(latin, lang) < known_zipf
        and _dictionary_case_ending_kept(cands.word, latin)
    ):
        return False  # "Bakhmutom", "Zheneve": the dictionary's oblique case spelt out whole
    if cands.nominal and known_zipf is not None and _zipf(latin, lang) < known_zipf:
        # an inflected source form of a name English knows: only its nominatives are good
        if any(scheme_match(f, latin, True) for f in cands.nominal):
            return True
        # not the case form itself, with its ending ("Krasnodara" is no "Krasnodaro")
        return not scheme_match(cands.word.lower(), latin, True) and any(
            scheme_match(f, latin, True) for f in cands.guessed
        )
    folded = _folded_spellings(cands.spellings)
    if cands.chinese:
        return latin in folded
    if latin in folded:
        return True
    forms = cands.forms if known_zipf is None else cands.exact or cands.forms
    if known_zipf is not None and any(scheme_match(f, latin, True) for f in forms):
        return True
    if (
        known_zipf is not None
        and not cands.native
        and _zipf(latin, lang) < known_zipf
        and all(_zipf(s, lang) < known_zipf for s in cands.spellings)
        and any(convention_match(f, latin) for f in forms)
    ):
        # a foreign name in its own language's spelling, which English knows no spelling of
        # ("Szijjarto" for Сийярто, where the news schemes give "Siyyarto")
        return True
    if not any(scheme_match(f, latin) for f in forms):
        return False
    if known_zipf is not None and foreign_twin(cands, latin, lang):
        return False  # "Andrej", "Tatjana" where English knows Andrei, Tatiana far better
    if known_zipf is None or _zipf(latin, lang) >= known_zipf:
        return True
    # a foreign name may come back in its own spelling, but none writes ч "tch" after a
    # consonant (Movtchan): that is the French scheme's
    return (
        not cands.native
        and not _FRENCH_TCH.search(latin)
        and all(_zipf(s, lang) < known_zipf for s in cands.spellings)
    )


# How a Russian name's Ukrainian or Belarusian form differs from it, in regular sound
# correspondences (no list of names): (pattern, replacement) on the lowercase Russian form, each
# applied on its own and all together. English news writes Ukrainian names and places from the
# Ukrainian form (Oleksandr, Kyrylo, Kharkiv, Kryvyi Rih) and Belarusian ones from the Belarusian
# (Aliaksandr).
_EAST_SLAVIC_CHANGES: tuple[tuple[regex.Pattern[str], str], ...] = (
    # Ukrainian initial о- for Russian а- before -ле- (Александр -> Олександр, Алексей -> Олексій)
    (regex.compile(r"^але"), "оле"),
    # Ukrainian і for о/е in a closed last syllable (Харьков -> Харків, Рог -> Ріг, Львов -> Львів,
    # Алексей -> Олексій, Николаев -> Миколаїв)
    (regex.compile(r"[ое](?=[^аеёиоуыэюяйь]+$|й$)"), "і"),
    (regex.compile(r"(?<=[аеиоуыэюя])ев$"), "їв"),
    # Ukrainian в before an initial у (Угледар -> Вугледар)
    (regex.compile(r"^у(?=[^аеёиоуыэюя])"), "ву"),
    # the adjective ending -ой/-ый is Ukrainian -ий (Кривой -> Кривий)
    (regex.compile(r"[оы]й$"), "ий"),
    # a final -л of a man's name takes Ukrainian -о (Кирилл -> Кирило, Павел -> Павло, Михаил
    # -> Михайло)
    (regex.compile(r"лл$"), "ло"),
    (regex.compile(r"ел$"), "ло"),
    (regex.compile(r"аил$"), "айло"),
    # Belarusian я for an unstressed е after a consonant (Александр -> Аляксандр)
    (regex.compile(r"(?<=^[аеиоуыэюя][^аеёиоуыэюя])е"), "я"),
)


@lru_cache(maxsize=16384)
def east_slavic_forms(form: str) -> tuple[str, ...]:
    """The Ukrainian and Belarusian forms a lowercase Russian name may have (each regular change
    of :data:`_EAST_SLAVIC_CHANGES` on its own, then the Ukrainian ones that apply together):
    "алексей" -> "олексей", "алексій", "аляксей", "олексій"; () when none applies."""
    out: list[str] = []
    combined = form
    for n, (pattern, repl) in enumerate(_EAST_SLAVIC_CHANGES):
        one = pattern.sub(repl, form, count=1)
        if one != form:
            out.append(one)
            if n < len(_EAST_SLAVIC_CHANGES) - 1:  # the Ukrainian changes together
                combined = pattern.sub(repl, combined, count=1)
    if combined != form:
        out.append(combined)
    return tuple(dict.fromkeys(out))


# An h after a vowel, which no Russian letter stands for where dropping it leaves a spelling of
# the name: Russian does not write the h of Gahr, Vahagn, Sarah (Гар, Ваагн, Сара)
_VOWEL_H = regex.compile(r"(?<=[aeiou])h")


def _own_h(cands: NameCandidates, latin: str) -> bool:
    """Whether ``latin`` is a news spelling of the name with an h after a vowel that the Russian
    spelling drops ("gahr" for «Гар», "vahagn" for «Ваагн»): no transliteration of the Russian
    letters writes that h, so the translation has the name's own spelling, not a garble."""
    if "h" not in latin:
        return False
    bare = _VOWEL_H.sub("", latin)
    return bare != latin and any(scheme_match(f, bare, True) for f in cands.exact or cands.forms)


# English suffixes that make a people's or a language's word of a place (Azerbaijan -> Azerbaijani,
# Kenya -> Kenyan, Sudan -> Sudanese, Kurdistan -> Kurdistani, Israel -> Israeli)
_DEMONYM_SUFFIXES = ("i", "n", "an", "ian", "ese", "ish", "ic", "ean", "ite")
# How well English must know the place's spelling for its derived word to be read as one: a place
# English text knows (Azerbaijan 3.5, Oman 3.6), not a transliteration that happens to be
# a word
_DEMONYM_BASE_ZIPF = 2.0


def demonym_of(cands: NameCandidates, latin: str, lang: str = "en") -> bool:
    """Whether ``latin`` (folded, a word English knows) is an English people's or language word
    made of a spelling of the source name that English knows well ("azerbaijani" for
    «Азербайджана», "kenyan" for «Кении»): English's derived word, no garbled name."""
    for s in cands.spellings:
        base = _fold_latin(s)
        if (
            len(base) < 4
            or not latin.startswith(base[:-1])
            or _zipf(base, lang) < _DEMONYM_BASE_ZIPF
        ):
            continue
        for stem in (base, base[:-1]) if base[-1] in "aeiouy" else (base,):
            if latin.startswith(stem) and latin[len(stem) :] in _DEMONYM_SUFFIXES:
                return True
    return False


def _undoubled(word: str) -> str:
    return _DOUBLED.sub(r"\1", word)


def single_letter_twin(cands: NameCandidates, latin: str, lang: str = "en") -> bool:
    """Whether ``latin`` (folded, a word English knows) is a spelling of the name with one of its
    doubled letters written once, as the name's own language writes it ("odesa" for «Одессе»,
    Ukrainian Odesa; "tallin" / "tallinn"): a known word that differs from a good spelling by a
    doubled letter only is that spelling, not a garble."""
    if _DOUBLED.search(latin) is None and not any(
        _DOUBLED.search(s.lower()) for s in cands.spellings
    ):
        return False
    plain = _undoubled(latin)
    return any(
        _fold_latin(s) != latin and _undoubled(_fold_latin(s)) == plain for s in cands.spellings
    )


# Plural endings of Russian nouns (the Skripals for «Скрипалей», «Фурсоны»), where a dictionary
# may read the word as a singular name too; not -ов/-ев, a surname's own (Касатонов: no
# "Kasatons")
_PLURAL_ENDINGS = ("ей", "ых", "их", "ы", "и")


@lru_cache(maxsize=16384)
def dictionary_case_form(word: str) -> tuple[str, ...]:
    """The nominatives of a name the Russian dictionary (pymorphy3) knows only in an oblique
    case, singular (Бахмутом: бахмут, Женеве: женева, Захаровой: захарова); () where any reading
    is a nominative (Лаврова, a woman's; Сочи, indeclinable), for a word it does not know or
    without pymorphy3."""
    try:
        parses = _morph().parse(word)
    except (ImportError, OSError, ValueError):
        return ()
    if any("nomn" in _tags(p) or "Fixd" in _tags(p) for p in parses):
        return ()
    proper = [
        p
        for p in parses[:6]
        if p.is_known and _PROPER_TAGS & _tags(p) and "sing" in _tags(p) and "NOUN" in p.tag
    ]
    return tuple(dict.fromkeys(_nominative(p) for p in proper))


def _dictionary_case_ending_kept(word: str, latin: str) -> bool:
    """Whether ``latin`` spells, in a news scheme, the whole oblique form of a name the dictionary
    knows only in that case, and none of its nominatives ("bakhmutom" for «Бахмутом»)."""
    noms = dictionary_case_form(word)
    low = word.lower()
    return (
        bool(noms)
        and low not in noms
        # and a case form by the names check's own reading (Игора is no case of Игорь)
        and bool(_kept_endings(word)[0])
        and scheme_match(low, latin, True)
        and not any(scheme_match(n, latin, True) for n in noms)
    )


def _own_forms(cands: NameCandidates) -> tuple[str, ...]:
    """The source word as written and the nominatives the dictionary gives (not the stems
    guessed by cutting an ending off)."""
    return (cands.word.lower(), *_lemmas(cands.word)[0], *cands.nominal)


def _well_known_other(cands: NameCandidates, latin: str, lang: str) -> str | None:
    """A spelling English text knows well (zipf >= _WELL_KNOWN) of the same source form that
    ``latin`` spells in some scheme (Haiti for "gaiti": both «Гаити»); not of another reading
    of the word (Kagan for "kaganov": «каган», a plural's lemma)."""
    forms = cands.exact or cands.forms
    # a word the dictionary reads as no Russian name, spelt by another language's own convention
    # ("Milei" for Милей: German ей -> ei), is that language's name, not a garbled Miley
    # (of the word as written or a nominative the dictionary gives, not of a stem guessed by
    # cutting an ending off: «Рютте» is no "Рютт" spelt the English way, "Ryutte")
    convention = any(convention_match(f, latin) for f in _own_forms(cands))
    own_convention = convention and not _proper(cands.word)
    # an English common word among the spellings ("Hose" for «Хосе») is the answer only when no
    # name is (Jose)
    common: str | None = None
    for s in cands.spellings:
        if own_convention:
            continue
        other = _fold_latin(s)
        # a spelling that differs in its consonants only (х as kh or h, г as g or h: "Harkov"
        # for Kharkov, "Tegeran" for Teheran) needs English to know the other spelling less
        # well than one that differs in its vowels too (Tua for «Туой» leaves "Tuoy" good)
        need = _WELL_KNOWN if _vowel_frame(other) != _vowel_frame(latin) else _CONSONANT_KNOWN
        if _zipf(s, lang) < need:
            continue
        if any(scheme_match(f, latin) and scheme_match(f, other) for f in forms) or (
            # a twin of the spelling (Washington for "vashington", reached by no scheme)
            skeleton(other) == skeleton(latin) and any(scheme_match(f, latin) for f in forms)
        ):
            if not _english_common_word(s):
                return s
            common = common or s
    # the name spelt letter by letter as news spells a Russian word ("Sholts", "Kisida") where
    # English knows it by its own language's spelling (Scholz, Kishida: convention_spellings)
    # (not where the MT word is itself another convention's spelling: "Milei")
    spelt = (
        [f for f in forms if scheme_match(f, latin, True)]
        if not cands.chinese and not convention
        else []
    )
    if spelt:
        # of the form the MT word spells where it has one ("Dzhordzha": Джорджа, Giorgia; not
        # Джордж's Giorgi), else of its nominatives ("Makronom": Макрон's Macron)
        pool = [c for f in spelt for c in convention_spellings(f, lang)] or [
            c for f in (*cands.nominal, *forms) for c in convention_spellings(f, lang)
        ]
        # not a spelling that differs from the MT word only in y for i: English writes the ы of
        # a Turkic name of the former USSR as y (Kasym, Sadyr), Turkey's own as i (Kasim)
        if "ы" in cands.word.lower():
            pool = [c for c in pool if c.lower().replace("y", "i") != latin.replace("y", "i")]
        if pool:
            # a name, not an English common word, where the conventions reach both ("Khose":
            # Jose, not Hose)
            names = [c for c in pool if not _english_common_word(c)]
            if names or common is None:
                return _closest_known(names or pool, latin, lang)
    return common


# An MT spelling English text knows only weakly (below _WEAKLY_KNOWN) is no rendering of a name
# that another language's own spelling of the same source form gives, where English knows that
# one far better (by _BETTER_MARGIN or more, and at least _BETTER_KNOWN): "Nikolas" (2.4) for
# Николас Мадуро is Nicolas (3.6), "Mishel" (1.4) is Michel (3.7), "Yens" (1.6) is Jens (3.0).
_WEAKLY_KNOWN = 2.5
_GLIDE = regex.compile(r"y(?=[aeiou])")
_BETTER_MARGIN = 1.0
_BETTER_KNOWN = 2.5


@lru_cache(maxsize=4096)
def _english_common_word(word: str) -> bool:
    """Whether lemminflect reads ``word`` as an English common word or adjective (glass, chair,
    Cuban); True without lemminflect (then no other spelling is preferred)."""
    try:
        from mtqa.lexicon.lemmas import all_lemmas
    except ImportError:
        return True
    return bool(all_lemmas(word.lower())) or "ADJ" in all_lemmas(word[:1].upper() + word[1:])


@lru_cache(maxsize=65536)
def better_known_spelling(cands: NameCandidates, latin: str, lang: str = "en") -> str | None:
    """The spelling of the source name English text knows far better than the MT spelling
    ``latin`` (folded, lower case), where ``latin`` spells the source word or a nominative the
    dictionary gives in the news schemes and English knows it only weakly (zipf 1.0 to
    _WEAKLY_KNOWN); the better one comes from another language's convention
    (:func:`convention_spellings`: Nicolas, Michel, Jens for Николас, Мишель, Йенс). None where
    the MT spelling is itself another convention's ("Milei", "Barrot") or English knows it well."""
    if not cands.foreign_run or cands.chinese or not latin.isascii() or not latin.isalpha():
        return None
    known = _zipf(latin, lang)
    if not 1.0 <= known < _WEAKLY_KNOWN:
        return None
    own = _own_forms(cands)
    if any(convention_match(f, latin) for f in own):
        return None  # the name's own language's spelling, known as written
    spelt = [f for f in own if scheme_match(f, latin, True)]
    # spellings that use a letter of the convention (not "Elena" for Елена: BGN's letters, which
    # the news spelling "Yelena" renders as well)
    pool = [
        c
        for f in spelt
        for c in convention_spellings(f, lang)
        if _zipf(c, lang) >= _CONSONANT_KNOWN
        and (folded := _fold_latin(c).lower()) != latin
        and convention_match(f, folded)
    ]
    if "ы" in cands.word.lower():  # English writes a Turkic ы as y (Kasym), Turkey's own as i
        pool = [c for c in pool if c.lower().replace("y", "i") != latin.replace("y", "i")]
    # not an English common word (Glass for «Глас», Chair for «Шаир», Cuban for «Кубани»), nor
    # a spelling that drops a sound the MT word writes: a y glide (Vita for "Vitya") or more
    # than one letter (Juba for "Dzyuba")
    glides = len(_GLIDE.findall(latin))
    pool = [
        c
        for c in pool
        if not _english_common_word(c)
        and len(c) >= len(latin) - 1
        and sum(c.lower().count(x) for x in "yj") >= glides
    ]
    if not any(_zipf(c, lang) >= max(_BETTER_KNOWN, known + _BETTER_MARGIN) for c in pool):
        return None
    # the closest of them, then the best known ("Gants": Gantz, not Ganz; "Nikolas": Nicolas)
    return max(_closest(pool, latin, 0.05)[0], key=lambda c: _zipf(c, lang))


def _closest(pool: Sequence[str], folded: str, margin: float) -> tuple[list[str], dict[str, float]]:
    """The spellings of ``pool`` within ``margin`` of the closest to the folded word (in pool
    order), and every spelling's closeness (difflib ratio, two decimals)."""
    closeness = {s: round(SequenceMatcher(None, _fold_latin(s), folded).ratio(), 2) for s in pool}
    top = max(closeness.values())
    return [s for s in pool if closeness[s] >= top - margin], closeness


def _closest_known(pool: Sequence[str], latin: str, lang: str) -> str:
    """Of spellings, the one English text knows best among those closest to ``latin`` ("merts":
    Mertz or Merz, not Merc)."""
    return max(_closest(pool, latin, 0.25)[0], key=lambda s: _zipf(s, lang))


_PROPER_TAGS = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
# How well English text (wordfreq zipf) knows a name's spelling for other spellings of it that
# English does not know at all to be garbled (Haiti: "Gaiti" is; Zelensky, 1.8: "Zelenskiy" not).
_WELL_KNOWN = 3.0
# ... and where the two spellings differ in consonant letters only (Kharkov 2.4, Teheran 2.3)
_CONSONANT_KNOWN = 2.0
_CONSONANTS = regex.compile(r"[^aeiouy]+")


def _vowel_frame(latin: str) -> str:
    """The word's vowels with each run of consonants as one mark ("kharkov", "harkov": "-a-o-")."""
    return _CONSONANTS.sub("-", latin)


# Letters with diacritics that no English spelling of a Cyrillic name has
# (the letters wrong schemes write for Cyrillic: French ï, ë; scholarly č, š, ž, ě; not the
# accents of Spanish or French names, León)
_LATIN_MARKED = regex.compile(r"[ïëčšžěÏËČŠŽĚ]")


def _foreign_letters(word: str) -> bool:
    return bool(_LATIN_MARKED.search(word))


# Oblique case endings of a name and the nominative endings they come from (for words the Russian
# dictionary does not know: Мицотакиса -> Мицотакис, Скрипаля -> Скрипаль).
_OBLIQUE_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ого", ("ий", "ый", "ой")),
    ("его", ("ий",)),
    ("ому", ("ий", "ый", "ой")),
    ("ему", ("ий",)),
    ("ым", ("ый", "")),  # Евменовым, Ильиным: Евменов, Ильин
    ("им", ("ий",)),
    ("ом", ("",)),
    ("ем", ("ь", "й")),
    ("ой", ("а",)),
    ("а", ("", "о")),
    ("я", ("ь",)),
    ("у", ("", "а")),
    ("ю", ("ь", "я")),
    ("е", ("", "а", "ь", "я")),
    ("ы", ("а",)),
    ("и", ("ь", "я")),
)


def _tags(parse: Any) -> frozenset[str]:
    """The parse's grammemes (pymorphy3 keeps them on the tag; no need to split its text)."""
    return parse.tag.grammemes


@lru_cache(maxsize=16384)
def _case_form(
    word: str, agree: tuple[str, ...] = ()
) -> tuple[float, tuple[str, ...], bool] | None:
    """When a source name reads as an oblique case form: (how well English text must know its
    nominative's spelling for a kept case ending to be a garble, its nominatives as a name,
    whether a name's nominative was refused because it has no such case form); else None.

    The word must read as a case form (pymorphy3; without it a case ending is guessed): an
    indeclinable name (Шойгу, Тарту) or a woman's surname in the nominative (Захарова) is not
    one. Where the word may also be a nominative (Лаврова: Лавров's genitive or a woman's
    surname), the nominative must be well known to English (zipf 2.5: Lavrov), not merely known
    (Davidov). ``agree`` (see :func:`agreement`) settles the reading: a woman's nominative (after
    «Полина») is no case form; a man's case form (after «Ивана») needs its nominative merely
    known (Gagarin)."""
    low = word.lower()
    try:
        analyzer = _morph()
    except (ImportError, OSError, ValueError):
        analyzer = None
    forms: list[str] = []
    nominative_reading = 0.5
    female = False
    agreeing: list[object] = []
    if analyzer is not None:
        parses = [p for p in analyzer.parse(word)[:6] if {"NOUN", "ADJF"} & _tags(p)]
        if any("Fixd" in _tags(p) for p in parses):
            return None  # indeclinable: the word is its own nominative
        agreeing = [
            p for p in parses if agree and agree[0] in _tags(p) and set(agree[1:]) & _tags(p)
        ]
        if agree[:1] == ("femn",) and any("nomn" in _tags(p) for p in agreeing):
            return None  # a woman's surname in the nominative (Полина Гагарина)
        if agree[:1] == ("masc",) and agreeing:
            parses = agreeing  # a man's surname in the case of his first name (Ивана Гагарина)
        nominative_reading = sum(p.score for p in parses if "nomn" in _tags(p))
        # a woman's surname or name in the nominative (Гагарина, Лаврова) is a reading too
        female = any({"nomn", "femn"} <= _tags(p) and _PROPER_TAGS & _tags(p) for p in parses)
        # singular case forms only: a plural one (Каганов, Ильиных as "of the Kagans, Ilyins")
        # is mostly a surname in the nominative, and English writes a family as "the Skripals"
        forms = [_nominative(p) for p in parses if _PROPER_TAGS & _tags(p) and "sing" in _tags(p)]
        declined = [f for f in forms if _declines_to(f, low)]
        refused = len(declined) < len(forms)
        forms = declined
        if not any(p.is_known for p in parses):
            # a word the dictionary does not know: only an ending no nominative has marks a case
            # form (Мицотакиса, Байденом); a foreign name may end in -у, -е, -и, -ой as it is
            # (Киану, Брейне, Чики, Туой)
            if not low.endswith(_UNAMBIGUOUS_CASE_ENDINGS):
                return None
            forms += _guessed_nominatives(low)
    else:
        forms = _guessed_nominatives(low)
        refused = False
    if nominative_reading >= 0.5:
        return None
    if analyzer is not None and agree[:1] == ("masc",) and agreeing and forms:
        # the first name shows a man's surname in an oblique case (Дениса Шмыгаля): English
        # writes his nominative whether or not it knows the name ("Shmygalya" keeps the ending)
        return 0.0, tuple(forms), refused
    return 2.5 if female else 2.0 if nominative_reading > 0.05 else 1.0, tuple(forms), refused


def _nominative(parse: Any) -> str:
    """A name's nominative in the parse's own gender: pymorphy3 gives a woman's surname the
    man's form as its normal form (Маркиной -> маркин), but her nominative is «Маркина»."""
    if {"femn", "Surn"} <= _tags(parse) and "nomn" not in _tags(parse):
        nominative = parse.inflect({"nomn"})
        if nominative is not None:
            return str(nominative.word)
    return str(parse.normal_form)


@lru_cache(maxsize=16384)
def _known_nominatives(word: str, agree: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The nominatives English text knows of a source name written in an oblique case (Путина ->
    путин: "Putin"; Краснодара -> краснодар), else (); see :func:`_case_form`."""
    case = _case_form(word, agree)
    if case is None:
        return ()
    need, forms, _ = case
    low = word.lower()
    out = []
    for form in dict.fromkeys(forms):
        if form.replace("ё", "е") == low.replace("ё", "е") or len(form) < 3:
            continue
        # a news spelling, or another language's own (Macron for Макроном)
        spellings = (*_form_spellings(form), *convention_spellings(form))
        if max(_zipf(s, "en") for s in spellings) >= need:
            out.append(form)
    return tuple(out)


@lru_cache(maxsize=16384)
def _declines_to(form: str, low: str) -> bool:
    """False when a name the dictionary knows spells like ``form`` with a soft sign or "й"
    (игор -> Игорь) and has no case form ``low``: "Игора" is no case of Игорь (Игоря), so
    "Igora" (Igora Drive) is no garbled "Igor"."""
    for full in (form + "ь", form + "й"):
        cases = _name_cases(full)
        if cases is not None:
            return low in cases
    return True


@lru_cache(maxsize=16384)
def _name_cases(word: str) -> frozenset[str] | None:
    """Every case form of ``word`` when the dictionary knows it as a name in the nominative."""
    for p in _morph().parse(word)[:3]:
        if p.is_known and _PROPER_TAGS & _tags(p) and p.normal_form == word:
            return frozenset(x.word for x in p.lexeme)
    return None


@lru_cache(maxsize=16384)
def _kept_endings(word: str, agree: tuple[str, ...] = ()) -> tuple[tuple[str, ...], float]:
    """The Latin spellings of a case-form source name's ending ("а" -> a; "ом" -> om, am; "ого"
    -> ogo, ovo...), and how well English must know the spelling without it; ((), 0.0) when the
    word is no case form. "Bidena" for «Байдена» keeps the ending on a spelling English knows
    (Biden), though no transliteration scheme spells «Байден» "Biden"."""
    case = _case_form(word, agree)
    low = word.lower()
    if case is None or case[2]:
        return (), 0.0  # no case form, or not of the name it looks like (Игора is not Игоря)
    for end, _ in _OBLIQUE_ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 3:
            spellings = [""]
            for ch in end:
                spellings = [s + alt for s in spellings for alt in LETTER_SPELLINGS.get(ch, (ch,))]
            if end == "ого":
                spellings.append("ovo")  # as it is said
            # the ending of a woman's nominative (Маркиной: Маркина) spelt out is her name,
            # not a case ending kept: "Markina" keeps nothing, "Markinoy" does
            stem = low[: -len(end)]
            own = {
                alt
                for f in case[1]
                if f.startswith(stem) and f[len(stem) :] in ("а", "я")
                for alt in LETTER_SPELLINGS.get(f[len(stem) :], ())
            }
            return tuple(s for s in dict.fromkeys(spellings) if s and s not in own), case[0]
    return (), 0.0


def _ending_kept(cands: NameCandidates, latin: str, lang: str) -> int:
    """The length of the MT spelling without the source's case ending when English text knows it
    without (Bidena -> Biden, Putina -> Putin); else 0. Where English need not know it (the
    sentence shows the case: «с Пезешкианом», «Дениса Шмыгаля»), the MT spelling must spell the
    whole case form ("Pezeshkianom"; not "Shalom" for «с Шаломом»)."""
    if cands.ending_need <= 0.0 and not scheme_match(cands.word.lower(), latin):
        return 0
    for end in cands.endings:
        stem = latin[: -len(end)]
        if (
            latin.endswith(end)
            and len(stem) >= 4
            and _zipf(stem, lang) >= cands.ending_need
            # the spelling without the ending looks like the source without it (not "Artj")
            and _ratio(skeleton(stem), skeleton(transliterate(cands.word[: -_end_len(cands)])), 0.8)
            >= 0.8
        ):
            return len(stem)
    return 0


def _end_len(cands: NameCandidates) -> int:
    low = cands.word.lower()
    return next(
        (len(e) for e, _ in _OBLIQUE_ENDINGS if low.endswith(e) and len(low) - len(e) >= 3), 0
    )


_UNAMBIGUOUS_CASE_ENDINGS = ("а", "я", "ом", "ем", "ым", "им", "ого", "его", "ому", "ему")


def _guessed_nominatives(low: str) -> list[str]:
    for end, noms in _OBLIQUE_ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 3:
            return [low[: -len(end)] + n for n in noms]
    return []


def _form_spellings(form: str) -> tuple[str, ...]:
    """The news spelling of one Cyrillic form and its scheme variants (й/х/г second-most usual),
    then the spelling English text knows well that one of them is a letter-for-letter twin of
    (:func:`english_twin`: Vashington -> Washington, Armeniya -> Armenia)."""
    lat = _news_spelling(transliterate(form))
    own = (lat[:1].upper() + lat[1:], *_scheme_variant(form))
    twins = (english_twin(s) for s in own)
    return tuple(dict.fromkeys((*own, *(t for t in twins if t))))


# How well English text (wordfreq zipf) must know a spelling that another language's own
# convention gives a name Russian writes its way (Scholz 2.3 for Шольц, Kishida 2.05 for Кисида,
# Steinmeier 1.96) for it to be that name's English spelling.
_CONVENTION_ZIPF = 1.8
# Work bound of one candidate search (prefixes tried per source language's convention)
_CONVENTION_STEPS = 4000


@lru_cache(maxsize=4)
def _convention_words(lang: str) -> tuple[list[str], dict[str, str]]:
    """The words English text knows at zipf >= _CONVENTION_ZIPF (3+ letters), folded to plain
    letters (Szijjártó: szijjarto) and sorted (a candidate spelling is grown only while some such
    word starts with it), and folded -> the word as English writes it (the best known of those
    that fold alike)."""
    from mtqa.checks.vocabulary import frequency_dict  # wordfreq's table, loaded once

    floor = 10 ** (_CONVENTION_ZIPF - 9)
    written: dict[str, str] = {}
    for w, f in frequency_dict(lang).items():  # most frequent first
        if f < floor:
            break
        if len(w) < 3:
            continue
        folded = w if w.isascii() else _fold_latin(w)
        if folded.isascii() and folded.isalpha():
            written.setdefault(folded, w)
    return sorted(written), written


@lru_cache(maxsize=1)
def _convention_index() -> tuple[
    tuple[str, dict[str, tuple[tuple[str, bool, tuple[str, ...]], ...]]], ...
]:
    """Per source language: first Cyrillic letter -> (key, final only, Latin spellings), the
    longest keys first."""
    out = []
    for origin, table in ORIGIN_CONVENTIONS.items():
        by_first: dict[str, list[tuple[str, bool, tuple[str, ...]]]] = {}
        for key, spellings in table.items():
            bare = key.rstrip("$")
            by_first.setdefault(bare[0], []).append((bare, key.endswith("$"), spellings))
        out.append(
            (origin, {k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in by_first.items()})
        )
    return tuple(out)


# Endings of Russian adjectives (and of names shaped like them), which no other language's name
# Russian writes has
_ADJECTIVE_ENDINGS = (
    "ий",
    "ый",
    "ой",
    "ая",
    "яя",
    "ое",
    "ее",
    "ие",
    "ые",
    "ого",
    "его",
    "ому",
    "ему",
)


@lru_cache(maxsize=65536)
def convention_match(form: str, latin: str) -> bool:
    """Whether ``latin`` spells the Cyrillic ``form`` back in one language's own convention
    (``ORIGIN_CONVENTIONS``), using at least one of its letters that BGN does not write
    (Сийярто: "Szijjarto" in Hungarian's; not "Siyyarto", BGN's own)."""
    low = form.lower()
    if not latin or len(low) > 24 or latin == _news_spelling(transliterate(low)):
        return False  # BGN's spelling, however another convention may also reach it
    n, m = len(low), len(latin)
    for _origin, index in _convention_index():
        # (Cyrillic position, Latin position, a convention letter used)
        stack = [(0, 0, False)]
        seen: set[tuple[int, int, bool]] = set()
        while stack:
            state = stack.pop()
            if state in seen:
                continue
            seen.add(state)
            i, j, own = state
            if i == n:
                if j == m and own:
                    return True
                continue
            bgn = RUSSIAN_BGN.get(low[i], low[i])
            if latin.startswith(bgn, j):
                stack.append((i + 1, j + len(bgn), own))
            for key, final, spellings in index.get(low[i], ()):
                if low.startswith(key, i) and (not final or i + len(key) == n):
                    plain = "".join(RUSSIAN_BGN.get(c, c) for c in key)
                    for sp in spellings:
                        if latin.startswith(sp, j):
                            stack.append((i + len(key), j + len(sp), own or sp != plain))
    return False


@lru_cache(maxsize=16384)
def convention_spellings(form: str, lang: str = "en") -> tuple[str, ...]:
    """Spellings of a Cyrillic name that English text knows (zipf >= _CONVENTION_ZIPF), read
    back through the way Russian writes another language's names (``ORIGIN_CONVENTIONS``:
    Шольц -> Scholz, Кисида -> Kishida, Гутерриш -> Guterres, Пхеньян -> Pyongyang), best known
    first; () for a Russian surname (Смирнов: its news spelling is English's) or a form no
    convention reaches a known word from. Not the BGN spelling itself."""
    low = form.lower()
    if lang != "en" or len(low) < 3 or len(low) > 16 or _russian_surname(low):
        return ()
    if low.endswith(_ADJECTIVE_ENDINGS):
        return ()  # a Russian adjective's form (Широкие: no "Cherokee")
    if not all("а" <= c <= "я" or c == "ё" for c in low):
        return ()
    words, known = _convention_words(lang)
    if not words:
        return ()
    bgn = _news_spelling(transliterate(low))
    found: set[str] = set()

    def grows(prefix: str) -> bool:
        at = bisect_left(words, prefix)
        return at < len(words) and words[at].startswith(prefix)

    n = len(low)
    for _origin, index in _convention_index():
        steps = 0
        stack: list[tuple[int, str]] = [(0, "")]
        while stack and steps < _CONVENTION_STEPS:
            i, prefix = stack.pop()
            steps += 1
            if i == n:
                if prefix in known and prefix != bgn and len(prefix) >= 4:
                    found.add(known[prefix])
                continue
            options: list[tuple[int, str]] = []
            for key, final, spellings in index.get(low[i], ()):
                if low.startswith(key, i) and (not final or i + len(key) == n):
                    options.extend((i + len(key), sp) for sp in spellings)
            options.append((i + 1, RUSSIAN_BGN.get(low[i], low[i])))
            for j, sp in options:
                grown = prefix + sp
                if (j == n and grown in known) or grows(grown):
                    stack.append((j, grown))
    ranked = sorted(found, key=lambda w: (-_zipf(w, lang), w))
    return tuple(w[:1].upper() + w[1:] for w in ranked)


# How well English text (wordfreq zipf) must know a word for it to be the English spelling of a
# transliteration that is its twin (Washington 5.0 for "Vashington"; Khamenei 2.7 is not).
_TWIN_ZIPF = 3.0


@lru_cache(maxsize=4)
def _twin_index(lang: str) -> dict[str, str]:
    """Skeleton -> the most frequent word English text knows well (zipf >= _TWIN_ZIPF) with it."""
    from mtqa.checks.vocabulary import frequency_dict  # wordfreq's table, loaded once

    floor = 10 ** (_TWIN_ZIPF - 9)  # zipf is log10 of occurrences per 10^9 words
    words = sorted(
        (
            (f, w)
            for w, f in frequency_dict(lang).items()
            if f >= floor and len(w) >= 4 and w.isascii() and w.isalpha()
        ),
        reverse=True,
    )
    index: dict[str, str] = {}
    for _, word in words:  # most frequent first
        index.setdefault(skeleton.__wrapped__(word), word)
    return index


@lru_cache(maxsize=65536)
def english_twin(latin: str, lang: str = "en") -> str | None:
    """The word English text knows well whose spelling skeleton (:func:`skeleton`: w=v, c=k,
    kh=h, z=s, iy=i...) is that of ``latin``, a spelling English does not know at all
    (zipf < 1), capitalised; None when there is none. A transliteration English would write by
    another convention ("Vashington", "Drezden", "Korleone", "Armeniya") has one (Washington,
    Dresden, Corleone, Armenia): the name's English spelling where no scheme reaches it."""
    folded = _fold_latin(latin).replace("'", "")
    if len(folded) < 4 or _zipf(folded, lang) >= 1.0:
        return None
    twin = _twin_index(lang).get(skeleton(folded))
    if twin is None or twin == folded or _DOUBLED.findall(twin) != _DOUBLED.findall(folded):
        return None  # the same doubled letters: "Vezel" is no "Vessel", "Rokke" no "Rookie"
    return twin[:1].upper() + twin[1:]


@lru_cache(maxsize=16384)
def _lemmas(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(nominative forms, other stems) of a Russian name in any case: the nominative from
    pymorphy3 where installed (else a case-ending guess), stems from stripping endings."""
    nominative: list[str] = []
    try:
        analyzer = _morph()
    except (ImportError, OSError, ValueError):  # pymorphy3 (or its dictionaries) is optional
        analyzer = None
    if analyzer is not None:
        parses = [
            p
            for p in analyzer.parse(word)[:4]
            if {"NOUN", "ADJF"} & set(str(p.tag).replace(" ", ",").split(","))
        ]
        # Parses as a name first, the word as written before a common noun's lemma (an unknown
        # surname "Токаев" is no plural of "токай"), another form than the word first among
        # names ("Шмыгаля" is Шмыгаль's genitive more often than a woman's name).
        # a name's singular readings, or a plural-only one (Альпы): Илларионов is no
        # "of the Illarions"
        proper = [
            p
            for p in parses
            if _PROPER_TAGS & _tags(p) and ("plur" not in _tags(p) or "Pltm" in _tags(p))
        ]
        proper.sort(key=lambda p: p.normal_form == word.lower())
        # not a name the word is no case of (Игора is no case of Игорь: no "Igor")
        for p in proper:
            if "femn" in _tags(p) and "Surn" in _tags(p):
                # a woman's surname's own nominative (Трефиловой -> Трефилова), not the man's
                # the dictionary gives as the lemma
                fem = p.inflect({"nomn", "sing"})
                if fem is not None:
                    nominative.append(fem.word)
        nominative.extend(
            p.normal_form for p in proper if _declines_to(p.normal_form, word.lower())
        )
        nominative.append(word.lower())
        # a common noun's lemma (Вера: вера), not a plural's (Ломоносов is no "of the clematis")
        nominative.extend(
            p.normal_form for p in parses if p not in proper and "plur" not in _tags(p)
        )
        # an adjective-like place name in another gender's nominative (Широкого -> Широкое)
        for p in parses[:1]:
            if "ADJF" in _tags(p):
                nominative.extend(
                    x.word for x in p.lexeme if "nomn" in _tags(x) and "Supr" not in _tags(x)
                )
    else:
        nominative.extend((_lemma_guess(word).lower(), word.lower()))
    stems = [_lemma_guess(word).lower(), _stem(word).lower()]
    if analyzer is None or not any(p.is_known for p in analyzer.parse(word)[:4]):
        # an unknown name's nominative guessed from its ending (Торбеева -> Торбеево): a form a
        # good spelling may render, not one a suggestion shows
        stems.extend(_guessed_nominatives(word.lower()))
    nom = tuple(dict.fromkeys(f for f in nominative if f))
    return nom, tuple(f for f in dict.fromkeys(stems) if f and f not in nom)


@lru_cache(maxsize=16384)
def _native(word: str) -> bool:
    """Whether ``word`` is a Russian name or place: it has a Russian surname's suffix in some
    case (Трефиловой, Глуховского; not a Polish -ньск-), or the Russian dictionary knows it as a
    noun (Михаил, Артёма, Волгоград; not Зальцбергер or Хорн; False without pymorphy3)."""
    if _russian_surname(word.lower()):
        return True
    try:
        analyzer = _morph()
    except (ImportError, OSError, ValueError):
        return False
    return any(p.is_known and "NOUN" in p.tag for p in analyzer.parse(word)[:4])


def _russian_surname(low: str) -> bool:
    """Whether a lowercase word has a Russian surname's suffix in some case (not -ньск-: the
    Polish -ńsk- of Гданьск, Базилианьской)."""
    return bool(_RUSSIAN_SURNAME.search(low)) and "ньск" not in low


# A Russian surname's suffix in any case (Трефиловой, Ильину, Глуховского): a Russian name even
# where the dictionary does not know the word
_RUSSIAN_SURNAME = regex.compile(
    r"\p{L}{3}(?:[оеё]в|[иы]н)(?:а|у|ым|ой|ом|е|ых|ыми)?$|\p{L}{3}[сц]к(?:ий|ая|ого|ому|ой|им|ую)$"
)


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=65536)
def name_candidates(
    word: str, chinese: bool = False, agree: tuple[str, ...] = (), foreign: bool = False
) -> NameCandidates:
    """Candidate spellings of a Cyrillic name; ``chinese`` when it is read as Palladius;
    ``agree``: what the sentence says of its gender and case (:func:`agreement`); ``foreign``:
    the sentence names a foreign person or place (:func:`foreign_run`)."""
    if chinese:
        syllables = palladius_syllables(word)
        if syllables:
            return NameCandidates(word, (word.lower(),), tuple(pinyin_spellings(syllables)), True)
    nominative, stems = _lemmas(word)
    low = word.lower()
    forms = tuple(dict.fromkeys((*nominative, low, *stems)))
    # what the names check accepts: the word and its nominatives, not a stem cut short of its
    # ending ("Kirilenk", "Lomonos"); an unknown word's guessed nominatives (Торбеево) count
    try:
        known_word = any(p.is_known for p in _morph().parse(word)[:4])
    except (ImportError, OSError, ValueError):
        known_word = None
    if known_word is None or _NAME_ADJECTIVE.search(low):
        exact = forms  # an adjective from a name may render as its base (Дзержинского: Dzerzhinsk)
    else:
        guesses = () if known_word else (_lemma_guess(word).lower(), *_guessed_nominatives(low))
        exact = tuple(dict.fromkeys((*nominative, low, *guesses)))
    nominal = _known_nominatives(word, agree)
    spellings: list[str] = []
    # what a suggestion may show, nominative first; only the known nominatives for a case form
    for f in nominal or tuple(dict.fromkeys((*nominative, low))):
        for s in _form_spellings(f):
            if s and s not in spellings:
                spellings.append(s)
    # other nominatives the ending allows, none shorter than the dictionary's ("Павла" is
    # Павел's, so "Pavl" is no nominative of it; "Игоре" may be Игора's)
    guessed = (
        tuple(
            g
            for g in _guessed_nominatives(low)
            if len(transliterate(g)) >= min(len(transliterate(n)) for n in nominal)
            # a town in -ск/-цк has the adjective's oblique forms (Покровском: Pokrovsk too)
            or g.endswith(("ск", "цк"))
        )
        if nominal
        else ()
    )
    endings, need = _kept_endings(word, agree)
    masculine: tuple[str, ...] = ()
    if agree[:1] == ("femn",) and "nomn" in agree:
        # a woman's surname (Григорьева): the man's form (григорьев) is no rendering of it
        masculine = tuple(f for f in nominative if low.startswith(f) and len(low) == len(f) + 1)
        exact = tuple(f for f in exact if f not in masculine)
        forms = tuple(f for f in forms if f not in masculine)
        spellings = [
            sp for sp in spellings if not any(scheme_match(f, _fold_latin(sp)) for f in masculine)
        ] or spellings
    return NameCandidates(
        word,
        forms,
        tuple(spellings),
        False,
        _native(word),
        nominal,
        guessed,
        _plural(word),
        endings,
        need,
        exact,
        masculine,
        foreign,
    )


@lru_cache(maxsize=16384)
def _plural(word: str) -> bool:
    """Whether pymorphy3 reads ``word`` mostly as a plural noun and not as a singular name
    (False without it)."""
    try:
        analyzer = _morph()
    except (ImportError, OSError, ValueError):
        return False
    parses = analyzer.parse(word)[:6]
    if any(_PROPER_TAGS & _tags(p) and "sing" in _tags(p) for p in parses):
        return False  # a surname (Песков), not "of the sands"
    return sum(p.score for p in parses if {"NOUN", "plur"} <= _tags(p)) >= 0.5


def _scheme_variant(form: str) -> tuple[str, ...]:
    """Spellings with one of й, х, г in its second-most usual rendering (Sergei, Hasan,
    Shmyhal), for a suggestion English may know better than BGN's."""
    variants = []
    for letter in "йхг":
        if letter in form:
            # each other letter as BGN spells it in place ("е" is "ye" only at the start and
            # after a vowel: Sergei, not "Syergyei")
            out = [
                LETTER_SPELLINGS[ch][1]
                if ch == letter
                else transliterate(form[: i + 1])[len(transliterate(form[:i])) :]
                for i, ch in enumerate(form)
            ]
            latin = _news_spelling("".join(out))
            variants.append(latin[:1].upper() + latin[1:])
    return tuple(variants)


def chinese_name_words(src: str) -> set[int]:
    """Start offsets of the source's words that belong to a Chinese name written in Palladius.

    A run of capitalised words reads as Chinese when every word is made of Palladius syllables,
    the first (the family name) is one syllable and the run has at most three words ("Ли Цян",
    "Ван И", "Чжао Лицзянь"); a single word reads as Chinese when it also has a cluster Russian
    words do not have ("Цзиньпин"). A one-letter word at a sentence start («У», «В») is
    no name.
    """
    out: set[int] = set()
    run: list[regex.Match[str]] = []

    def judge(
        words: list[regex.Match[str]], sylls: list[tuple[str, ...]], followed: bool = False
    ) -> None:
        if 2 <= len(words) <= 3 and len(sylls[0]) == 1 and not followed:
            out.update(m.start() for m in words)
        else:
            out.update(m.start() for m in words if _CHINESE_CLUSTER.search(m.group().lower()))

    def close() -> None:
        # judge each stretch of Palladius words in the run ("Премьер Госсовета | Ли Цян"); a
        # stretch that a capitalised word of no Palladius syllables follows is the start of a
        # longer name of another language ("Во Ван | Тхыонг", Vietnamese: Vo Van Thuong)
        words: list[regex.Match[str]] = []
        sylls: list[tuple[str, ...]] = []
        for m in run:
            syl = palladius_syllables(m.group())
            if syl:
                words.append(m)
                sylls.append(syl)
            elif words:
                judge(words, sylls, followed=True)
                words, sylls = [], []
        if words:
            judge(words, sylls)
        run.clear()

    last_end = -1
    for m in _WORD.finditer(src):
        w = m.group()
        # a one-letter word opening a sentence is a preposition or conjunction («У Коби был»),
        # not the family name У (Wu)
        letter = len(w) == 1 and w.isupper() and not _sentence_initial(src, m.start())
        if (w[:1].isupper() and not w.isupper()) or letter:
            if run and src[last_end : m.start()].strip():
                close()
            run.append(m)
            last_end = m.end()
        else:
            close()
    close()
    return out


_LEFT_PART = regex.compile(r"(\p{Lu}[\p{L}\p{M}]*)([ \-\u2010\u2011])$")
_RIGHT_PART = regex.compile(r"([ \-\u2010\u2011])(\p{Lu}[\p{L}\p{M}]*)")


def compound_rendering(
    whole: str, part: str, mt: str, start: int, end: int, lang: str = "en"
) -> tuple[int, int, str]:
    """Where the MT renders a hyphenated source name around the MT word ``start``..``end`` that
    renders its ``part``, and the best spelling of the whole name written with the MT's
    separators ("Wan Chorn" for Ван-Хорн -> "Van Horn"). When the MT's neighbours do not line
    up with the parts, just the word and the part's best spelling."""
    parts = compound_parts(whole)
    word = mt[start:end]
    alone = (start, end, name_candidates(part).best(lang, near=word))
    if part not in parts or len(parts) != len(whole.split("-")):
        return alone  # a part in lower case ("Ростов-на-Дону"): English has its own form
    i = parts.index(part)
    words: list[str] = [word]
    seps: list[str] = []
    s, e = start, end
    for _ in range(i):
        left = _LEFT_PART.search(mt[max(0, s - 40) : s])
        if left is None:
            return alone
        words.insert(0, left.group(1))
        seps.insert(0, left.group(2))
        s -= len(left.group())
    for _ in range(len(parts) - 1 - i):
        right = _RIGHT_PART.match(mt, e)
        if right is None:
            return alone
        words.append(right.group(2))
        seps.append(right.group(1))
        e = right.end()
    spelled = [_part_spelling(p, w, w == word, lang) for p, w in zip(parts, words)]
    return s, e, spelled[0] + "".join(sep + sp for sep, sp in zip(seps, spelled[1:]))


def _part_spelling(part: str, mt_word: str, flagged: bool, lang: str) -> str:
    """How a suggestion spells one part of a compound name: the MT's word where it renders the
    part well or translates it (Saint for Сен), else the part's best spelling (Wan -> Van)."""
    cands = name_candidates(part)
    if not flagged and (
        cands.rendered_by(mt_word, 1.0, lang) or name_similarity(part, mt_word) < 0.75
    ):
        return mt_word
    return cands.best(lang, near=mt_word)


# --- transliterations no English text writes, for any source word ----------------------------


@dataclass(frozen=True)
class NameFinding:
    """An MT word that spells a source word the way no English text spells a Cyrillic name."""

    start: int
    end: int
    message: str
    suggestion: str | None


# An apostrophe that is no English possessive ("Tin'kov", "Kazan'"; not "Engel's", "Flyers'")
_SOFT_APOSTROPHE = regex.compile(r"['’](?!s$)")
_MT_WORD = regex.compile(r"\p{Lu}[\p{L}\p{M}]*(?:['’][\p{L}\p{M}]+)*['’]?")


def leftover_findings(src: str, mt: str, skip: Sequence[tuple[int, int]] = ()) -> list[NameFinding]:
    """Capitalised MT words (not overlapping ``skip``) that spell a capitalised Cyrillic source
    word letter by letter with what a scholarly or French scheme leaves and English never writes
    (:func:`scheme_leftover`), or with the case ending of an adjective-shaped name in an oblique
    case (:func:`oblique_adjective`: "Sverdlovskoy Oblast" for «Свердловской области»).

    Unlike the candidate matching of the names check these need no judgement of the source word
    as a name: a sentence-initial word, an adjective from a place or an organisation is spelt
    wrong the same way."""
    sources = [
        m.group()
        for m in _WORD.finditer(src)
        if m.group()[:1].isupper() and len(m.group()) >= 3 and script_of(m.group()[0]) == "cyrillic"
    ]
    if not sources:
        return []
    out: list[NameFinding] = []
    for m in _MT_WORD.finditer(mt):
        word = m.group()
        if len(word) < 4 or any(m.start() < b and a < m.end() for a, b in skip):
            continue
        if word.endswith(("'", "’")) and word[-2:-1] in "sS":
            word = word[:-1]  # a plural possessive (the Flyers')
        for sw in dict.fromkeys(sources):
            why = scheme_leftover(sw, word)
            if why:
                suggestion = name_candidates(sw).best(near=word)
                message = f"{word!r} spells the source word {sw!r} {why}"
            else:
                nominative = oblique_adjective(sw)
                if nominative is None or not _ending_kept_whole(sw, nominative, word):
                    continue
                suggestion = _news_spelling(transliterate(nominative))
                suggestion = suggestion[:1].upper() + suggestion[1:]
                message = (
                    f"{word!r} keeps the case ending of the source's {sw!r}; English writes the "
                    f"nominative"
                )
            out.append(NameFinding(m.start(), m.start() + len(word), message, suggestion))
            break
    return out


@lru_cache(maxsize=65536)
def scheme_leftover(src_word: str, mt_word: str) -> str:
    """How ``mt_word`` spells the Cyrillic ``src_word`` with what only a scholarly or French
    scheme writes (an apostrophe for ь/ъ: "Tin'kov", "Kazan'"; a letter with a diacritic: "ï" for
    й, "Sverdlovskoï", "Choïgou"), or, for a Russian word (:func:`_native`), with the letters
    of a foreign scheme where English does not know the result ("Kolomojskij"), as a phrase for
    a message; "" when it does not. A diacritic counts on a Russian word or where it stands for
    й (a French or Lithuanian name may keep its own: Nausėda)."""
    low = src_word.lower()
    if "'" in low or "’" in low:
        return ""
    word = mt_word.replace("’", "'")
    marked = _foreign_letters(word) and (_native(src_word) or "й" in low)
    soft = bool(_SOFT_APOSTROPHE.search(word)) and ("ь" in low or "ъ" in low)
    if marked or soft:
        if not scheme_match(low, _fold_latin(word)):
            return ""
        return "with an apostrophe for the soft sign" if soft else "with a scheme's diacritic"
    # a Russian word in a German, Polish or scholarly scheme's letters, which English does not
    # know ("Kolomojskij", "Omskij", "Wolgograd"; not "Josep", a name English knows)
    latin = _fold_latin(word)
    if (
        "'" not in latin
        and _native(src_word)
        and _zipf(latin, "en") < 1.0
        and scheme_match(low, latin)
        and not scheme_match(low, latin, True)
    ):
        return "in a foreign scheme's letters"
    return ""


# The oblique endings of an adjective-shaped name of any stem (Залужного, Толстому, Горького),
# which no nominative has: a spelling that keeps one is a case ending kept ("Zaluzhnogo")
_OBLIQUE_ADJECTIVE_END = regex.compile(r"\p{L}{3}(?:ого|его|ому|ему)$")


@lru_cache(maxsize=16384)
def oblique_adjective(word: str) -> str | None:
    """The nominative (same gender and number) of an adjective-shaped name that the Russian
    dictionary reads only in an oblique case (Свердловской -> свердловская, Грозовского ->
    грозовский); None for other words, a nominative reading (Тверской, Донской) or without
    pymorphy3."""
    low = word.lower()
    if not (_NAME_ADJECTIVE.search(low) or _OBLIQUE_ADJECTIVE_END.search(low)) or low.endswith(
        ("их", "ых")
    ):
        return None  # -ских/-цких: an indeclinable surname (Успасских), or a plural
    try:
        every = _morph().parse(word)
    except (ImportError, OSError, ValueError):
        return None
    parses = [p for p in every[:6] if "ADJF" in _tags(p)]
    # any nominative reading, however unlikely the dictionary finds it (Тверской бульвар)
    if not parses or any("nomn" in _tags(p) for p in every):
        return None
    # a man's surname (Грозовского) before a neuter place of the same form (Широкого)
    parse = next((p for p in parses if "Surn" in _tags(p) or "masc" in _tags(p)), parses[0])
    form = parse.inflect({"nomn"})
    return form.word if form is not None else None


@lru_cache(maxsize=65536)
def _ending_kept_whole(src_word: str, nominative: str, mt_word: str) -> bool:
    """Whether ``mt_word`` spells the oblique ``src_word`` whole, its case ending kept, and no
    nominative of the same adjective ("Sverdlovskoy", "Grozovskogo"; not "Sverdlovskaya")."""
    latin = _fold_latin(mt_word).replace("'", "")
    low = src_word.lower()
    if _zipf(latin, "en") >= 1.0 or not scheme_match(low, latin):
        return False
    # the ending itself is spelt out: no vowel reduced or "й" dropped ("Bazylianska" for
    # «Базилианьской» may be the Polish nominative)
    adjective = _NAME_ADJECTIVE.search(low)
    end = low[adjective.start() + 2 :] if adjective else low[-3:]
    spelt = [""]
    for ch in end:
        alts = [a for a in LETTER_SPELLINGS.get(ch, (ch,)) if a and not (ch == "о" and a == "a")]
        spelt = [x + a for x in spelt for a in alts]
    if not latin.endswith(tuple(spelt)):
        return False
    try:
        parse = _morph().parse(nominative)[0]
        nominatives = {x.word for x in parse.lexeme if "nomn" in _tags(x)}
    except (ImportError, OSError, ValueError):
        nominatives = {nominative}
    return not any(scheme_match(n, latin) for n in nominatives | {nominative})


# --- a name mangled in a translation, seen without its source ---------------------------------

# Russian case endings as a transliteration keeps them on a name ("Bidenom", "Navalnogo",
# "Erdoganu", "Igorya"), each with how well English must know the name without it (zipf): the
# endings a feminine or Baltic name may have as it is (-a, -u) need a better-known name.
_KEPT_ENDINGS: tuple[tuple[str, float], ...] = (
    ("ogo", 2.5),
    ("ego", 2.5),
    ("omu", 2.5),
    ("emu", 2.5),
    ("om", 2.5),
    ("em", 2.5),
    ("ym", 2.5),
    ("oy", 2.5),
    ("oj", 2.5),
    ("yu", 2.5),
    ("ya", 2.5),
    ("u", 3.0),
    ("a", 3.5),
)


@lru_cache(maxsize=65536)
def unknown_name_garble(word: str, lang: str = "en") -> tuple[str, str] | None:
    """For a capitalised word English text does not know (zipf < 1): (the English spelling it
    garbles, why) when it is a well-known name with a Russian case ending kept ("Bidenom" ->
    Biden, "Erdoganu" -> Erdogan) or a letter-for-letter twin of a word English knows well
    written by another transliteration convention ("Vashington" -> Washington, "Drezden" ->
    Dresden; :func:`english_twin`); else None. Target only: no source is needed."""
    folded = _fold_latin(word).replace("'", "")
    if not word[:1].isupper() or len(folded) < 5 or not folded.isascii():
        return None
    if _zipf(folded, lang) >= 1.0:
        return None
    for end, need in _KEPT_ENDINGS:
        stem = folded[: -len(end)]
        if (
            folded.endswith(end)
            and len(stem) >= 4
            and stem[-1] not in "aeiouy"
            and _zipf(stem, lang) >= need
        ):
            return word[: len(stem)], "keeps a Russian case ending"
    twin = english_twin(folded, lang)
    if twin is not None:
        return twin, "is a transliteration of a name English spells so"
    own = convention_twin(folded, lang)
    if own is not None:
        return own, "spells letter by letter how Russian writes a name English spells so"
    pinyin = palladius_latin(folded)
    if pinyin is not None:
        return pinyin, "spells a Chinese name from its Russian (Palladius) letters"
    m = _OBLIQUE_SURNAME.search(folded)
    if m is not None:
        end = m.group(1) or m.group(2)
        nominative = word[: len(folded) - len(end)] + _OBLIQUE_SURNAME_NOMINATIVE[end]
        return nominative, "keeps a Russian case ending"
    if _FRENCH_TCH.search(folded) and len(folded) == len(word):
        news = _FRENCH_TCH.sub("ch", folded)
        return (
            word[:1] + news[1:] if word[:1].islower() else news[:1].upper() + news[1:],
            "spells ч as the French transliteration does (tch)",
        )
    m = _SCHOLARLY_END.search(folded)
    if m is not None:
        english = "oy" if m.group() == "oj" else "y"
        return (
            word[: len(folded) - len(m.group())] + english,
            "ends as a German or scholarly transliteration of -ий, -ый, -ой does",
        )
    return None


# BGN's Latin spellings read back into Cyrillic, longest first; a word with a letter BGN never
# writes (c, h alone, j, q, w, x) is no BGN spelling
_BGN_BACK = (
    ("shch", "щ"),
    ("dzh", "дж"),
    ("zh", "ж"),
    ("kh", "х"),
    ("ts", "ц"),
    ("ch", "ч"),
    ("sh", "ш"),
    ("ya", "я"),
    ("yu", "ю"),
    ("yo", "ё"),
    ("ye", "е"),
    *((lat, cyr) for cyr, lat in RUSSIAN_BGN.items() if len(lat) == 1 and lat not in "ye"),
)
# How well English text must know a spelling for an unknown word with no source beside it to be
# read as its letter-by-letter Russian rendering (Kishida 2.05 for "Kisida", Scholz 2.3)
_CONVENTION_TWIN_ZIPF = 2.0


def bgn_cyrillic(latin: str) -> tuple[str, ...]:
    """The Cyrillic words a lowercase BGN spelling may render ("kisida" -> кисида; "khavyer" ->
    хавьер; "mayer" -> маер, майер), at most 8; () when BGN writes no such word (a letter it
    never writes: c, h alone, j, q, w, x)."""
    readings = [""]
    i = 0
    while i < len(latin):
        for lat, cyr in _BGN_BACK:  # noqa: B007 - `cyr` is read after the loop breaks
            if latin.startswith(lat, i):
                i += len(lat)
                break
        else:
            ch = latin[i]
            i += 1
            if ch == "y":  # й after a vowel, ы after a consonant
                readings = [r + ("й" if not r or r[-1] in VOWELS else "ы") for r in readings]
                continue
            if ch == "e":
                readings = [r + ("е" if r else "э") for r in readings]
                continue
            return ()
        options = [cyr]
        if cyr in "яюёе" and len(cyr) == 1:
            # after a consonant BGN's "ye" is ье (Хавьер); "ya", "yu", "yo" may be ья, ью, ьё
            # after a vowel, "ye" may be йе (Майер: "mayer")
            options = {
                "е": ["ье"],
                "я": ["я", "ья"],
                "ю": ["ю", "ью"],
                "ё": ["ё", "ьё"],
            }[cyr]
        nxt = []
        for r in readings:
            if not r or r[-1] in VOWELS or r[-1] in "ьъ":
                nxt.extend([r + cyr, r + "й" + cyr] if cyr == "е" and r else [r + cyr])
            else:
                nxt.extend(r + o for o in options)
        readings = nxt[:8]
    return tuple(readings)


@lru_cache(maxsize=65536)
def convention_twin(folded: str, lang: str = "en") -> str | None:
    """For a word English does not know (zipf < 1) that is a BGN spelling, the spelling English
    knows (zipf >= _CONVENTION_TWIN_ZIPF) of the Cyrillic word it renders, read back through
    another language's convention ("kisida" -> Kishida, "pkhenyan" -> Pyongyang); else None.
    Target only: the name Russian wrote is guessed from the MT spelling."""
    if len(folded) < 5 or _zipf(folded, lang) >= 1.0:
        return None
    # not a Russian common word spelt out ("Tsirkon": циркон, a missile's name, which English
    # may also transliterate): only names
    readings = tuple(r for r in bgn_cyrillic(folded) if not _common_word(r))
    # and the nominative a case ending no nominative has leaves ("Kisidoy": Кисидой, Кисида)
    forms = [
        *readings,
        *(
            g
            for r in readings
            if r.endswith(_UNAMBIGUOUS_CASE_ENDINGS + ("ой",))
            for g in _guessed_nominatives(r)
        ),
        # -ем after a hissing consonant is a hard stem's instrumental (Гутерришем: Гутерриш)
        *(r[:-2] for r in readings if r.endswith("ем") and r[-3:-2] in tuple("жшчщц")),
    ]
    pool = [
        c
        for f in dict.fromkeys(forms)
        for c in convention_spellings(f, lang)
        if _zipf(c, lang) >= _CONVENTION_TWIN_ZIPF and _undoes_digraph(folded, c.lower())
    ]
    return _closest_known(pool, folded, lang) if pool else None


@lru_cache(maxsize=16384)
def _common_word(word: str) -> bool:
    """Whether the Russian dictionary knows ``word`` only as a common word, never as a name
    (циркон; not Хиросима, Реджеп). False without pymorphy3."""
    try:
        parses = [p for p in _morph().parse(word)[:4] if p.is_known]
    except (ImportError, OSError, ValueError):
        return False
    return bool(parses) and not any(_PROPER_TAGS & _tags(p) for p in parses)


# BGN's letter pairs for single Russian consonants (х, ж, ц, ш, ч; дз, дж), which a candidate
# read back through another convention must undo
_BGN_DIGRAPHS = ("kh", "zh", "ts", "sh", "ch", "dz")


def _undoes_digraph(latin: str, candidate: str) -> bool:
    """Whether ``candidate`` has fewer of one of BGN's consonant digraphs than ``latin`` (German
    "sch" counts as none): "sholts" -> scholz (ts, sh), "khirosima" -> hiroshima (kh). Without
    the source, only such a spelling is read as a Russian transliteration; an unknown word
    that merely differs by a vowel or a letter (Igora, Fetis, Lyuna) is not."""
    a, b = latin.replace("sch", "S"), candidate.replace("sch", "S")  # lowercase words
    return any(b.count(d) < a.count(d) for d in _BGN_DIGRAPHS)


# ч as the French scheme writes it, where English never has "tch": after a consonant or at the
# start of a word English does not know (Movtchan, Tcherneg; not Fletcher, Mitchell)
_FRENCH_TCH = regex.compile(r"(?<=[^aeiouyt])tch|^tch")
# -ий, -ый, -ой as German, Polish-style or scholarly schemes write them (Dmitrij, Gluhovskij,
# Smolnyj, Tolstoj); English news writes -y, -oy (a vowel before "ij" is another name: Fiji)
_SCHOLARLY_END = regex.compile(r"(?<=[^aeiou])ij$|yj$|oj$")


# The oblique endings of Russian adjective-shaped surnames and places (Navalnogo, Zelenskomu,
# Sverdlovskim) and of -ov/-in surnames (Ivanovym, Petrovoy), which no English word ends in
# after such a stem, with the nominative ending English writes; not -skoy (Donskoy, Trubetskoy
# are nominatives), nor a short -n- stem (Kinogo, a site's name).
_OBLIQUE_SURNAME = regex.compile(
    r"^(?:\p{L}{3,}?(?<=sk)|\p{L}{4,}?(?<=n))(ogo|omu|ym|im)$"
    r"|^\p{L}{3,}?(ovym|evym|inym|ovoy|ovoj|evoy|inoy)$"
)
_OBLIQUE_SURNAME_NOMINATIVE = {
    "ogo": "y",
    "omu": "y",
    "ym": "y",
    "im": "y",
    "ovym": "ov",
    "evym": "ev",
    "inym": "in",
    "ovoy": "ova",
    "ovoj": "ova",
    "evoy": "eva",
    "inoy": "ina",
}


# Clusters that only a Latin spelling of Palladius-written Chinese has (Цзиньпин: Tszinpin,
# Чжао: Chzhao, Czhao); no English or Russian-transliterated word has them.
_PALLADIUS_LATIN_CLUSTER = regex.compile(r"tsz|chzh|czh|cz[iy]")


@lru_cache(maxsize=1)
def _palladius_latin_table() -> dict[str, tuple[str, ...]]:
    """Latin spelling of each Palladius syllable (BGN; ц and ч as c) -> its Pinyin readings (the
    soft sign is lost in Latin: "tszin" is цзинь, jin, or цзин, jing)."""
    table: dict[str, tuple[str, ...]] = {}
    for cyr, pinyin in palladius_table().items():
        bgn = transliterate(cyr)
        for latin in {bgn, bgn.replace("ts", "c"), bgn.replace("ch", "c")}:
            if pinyin not in table.get(latin, ()):
                table[latin] = (*table.get(latin, ()), pinyin)
    return table


@lru_cache(maxsize=16384)
def palladius_latin(word: str, lang: str = "en") -> str | None:
    """The Pinyin spelling of a word that spells a Chinese name from its Russian letters, with a
    cluster only such spellings have ("Tszinpin" -> Jinping, "Czhao" -> Zhao, "Litszyan" ->
    Lijian), the reading English text knows best where the Latin letters allow several; else
    None."""
    low = _fold_latin(word).replace("'", "")
    if not _PALLADIUS_LATIN_CLUSTER.search(low):
        return None
    table = _palladius_latin_table()
    longest = max(map(len, table))
    # fewest syllables first, as palladius_syllables cuts a Cyrillic word
    best: list[tuple[tuple[str, ...], ...] | None] = [()] + [None] * len(low)
    for end in range(1, len(low) + 1):
        for start in range(max(0, end - longest), end):
            head, readings = best[start], table.get(low[start:end])
            if head is None or readings is None:
                continue
            cand = (*head, readings)
            cur = best[end]
            if cur is None or len(cand) < len(cur):
                best[end] = cand
    syllables = best[len(low)]
    if not syllables:
        return None
    options = [""]
    for readings in syllables:
        options = [o + r for o in options for r in readings][:32]
    spelled = max(options, key=lambda o: _zipf(o, lang))  # the first of equals: -n before -ng
    return pinyin_spellings([spelled])[0]


# --- Russian acronyms left transliterated ------------------------------------------------------

# Letter-by-letter spellings of a Cyrillic acronym's letters: BGN/PCGN and the variants MT and
# older schemes write. Kept narrow on purpose (no ц → c, к → c): a wider table spells real
# English acronyms by chance («ЦБ» → "CB").
_ACRONYM_LETTERS: dict[str, tuple[str, ...]] = {
    **{k: (v,) for k, v in RUSSIAN_BGN.items()},
    "е": ("e", "ye"),
    "ё": ("e", "yo"),
    "й": ("y", "i"),
    "х": ("kh", "h"),
    "ц": ("ts", "tz"),
    "щ": ("shch", "sch"),
    "ю": ("yu", "ju", "iu"),
    "я": ("ya", "ja", "ia"),
    "э": ("e",),
}
_RU_ACRONYM = regex.compile(r"(?<![\p{L}\p{M}])[А-ЯЁ]{2,6}(?![\p{L}\p{M}])")
_LATIN_ACRONYM = regex.compile(r"(?<![\p{L}\p{M}])[A-Z][A-Za-z]{1,9}(?![\p{L}\p{M}])")


@lru_cache(maxsize=16384)
def acronym_spellings(acronym: str) -> frozenset[str]:
    """The lowercase letter-by-letter spellings of a Cyrillic acronym («СНГ» → sng; «ЦРУ» →
    tsru, tzru)."""
    out = [""]
    for ch in acronym.lower():
        options = _ACRONYM_LETTERS.get(ch)
        if options is None:
            return frozenset()
        out = [o + v for o in out for v in options][:64]
    return frozenset(o for o in out if o)


@lru_cache(maxsize=16384)
def _abbreviation(word: str) -> bool:
    """Whether the Russian dictionary (pymorphy3) lists ``word`` as an abbreviation: one in wide
    use («ЦРУ», «ОПЕК», «ООН»), of the bodies English news names in its own words, not a
    local body's («УМВД», «ГУФСИН»), which translators often keep letter by letter, nor a
    common word set in capitals (a headline's «ПЛАН»). False without pymorphy3."""
    try:
        parses = _morph().parse(word)[:6]
    except (ImportError, OSError, ValueError):
        return False
    return any(p.is_known and "Abbr" in _tags(p) for p in parses)


@dataclass(frozen=True)
class AcronymFinding:
    """An MT word that spells a Russian acronym of the source letter by letter."""

    start: int
    end: int
    message: str
    suggestion: str | None


def acronym_findings(src: str, mt: str, known_zipf: float = 1.0) -> list[AcronymFinding]:
    """MT words that spell an all-capitals Russian acronym of the source letter by letter
    ("OBSE" for «ОБСЕ», "TsRU" for «ЦРУ») where English text does not know that spelling
    (wordfreq zipf below ``known_zipf``): an acronym of a name English translates (OSCE, CIA)
    left untranslated. Acronyms English writes the Russian way (NATO, FSB, TASS, KGB) are known
    and left alone; so is an MT acronym that is also a common English word ("MID": wordfreq
    knows the word and cannot tell the acronym from it), and an acronym the source or the
    translation explains in brackets.
    No suggestion: neither the dictionary nor the mined lexicon pairs these acronyms with
    English ones (docs/adequacy.md, twelfth round)."""
    sources = [
        (m.group(), acronym_spellings(m.group()))
        for m in _RU_ACRONYM.finditer(src)
        if _abbreviation(m.group()) and not _bracketed(src, m)
    ]
    if not sources:
        return []
    out: list[AcronymFinding] = []
    for m in _LATIN_ACRONYM.finditer(mt):
        word = m.group()
        # two capitals at least: an acronym ("TsRU", "OPEK"), not a capitalised word
        if sum(c.isupper() for c in word) < 2 or _bracketed(mt, m):
            continue
        low = word.lower()
        for acronym, spellings in sources:
            if low not in spellings:
                continue
            if _zipf(low, "en") >= known_zipf:
                break  # English knows the spelling: a Russian acronym English keeps (FSB)
            out.append(
                AcronymFinding(
                    m.start(),
                    m.end(),
                    f"{word!r} spells the source's acronym «{acronym}» letter by letter, a "
                    f"spelling English text does not know: the acronym is left untranslated",
                    None,
                )
            )
            break
    return out


def _bracketed(text: str, m: regex.Match[str]) -> bool:
    """Whether the word ``m`` stands in brackets or right before an opening bracket (an
    acronym given with its expansion: «Молодая гвардия (МГЕР)», "UGRO (Criminal Investigation
    Department)")."""
    before = text[: m.start()].rstrip()
    after = text[m.end() :].lstrip()
    return before.endswith("(") or after.startswith("(")
