"""Set phrases whose Russian side has a preposition inside, keyed by their content words.

The dictionary renders many set phrases by a Russian verb or noun, a preposition and a noun:
"to take into account принимать во внимание", "consider ... принимать во внимание",
"to go on strike объявлять забастовку" has none, but "вступать в силу", "ставить под сомнение"
do. The lexicon's ``phrases`` and ``units`` keep only renderings whose every word is a content
word, so these were lost. Here they are keyed by their two content lemmas ("принимать
внимание") in the lexicon's ``gapped`` map, built with the other maps
(:func:`mtqa.lexicon.lookup.build_maps`), and found in a source sentence as a content word, one
function word and a content word (:func:`source_gapped`), the first word also through its
aspect partner (принял/принимать share their first four letters and the rest of the key).
"""

from __future__ import annotations

import regex

from mtqa.lexicon.lemmas import ru_lemmas
from mtqa.lexicon.lookup import GAPPED_VERB_ENDINGS, Lexicon
from mtqa.text import Token, words

_CYR_WORD = regex.compile(r"\p{Cyrillic}+(?:-\p{Cyrillic}+)*")
# Perfective prefixes: поставить is the perfective of ставить (the dictionary's «ставить под
# сомнение»), a partner the first four letters do not show.
_PERFECTIVE_PREFIXES = ("по", "с", "за", "на", "у", "вы", "про", "о", "от", "при")


# The gap is a preposition (a closed class): not a pronoun («признать себя виновным» → plead
# guilty is no rendering of «признать её виновной») nor the dictionary's placeholders (чей-л.).
_PREPOSITIONS = frozenset(
    [
        "в",
        "во",
        "на",
        "к",
        "ко",
        "с",
        "со",
        "под",
        "подо",
        "из",
        "изо",
        "по",
        "за",
        "о",
        "об",
        "обо",
        "от",
        "ото",
        "до",
        "для",
        "при",
        "над",
        "надо",
        "у",
        "без",
        "безо",
        "через",
        "перед",
        "передо",
        "между",
        "среди",
    ]
)


def _function_word(word: str) -> bool:
    """A Russian function word (a preposition, a particle, a pronoun): some parse says so."""
    return any(lem.pos == "FUNC" for lem in ru_lemmas(word))


def _content_lemmas(word: str, n: int = 2) -> list[str]:
    return list(dict.fromkeys(lem.lemma for lem in ru_lemmas(word) if lem.pos != "FUNC"))[:n]


def gapped_key(ru: str) -> str | None:
    """The key of a Russian rendering that is a content word, a preposition and a content
    word ("принимать во внимание" → "принимать внимание"), or None for any other shape."""
    found = _CYR_WORD.findall(ru)
    if len(found) != 3 or found[1].lower() not in _PREPOSITIONS:
        return None
    first, last = _content_lemmas(found[0], 1), _content_lemmas(found[2], 1)
    if not first or not last or _function_word(found[0]) or _function_word(found[2]):
        return None
    return f"{first[0]} {last[0]}"


def _keys(lexicon: Lexicon, tokens: tuple[Token, ...], i: int) -> list[str]:
    """Keys for source words i, i+1 (a function word), i+2; the first word also as its
    aspect partner when the rest of the key is the same."""
    firsts = _content_lemmas(tokens[i].text)
    lasts = _content_lemmas(tokens[i + 2].text)
    index = lexicon.gapped_verbs
    out: list[str] = []
    for a in firsts:
        partners = [a]
        if len(a) >= 6 and a.endswith(GAPPED_VERB_ENDINGS):
            partners += [v for v in index.get(a[:4], ()) if v != a]
            partners += [
                a[len(p) :]
                for p in _PERFECTIVE_PREFIXES
                if a.startswith(p) and a[len(p) :] in index
            ]
        out.extend(f"{p} {b}" for p in partners for b in lasts)
    return out


def source_gapped(lexicon: Lexicon, src: str) -> tuple[tuple[int, int, str, str], ...]:
    """(start word, 3, key, English) for every gapped set phrase of the lexicon in ``src``: a
    content word, a function word and a content word ("приняли во внимание" → "принимать
    внимание" → take into account, consider); cached per source sentence."""
    cached = lexicon.gapped_cache.get(src)
    if cached is not None:
        return cached  # type: ignore[return-value]
    found: list[tuple[int, int, str, str]] = []
    if len(lexicon.gapped):
        tokens = words(src)
        for i in range(len(tokens) - 2):
            if tokens[i + 1].text.lower().replace("ё", "е") not in _PREPOSITIONS:
                continue
            if _function_word(tokens[i].text) or _function_word(tokens[i + 2].text):
                continue
            for key in _keys(lexicon, tokens, i):
                found.extend((i, 3, key, en) for en in lexicon.gapped.get(key, ()))
    value = tuple(dict.fromkeys(found))
    if len(lexicon.gapped_cache) > 20_000:
        lexicon.gapped_cache.clear()
    lexicon.gapped_cache[src] = value
    return value
