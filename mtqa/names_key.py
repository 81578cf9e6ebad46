"""English spellings a name may have had before a Russian round trip romanised it.

A name that reaches English through Russian letters loses distinctions English spelling keeps:
c/k (Makron for Macron), ph/f (Ramafosa), sh/s in Japanese names (Polivanov's Sigeru for
Shigeru), German st/sht and ei/ay (Shtaynmayer for Steinmeier), j/dzh (Dzhayshankar), w/v,
kh/h (Rakhmon), a final h (Nasralla), y/i, doubled letters. ``english_spellings`` walks a
romanised word unit by unit, tries each unit's English spellings, and keeps only paths that are
prefixes of words English text knows, so it returns the known words the romanisation can stand
for. The moves go one way (English → Russian → Latin): a romanisation has no c, w, q or x, so a
word that has them is no romanisation and gets nothing. No list of names: the same table applies
to every word.
"""

from __future__ import annotations

from collections.abc import Callable

# Unit of a Russian-based romanisation → the English spellings it can come from (itself first).
_UNITS: dict[str, tuple[str, ...]] = {
    # vowels and iotated vowels (я, ю, е, ё, й, ы)
    "a": ("a",),
    "e": ("e", "ae"),
    "i": ("i", "y"),
    "o": ("o",),
    "u": ("u", "ou"),
    "y": ("y", "i"),
    "ya": ("ya", "ia"),
    "yu": ("yu", "iu", "u"),
    "ye": ("ye", "ie"),
    "yo": ("yo", "io"),
    "iy": ("iy", "y", "i"),
    "ay": ("ay", "ai", "ei"),
    "ey": ("ey", "ei"),
    "oy": ("oy", "oi"),
    # consonants
    "b": ("b",),
    "d": ("d",),
    "f": ("f", "ph"),
    "g": ("g", "gh"),
    "h": ("h", "kh"),
    "k": ("k", "c", "ck"),
    "ks": ("ks", "x"),
    "kv": ("kv", "qu"),
    "kh": ("kh", "h"),
    "l": ("l",),
    "m": ("m",),
    "n": ("n",),
    "p": ("p",),
    "r": ("r",),
    "s": ("s", "c", "sh"),
    "t": ("t", "th"),
    "v": ("v", "w"),
    "z": ("z", "s"),
    "ts": ("ts", "tz", "z"),
    "ch": ("ch", "tch"),
    "sh": ("sh", "sch", "s"),
    "shch": ("shch",),
    "zh": ("zh", "j"),
    "dz": ("dz", "z"),
    "dzh": ("dzh", "j", "g", "dg"),
    "j": ("j",),
}
_DOUBLED = frozenset("bdfgklmnprstz")  # Russian writes these once where English doubles them
_LONGEST = max(len(u) for u in _UNITS)
_NOT_ROMANISED = frozenset("cwqx")
# Endings of Slavic surnames and places (-ov, -in, -ik, -ts, -enko, -uk, -sky, -ich): a word
# with one is a Russian or Ukrainian name romanised as it should be, whatever English name
# sounds like it (Golts is not Goltz, Kotik not Kotick, Gamov not Gamow).
SLAVIC_ENDINGS = ("ov", "ev", "in", "yn", "ik", "yk", "ok", "ts", "ko", "uk", "ky", "kiy", "ich")
# The possessive surname endings among them (-ov/-ev, -in/-yn: Ivanov, Kalnin), the ones only a
# Russian surname has: the vocabulary check's one-edit name match exempts just these.
POSSESSIVE_SURNAME_ENDINGS = tuple(e for e in SLAVIC_ENDINGS if e[-1] in "vn")


def english_spellings(
    word: str, is_prefix: Callable[[str], bool], is_word: Callable[[str], bool], budget: int = 4000
) -> list[str]:
    """The words (``is_word``) a lower-case Russian-based romanisation ``word`` may spell, the
    word itself excluded; ``is_prefix`` prunes the walk, ``budget`` caps the steps taken."""
    low = word.lower()
    if low.endswith(SLAVIC_ENDINGS) or not is_romanised(low):
        return []
    found: list[str] = []
    steps = 0
    stack: list[tuple[int, str]] = [(0, "")]
    while stack and steps < budget:
        at, spelt = stack.pop()
        steps += 1
        if at == len(low):
            if spelt != low and is_word(spelt):
                found.append(spelt)
            if spelt[-1:] in ("a", "e", "i", "o", "u") and is_word(spelt + "h"):
                found.append(spelt + "h")  # a final h Russian cannot write (Nasrallah)
            continue
        # the longest unit that starts here: "kh" is х, never к + х
        size = next(
            (n for n in range(min(_LONGEST, len(low) - at), 0, -1) if low[at : at + n] in _UNITS),
            0,
        )
        if not size:
            continue  # a letter no romanisation writes
        unit = low[at : at + size]
        soft = low[at + size : at + size + 1] in ("e", "i", "y")
        for english in _UNITS[unit]:
            if english == "c" and soft != (unit == "s"):
                continue  # c is s before e, i, y (Cyril) and k elsewhere (Macron)
            if unit == "ts" and english != "ts" and not at:
                continue  # German z inside a name (Scholz); initial Ts is a Russian word's ц
            options = [english]
            if size == 1 and unit in _DOUBLED and low[at + 1 : at + 2] != unit:
                options.append(english + english)
            for option in options:
                nxt = spelt + option
                if is_prefix(nxt):
                    stack.append((at + size, nxt))
    return sorted(set(found))


def is_romanised(word: str) -> bool:
    """Whether a word can be a Russian-based romanisation: Latin letters without c (outside ch),
    w, q, x, sch or ou."""
    low = word.lower()
    if not low.isalpha() or not low.isascii() or "sch" in low or "ou" in low:
        return False  # German sch, French ou (Puschkin, Poutin): another language's spelling
    return not _NOT_ROMANISED.intersection(low.replace("ch", ""))


def prefixes_of(words: frozenset[str]) -> frozenset[str]:
    """Every prefix of every word (the pruning set of ``english_spellings``)."""
    return frozenset(w[:i] for w in words for i in range(1, len(w) + 1))
