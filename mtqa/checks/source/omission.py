"""Omissions the source proves: a source name the translation does not render anywhere.

A Russian proper name (a person, a place, or an organisation the dictionary can translate) is
*missing* when nothing in the translation renders it:

* no word is one of its candidate spellings (:mod:`mtqa.checks.source.names`: several
  transliteration schemes, nominative forms, Pinyin) or close to one (a misspelling is the name
  check's business, not an omission);
* no word is one of its dictionary renderings (:mod:`mtqa.lexicon`: «Кремль» → Kremlin,
  «Минобороны» → defence) or derived from one (Russia → Russian);
* no other word of the same person's name (a run of first names and surnames) is rendered: a translator who keeps
  the surname may drop the first name («Фаддея Беллинсгаузена» → "Bellingshausen"), patronymic
  or a part of a Korean name;
* and the translation has no capitalised word of its own that renders no source word and starts
  with a sound of the name's first letter: English writes many names in forms no transliteration
  reaches but mostly keeps their first sound (Швеция → Sweden, Людовик → Louis, Пий → Pius,
  Георгий → George), so such a word may be the name's rendering. A place English names by a
  translation (Приднестровье → Transnistria) is the price of this.

Sentence-initial words (any word may start a sentence), all-caps abbreviations (РФ → Russia),
patronymics, Palladius-written Chinese names, parts of hyphenated names, capitalised common words
(Кубок, Северного), organisations the dictionary cannot translate and short sources (under eight
words: headlines) are never judged; frequent names (Москва, Россия) only when they are persons
(Путин), since translators freely write "the capital" or "the country".

Where the name should have been is unknown, so the finding points at the English word linked to
the source word nearest the name (the name's aligned neighbour: «заявил глава МИД Сергей Лавров»
→ "minister" in "the foreign minister said"), or at the whole sentence when no neighbour is
linked. The message names the source name and its usual English spelling.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import regex

from mtqa.checks.source.names import (
    _PATRONYMIC,
    _morph,
    _sentence_initial,
    name_candidates,
    name_similarity,
    source_names,
)
from mtqa.text import script_of

if TYPE_CHECKING:
    from mtqa.lexicon.align import Alignment
    from mtqa.lexicon.lookup import Lexicon

_WORD = regex.compile(r"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")
# The Latin letters an English form of a name may start with, by the Russian first letter: English
# exonyms and first names mostly keep the first sound (Швеция/Sweden, Людовик/Louis, Пий/Pius,
# Георгий/George, Китай/China).
_FIRST_SOUNDS = {
    "а": "a", "б": "b", "в": "vwb", "г": "ghj", "д": "djg", "е": "eyj", "ё": "yje", "ж": "jgz",
    "з": "zs", "и": "iyej", "й": "yji", "к": "kcq", "л": "l", "м": "m", "н": "n", "о": "oa",
    "п": "p", "р": "r", "с": "scz", "т": "t", "у": "uwo", "ф": "fpt", "х": "hkcjg", "ц": "ctzs",
    "ч": "ct", "ш": "s", "щ": "s", "э": "eaih", "ю": "yju", "я": "yjia",
}  # fmt: skip


@dataclass(frozen=True)
class MissingName:
    """A source name no translation word renders: ``start``..``end`` in the translation is
    where it probably belonged (its aligned neighbour, or the whole sentence), ``spelling`` its
    best transliteration (the spelling English text knows best among the candidates)."""

    name: str
    spelling: str
    start: int
    end: int
    anchored: bool  # the span is an aligned neighbour, not the whole sentence


@lru_cache(maxsize=65536)
def name_kind(word: str) -> str | None:
    """ "person" for a word the Russian dictionary reads as a first name or surname, "place",
    "org" for an organisation, "foreign" for a word it does not know at all (a foreign name),
    None for a common word written with a capital (Кубок, Северного) or a patronymic."""
    try:
        parses = _morph().parse(word)[:3]
    except (ImportError, OSError, ValueError):  # pymorphy3 is optional: judge nothing
        return None
    tags = [set(str(p.tag).replace(" ", ",").split(",")) for p in parses]
    if any("Patr" in t for t in tags):
        return None
    if any({"Name", "Surn"} & t for t in tags):
        return "person"
    if any("Geox" in t for t in tags):
        # A region named by its position (За-полярь-е, При-днестровь-е, Под-московь-е): English
        # translates it (the Arctic, Transnistria, the Moscow Region) rather than spelling it.
        if any(p.normal_form.endswith("ье") for p in parses if "Geox" in p.tag):
            return None
        return "place"
    if any("Orgn" in t for t in tags):
        return "org"
    if not any(p.is_known for p in parses):
        return "foreign"
    return None


def _derived_form(rendering: str, word: str) -> bool:
    """Whether the English ``word`` is ``rendering`` or derived from it (Russia/Russian,
    Kremlin/Kremlin's, defence/defense)."""
    r, w = rendering.lower(), word.lower()
    if r == w:
        return True
    n = max(4, len(r) - 2)
    return len(r) >= 4 and w[:n] == r[:n]


def missing_names(
    src: str,
    mt: str,
    lexicon: Callable[[], Lexicon] | None = None,
    *,
    common_zipf: float = 4.5,
    min_src_words: int = 8,
    similar: float = 0.7,
) -> list[MissingName]:
    """Source names (Russian source) that the translation ``mt`` does not render; see the module
    doc. ``lexicon`` is called only when some name has no spelling in the translation."""
    if sum(1 for _ in _WORD.finditer(src)) < min_src_words:
        return []  # a headline: translators shorten them freely
    names = source_names(src, "ru", common_zipf)
    mt_words = list(_WORD.finditer(mt))
    if not names or not mt_words:
        return []
    spans = _name_spans(src)
    # English writes names capitalised: only capitalised words may spell one ("Тарту" is not
    # "that"), unless the translation has lost its capitals.
    caps = [m for m in mt_words if m.group()[:1].isupper()]
    spell_words = caps if len(caps) > 1 else mt_words
    runs = _person_runs(src, [spans[n.text] for n in names if n.text in spans])
    judged: list[tuple[int, str, str]] = []  # (source offset, word, kind)
    rendered_runs: set[int] = set()
    claimed: set[int] = set()  # MT word starts that render some source name
    pending: list[tuple[int, str, str, int]] = []
    for name in names:
        if name.chinese or name.whole or not any(script_of(c) == "cyrillic" for c in name.text):
            continue
        start = spans.get(name.text)
        if start is None:
            continue
        run = runs.get(start, start)
        kind = name_kind(name.text)
        found = _spelled(name.text, spell_words, similar, claimed)
        if found:
            rendered_runs.add(run)
            continue
        initial = _sentence_initial(src, start)
        if (
            kind is None
            or not (name.required or (name.frequent and kind == "person"))
            or initial
            or sum(c.isupper() for c in name.text) > 1  # РФ, ЦАХАЛа, ЕдРо: abbreviations
            or _PATRONYMIC.search(name.text.lower())
        ):
            continue
        pending.append((start, name.text, kind, run))
    if not pending:
        return []
    lex = lexicon() if lexicon is not None else None
    al = None
    if lex is not None:
        from mtqa.lexicon.align import align

        al = align(lex, src, mt)
    for start, word, kind, run in pending:
        # A person's name is rendered by its spelling, or by an aligned word with its first
        # sound: the mined lexicon links frequent names to the words around them (Шойгу →
        # defence), not only to their English forms (Афина → Athens).
        person = kind == "person"
        if not person and lex is not None and _translated(lex, word, mt_words, claimed):
            rendered_runs.add(run)
            continue
        if al is not None and _aligned(al, word, claimed, person):
            rendered_runs.add(run)
            continue
        if kind == "org":
            continue  # organisations are judged only through their dictionary renderings
        judged.append((start, word, kind))
    missing = [(s, w, k) for s, w, k in judged if runs.get(s, s) not in rendered_runs]
    if not missing:
        return []
    # A capitalised English word that renders no source word may be a missing name's own English
    # form (Людовик/Louis, Швеция/Sweden): see _may_render. A place English names by a
    # translation (Приднестровье/Transnistria) is the price of this.
    in_source = {m.group().lower() for m in _WORD.finditer(src) if m.group().isascii()}
    english = _english_words(lex) if lex is not None else {}
    free = [
        f
        for f in _unexplained_capitals(mt, mt_words, claimed, al, english)
        if f.word not in in_source
    ]
    missing = [(s, w, k) for s, w, k in missing if not any(_may_render(f, w) for f in free)]
    # One finding per name: a person's run of names together, a repeated name once.
    groups: dict[str, list[tuple[int, str]]] = {}
    first_of_run: dict[int, str] = {}
    for s, w, _ in sorted(missing):
        key = first_of_run.setdefault(runs.get(s, s), w)
        if w not in {x for _, x in groups.get(key, [])}:
            groups.setdefault(key, []).append((s, w))
    out = []
    for parts in groups.values():
        s0, last = parts[0][0], parts[-1]
        text = src[s0 : last[0] + len(last[1])] if len(parts) > 1 else parts[0][1]
        spelling = " ".join(name_candidates(w).best() for _, w in parts)
        start, end, anchored = _anchor(src, mt, s0, al, last[0])
        out.append(MissingName(text, spelling, start, end, anchored))
    return out


def _name_spans(src: str) -> dict[str, int]:
    """First source offset of each word."""
    out: dict[str, int] = {}
    for m in _WORD.finditer(src):
        out.setdefault(m.group(), m.start())
    return out


def _person_runs(src: str, starts: list[int]) -> dict[int, int]:
    """For each source name word of a person's name: where the name begins. A name starts with a
    word read as a first name or surname (or an unknown, foreign word) and goes on over the name
    words joined to it by spaces or hyphens ("Сергей Лавров", "Стивен Мнучин", "Ким Чен Ын";
    not "МИД России Сергей Лавров", whose «России» comes first)."""
    out: dict[int, int] = {}
    prev_start, prev_end = -1, -1
    for start in sorted(set(starts)):
        m = _WORD.match(src, start)
        if m is None:
            continue
        gap = src[prev_end:start] if prev_end >= 0 else "x"
        joined = bool(gap) and all(c in " -\u00a0" for c in gap) and prev_start in out
        if joined:  # any name word after a person's name is part of it (Ким Чен Ын)
            out[start] = out[prev_start]
        elif name_kind(m.group()) in ("person", "foreign"):
            out[start] = start
        prev_start, prev_end = start, m.end()
    return out


def _spelled(
    word: str, mt_words: list[regex.Match[str]], similar: float, claimed: set[int]
) -> bool:
    cands = name_candidates(word)
    hit = False
    for m in mt_words:
        w = m.group()
        if cands.rendered_by(w) or name_similarity(word, w, similar) >= similar:
            claimed.add(m.start())
            hit = True
    return hit


def _translated(
    lex: Lexicon, word: str, mt_words: list[regex.Match[str]], claimed: set[int]
) -> bool:
    hit = False
    for rendering in lex.src_candidates(word):
        # every word of the rendering ("European Union"), or a word derived from it (Russian)
        parts = rendering.split()
        found = [[m for m in mt_words if _derived_form(p, m.group())] for p in parts]
        if all(found):
            claimed.update(m.start() for ms in found for m in ms)
            hit = True
    return hit


def _aligned(al: Alignment, word: str, claimed: set[int], first_sound: bool) -> bool:
    """Whether the aligner links the name, or a source word of the name's family (Ливаном /
    ливанского → Lebanon) to a capitalised word, to some translation word (with ``first_sound``,
    only to one that starts with a sound of the name's first letter)."""
    low = word.lower()
    sounds = _FIRST_SOUNDS.get(low[:1], "")
    hit = False
    for i, t in enumerate(al.src):
        tl = t.text.lower()
        if tl == low:
            partners = al.src_partners[i]
        elif len(low) >= 5 and len(tl) >= 5 and tl[:5] in low:
            partners = tuple(j for j in al.src_partners[i] if al.mt[j].text[:1].isupper())
        else:
            continue
        if first_sound:
            partners = tuple(j for j in partners if al.mt[j].text[:1].lower() in sounds)
        for j in partners:
            claimed.add(al.mt[j].start)
            hit = True
    return hit


@dataclass(frozen=True)
class _Free:
    """An unexplained capitalised translation word: lowercased; the first letters of the Russian
    words the lexicon renders by it (None: the lexicon does not know it); whether it opens a
    sentence or stands beside another capitalised word the lexicon knows (a title: "Health
    Ministry", "Black Sea Fleet")."""

    word: str
    family: frozenset[str] | None
    initial: bool
    titled: bool


def _may_render(free: _Free, name: str) -> bool:
    """Whether an unexplained capitalised English word may render the source name: a word the
    lexicon knows when it renders a word of the name's family (Tithes ← десятина for
    Десятинная), or stands alone mid-sentence (Walker, Wales); any other word; in both cases
    but the first only when it starts with a sound of the name's first letter."""
    if free.family is not None and name[:3].lower() in free.family:
        return True
    if free.word[:1] not in _FIRST_SOUNDS.get(name[:1].lower(), ""):
        return False
    return free.family is None or not (free.initial or free.titled)


_ENGLISH: dict[int, dict[str, frozenset[str]]] = {}


def _english_words(lex: Lexicon) -> dict[str, frozenset[str]]:
    """Every English word the lexicon renders some Russian word by, with the first three letters
    of those Russian words; built once per lexicon."""
    key = id(lex)
    if key not in _ENGLISH:
        table: dict[str, set[str]] = {}
        for ru in lex.links:
            for en in lex.links.get(ru):
                table.setdefault(en, set()).add(ru[:3])
        _ENGLISH.clear()
        _ENGLISH[key] = {en: frozenset(v) for en, v in table.items()}
    return _ENGLISH[key]


def _unexplained_capitals(
    mt: str,
    mt_words: list[regex.Match[str]],
    claimed: set[int],
    al: Alignment | None,
    english: dict[str, frozenset[str]],
) -> list[_Free]:
    """Capitalised translation words that render no source name and link to no source word:
    each may be an English form of a missing name (a sentence's first word too, unless it is a
    function word: "Turkish Ministry ...")."""
    from mtqa.lexicon.lemmas import EN_FUNCTION_WORDS, en_lemma_set

    links: set[int] = set()
    if al is not None:
        links = {al.mt[j].start for j in range(len(al.mt)) if al.mt_partners[j]}

    def family(word: str) -> frozenset[str] | None:
        known = [english[lem] for lem in {word, *en_lemma_set(word)} if lem in english]
        return frozenset().union(*known) if known else None

    caps = [m for m in mt_words if m.group()[:1].isupper()]
    families = {m.start(): family(m.group().lower()) for m in caps}
    out = []
    for k, m in enumerate(caps):
        w = m.group().lower()
        if m.start() in claimed or m.start() in links or w in EN_FUNCTION_WORDS:
            continue
        titled = any(
            0 <= n < len(caps)
            and families[caps[n].start()] is not None
            and caps[n].start() not in claimed  # a name's rendering is no title (Samara Weaving)
            and not mt[min(m.end(), caps[n].end()) : max(m.start(), caps[n].start())].strip(" -")
            for n in (k - 1, k + 1)
        )
        out.append(_Free(w, families[m.start()], _sentence_initial(mt, m.start()), titled))
    return out


def _anchor(
    source: str, mt: str, start: int, al: Alignment | None, last: int | None = None
) -> tuple[int, int, bool]:
    """The translation word linked to the source word nearest the name at source offsets
    ``start``..``last`` (within three words either side), else the whole translation."""
    whole_start = len(mt) - len(mt.lstrip())
    whole = (whole_start, len(mt.rstrip()), False)
    if al is None:
        return whole
    idx = next((i for i, t in enumerate(al.src) if t.start == start), None)
    end_idx = next((i for i, t in enumerate(al.src) if t.start == (last or start)), idx)
    if idx is None or end_idx is None:
        return whole
    src_text = al.src
    # Russian news puts a title before the name («глава МИД Сергей Лавров»): left first, and
    # never across a punctuation mark (the next clause is another phrase).
    for d in (-1, 1, -2, 2, -3, 3):
        i = end_idx + d if d > 0 else idx + d
        if not 0 <= i < len(al.src):
            continue
        lo, hi = (
            (src_text[i].end, src_text[idx].start)
            if d < 0
            else (
                src_text[end_idx].end,
                src_text[i].start,
            )
        )
        if any(c in '.,;:!?()«»"' for c in source[lo:hi]):
            continue
        if al.src_content[i] and al.src_partners[i]:
            j = min(al.src_partners[i], key=lambda j: abs(j - i * len(al.mt) / len(al.src)))
            t = al.mt[j]
            return t.start, t.end, True
    return whole


def omission_message(m: MissingName) -> str:
    """What a finding says: the source name, its usual spelling, and where it belonged."""
    where = "near here" if m.anchored else "anywhere"
    return (
        f"source name «{m.name}» ({m.spelling}) has no rendering {where} in the translation "
        f"(omitted?)"
    )
