"""Normalising text, splitting paragraphs into sentences, and word tokens with offsets."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import NamedTuple

import regex

# A word: letters/digits with inner apostrophes, hyphens or dots (U.S., long-term, 3.5, don't).
_WORD_RE = regex.compile(r"\p{L}[\p{L}\p{M}\p{N}]*(?:['’\-.][\p{L}\p{M}\p{N}]+)*\.?|\p{N}+(?:[.,:/\-]\p{N}+)*")
_PARAGRAPH_RE = regex.compile(r"\n\s*\n")


class Token(NamedTuple):
    """A word token: its text and code-point offsets (a tuple: cheap to make, safe to share)."""

    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_number(self) -> bool:
        return self.text[:1].isdigit()

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


def normalise(text: str) -> str:
    """NFC-normalise and turn non-breaking and odd spaces into plain spaces (lengths kept)."""
    text = unicodedata.normalize("NFC", text)
    return text.translate(_SPACES)


_SPACES = {ord(c): " " for c in "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000\t"}


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[Token, ...]:
    """Word tokens with code-point offsets; a trailing dot is kept only on abbreviations like U.S.

    Cached: several checks tokenise the same sentence.
    """
    tokens: list[Token] = []
    for m in _WORD_RE.finditer(text):
        word, start = m.group(), m.start()
        if word.endswith(".") and word.count(".") == 1:
            word = word[:-1]
        tokens.append(Token(word, start, start + len(word)))
    return tuple(tokens)


def paragraphs(text: str) -> list[tuple[int, str]]:
    """Blank-line separated paragraphs with their start offsets; single newlines are kept inside."""
    out: list[tuple[int, str]] = []
    pos = 0
    for m in _PARAGRAPH_RE.finditer(text):
        out.append((pos, text[pos : m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return [(start + len(p) - len(p.lstrip()), p.strip()) for start, p in out if p.strip()]


@lru_cache(maxsize=8)
def _segmenter(lang: str):  # type: ignore[no-untyped-def]
    from sentencex import segment

    return lambda text: segment(lang, text)


def split_sentences(text: str, lang: str = "en") -> list[tuple[int, str]]:
    """Split one paragraph into sentences with their start offsets.

    Uses sentencex (Wikimedia's multilingual splitter, abbreviation lists per language), then joins a
    piece that starts with a lower-case letter to the one before it: no sentence starts that way in
    news text, and it undoes splits after abbreviations the list lacks ("т.е. всё").
    """
    pieces: list[tuple[int, str]] = []
    pos = 0
    for raw in _segmenter(lang)(text):
        found = text.find(raw, pos) if raw else -1
        start = found if found >= 0 else pos
        pos = start + len(raw)
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        first = stripped[0]
        if pieces and first.isalpha() and first.islower():
            prev_start, _ = pieces[-1]
            pieces[-1] = (prev_start, text[prev_start : start + lead + len(stripped)])
        else:
            pieces.append((start + lead, stripped))
    if not pieces and text.strip():
        pieces.append((len(text) - len(text.lstrip()), text.strip()))
    return pieces


@lru_cache(maxsize=8192)
def script_of(ch: str) -> str:
    """A coarse script name for one character: latin, cyrillic, cjk, other."""
    name = unicodedata.name(ch, "")
    if name.startswith("LATIN"):
        return "latin"
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    if name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL")):
        return "cjk"
    if name.startswith("GREEK"):
        return "greek"
    if name.startswith("ARABIC"):
        return "arabic"
    return "other"
