"""Letter case against the source: a translation that starts with a lowercase letter where the
source starts with a capital, or that is written (nearly) all in lowercase where the source
capitalises names.

Both compare like with like: the first *word* of each side, leading quotes, dashes, brackets and
list markers set aside; a side that starts with a digit, a symbol or a word that is not plain
(``iPhone``, ``eBay``, ``twitter.com``, ``e-mail``) is no evidence, and neither is a source that
starts in lowercase itself (a fragment, a forum post). A translation with no capital at all is
one finding on the whole sentence (the source's capitalised words are named), not a second one
on its first word.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

# What may precede a sentence's first word: quotes, dashes, brackets, bullets, list numbers.
_LEAD = regex.compile(
    r"^[\s\p{Pi}\p{Pf}\p{Ps}\p{Pd}\"'«»„“”‘’*•·▪►–—-]*(?:(?:\d{1,2}|[a-zA-Zа-яА-Я])[.)]\s+)?"
    r"[\s\p{Pi}\p{Pf}\p{Ps}\p{Pd}\"'«»„“”‘’*•·▪►–—-]*"
)
_FIRST_TOKEN = regex.compile(r"\S+")
_PLAIN_WORD = regex.compile(r"[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*")
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_QUOTES_BRACKETS = "\"'«»„“”‘’()[]-–— "


@dataclass(frozen=True)
class CaseFinding:
    start: int
    end: int
    kind: str  # "first_lower" or "all_lower"
    message: str
    suggestion: str | None


_TRAILING_PUNCT = regex.compile(r"\p{P}+$")


def first_word(text: str) -> tuple[int, str] | None:
    """(offset, word) of the text's first token after leading quotes, dashes, brackets and list
    markers, when that token is a plain word (letters, inner hyphens or apostrophes, trailing
    punctuation allowed); None when it starts with a digit or a symbol, or mixes in other marks."""
    lead = _LEAD.match(text)
    offset = lead.end() if lead else 0
    token = _FIRST_TOKEN.match(text, offset)
    if token is None:
        return None
    word = _TRAILING_PUNCT.sub("", token.group())
    if not _PLAIN_WORD.fullmatch(word):
        return None  # "5G", "twitter.com", "№5"
    return offset, word


def _lower_start(word: str) -> bool:
    """A word written in lowercase throughout (``iPhone``, ``eBay`` are not)."""
    return word[:1].islower() and not any(c.isupper() for c in word)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def source_names(src: str) -> list[str]:
    """Capitalised source words inside a sentence (not its first word, not after a full stop):
    names, which English capitalises too. Words in capitals (XXI, США) are left out: English may
    spell them out ("twenty-first")."""
    out = []
    for m in _WORD.finditer(src):
        word = m.group()
        if not (_capitalised(word) and any(c.islower() for c in word)):
            continue
        # The last character of src[:start].rstrip().rstrip(_QUOTES_BRACKETS).rstrip(), found by
        # stepping back from the word instead of copying the text before it (linear, not quadratic).
        k = m.start()
        while k and src[k - 1].isspace():
            k -= 1
        while k and src[k - 1] in _QUOTES_BRACKETS:
            k -= 1
        while k and src[k - 1].isspace():
            k -= 1
        if not k or src[k - 1] in ".!?…:;":
            continue
        out.append(word)
    return out


def case_findings(src: str, mt: str, min_letters: int = 15) -> list[CaseFinding]:
    """Case mismatches between a source and its translation (both in scripts with case)."""
    src_first = first_word(src)
    # Whether the translation has a capital (usually its first letter: the scan stops there);
    # only a translation without one needs its letters counted (then all of them are lowercase).
    has_upper = any(c.isupper() for c in mt)
    if not (has_upper or any(c.islower() for c in mt)) or not any(
        c.isupper() or c.islower() for c in src
    ):
        return []  # a script without case on either side
    src_starts_lower = src_first is not None and not _capitalised(src_first[1])
    if not has_upper and sum(1 for c in mt if c.islower()) >= min_letters:
        names = source_names(src)
        if names and not src_starts_lower:
            start = len(mt) - len(mt.lstrip())
            shown = ", ".join(f"«{w}»" for w in dict.fromkeys(names[:3]))
            return [
                CaseFinding(
                    start,
                    len(mt.rstrip()),
                    "all_lower",
                    f"the translation has no capital letter, but the source capitalises {shown}",
                    None,
                )
            ]
    mt_first = first_word(mt)
    if src_first is None or mt_first is None:
        return []
    if not _capitalised(src_first[1]) or not _lower_start(mt_first[1]):
        return []
    offset, word = mt_first
    return [
        CaseFinding(
            offset,
            offset + len(word),
            "first_lower",
            "the translation starts with a lowercase letter; "
            f"the source starts with «{src_first[1]}»",
            word[:1].upper() + word[1:],
        )
    ]
