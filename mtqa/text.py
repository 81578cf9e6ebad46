"""Normalising text, splitting paragraphs into sentences, and word tokens with offsets."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import NamedTuple

import regex

# Re-exported for callers that read it from here (the word aligner); defined in mtqa.translit.
from mtqa.translit import RUSSIAN_BGN  # noqa: F401

# A word: letters/digits with inner apostrophes, hyphens or dots (U.S., long-term, 3.5, don't).
_WORD_RE = regex.compile(
    r"\p{L}[\p{L}\p{M}\p{N}]*(?:['’\-.][\p{L}\p{M}\p{N}]+)*\.?|\p{N}+(?:[.,:/\-]\p{N}+)*"
)
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
        tokens.append(_new_tuple(Token, (word, start, start + len(word))))
    return tuple(tokens)


# Token(a, b, c) is tuple.__new__(Token, (a, b, c)) behind a Python-level __new__: calling it
# directly makes the same object without that frame (words() makes millions of tokens).
_new_tuple = tuple.__new__


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
def _segmenter(lang: str) -> Callable[[str], Iterable[str]]:
    from sentencex import segment

    return lambda text: segment(lang, text)


# A line ending in one of these ends a sentence (the splitter decides); quotes and brackets may follow.
_FINAL = regex.compile(r"[.!?…:;][\"'”’»)\]]*$")
# A line ending in one of these continues on the next line (a wrapped sentence).
_CONTINUES = regex.compile(r"[,(\-–—/&+]$")
# Words a wrapped line can end on but a heading does not (English and Russian).
_FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for from with and or but nor as than that which who whose whom "
    "his her its their our your my this these those is are was were be been has have had will "
    "would can could should may might not no into onto over under about after before between "
    "в во и на с со по для о об к ко из у за от до не что а но или как при без над под".split()
)
# Lowercase words a title-cased heading keeps lowercase.
_TITLE_SMALL = frozenset(
    "a an the of to in on at by for from with and or but nor as vs via".split()
)
_BYLINE = regex.compile(r"^(?:By|From|Автор|Авторы)\s+\p{Lu}")
# MOSCOW, March 14 / WASHINGTON (Reuters) / МОСКВА, 14 марта
_DATELINE = regex.compile(r"^\p{Lu}[\p{Lu}\-' .]{2,}(?:,|\s\()")


def _is_title_cased(words: list[str]) -> bool:
    rest = [w for w in words[1:] if w.lower() not in _TITLE_SMALL]
    return all(w[:1].isupper() or not w[:1].isalpha() for w in rest)


def heading_break(
    line: str, next_line: str, widest: int, after_break: bool, lines_in_paragraph: int = 2
) -> bool:
    """Whether ``line`` (no final punctuation) is a heading, dateline or byline of its own,
    rather than the first part of a sentence wrapped onto ``next_line``.

    ``widest`` is the paragraph's longest line (wrapped lines come near it; headings are short);
    ``after_break`` says the line starts a block (first line, or the line before ended a sentence);
    ``lines_in_paragraph`` tells a wrapped paragraph (three lines or more) from a heading + text.
    """
    line, next_line = line.strip(), next_line.strip()
    if not line or not next_line or _FINAL.search(line) or _CONTINUES.search(line):
        return False
    first = next_line[0]
    if not (first.isupper() or first.isdigit() or first in "\"'“‘«(—–-"):
        return False  # a sentence goes on in lower case
    words = line.split()
    if len(words) > 12 or not words[0][:1].isupper():
        return False
    if words[-1].lower().strip("\"'”’»") in _FUNCTION_WORDS:
        return False
    letters = [c for c in line if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True  # MOSCOW, SECTION HEADINGS
    if _BYLINE.match(line) and len(words) <= 6:
        return True
    if _DATELINE.match(line) and len(words) <= 8:
        return True
    short = len(line) < 0.6 * widest
    if len(line) >= 0.75 * widest and lines_in_paragraph >= 3:
        return False  # as long as the wrapped lines around it: wrapping, not a heading
    if _is_title_cased(words) and (short or after_break):
        return True
    return short and after_break


def _blocks(text: str) -> list[tuple[int, str]]:
    """``text`` cut after each heading-like line; other line breaks stay inside the blocks."""
    lines = text.split("\n")
    if len(lines) == 1:
        return [(0, text)]
    widest = max(len(line.strip()) for line in lines)
    out: list[tuple[int, str]] = []
    block_start = pos = 0
    after_break = True
    for i, line in enumerate(lines[:-1]):
        end = pos + len(line)
        if heading_break(line, lines[i + 1], widest, after_break, len(lines)):
            out.append((block_start, text[block_start:end]))
            block_start = end + 1
            after_break = True
        else:
            after_break = bool(_FINAL.search(line.strip()))
        pos = end + 1
    out.append((block_start, text[block_start:]))
    return [(start, block) for start, block in out if block.strip()]


def split_sentences(text: str, lang: str = "en") -> list[tuple[int, str]]:
    """Split one paragraph into sentences with their start offsets.

    A line that looks like a heading, dateline or byline (no final punctuation, short or
    title-cased, followed by a capital) is a segment of its own; other line breaks are wrapping.
    Each block is split with sentencex (Wikimedia's multilingual splitter, abbreviation lists per
    language), then a piece that starts with a lower-case letter is joined to the one before it:
    no sentence starts that way in news text, and it undoes splits after abbreviations the list
    lacks ("т.е. всё"); so is a piece that starts with an initial right after one that ends
    with an initial ("O." | "K., this is").
    """
    pieces: list[tuple[int, str]] = []
    for block_start, block in _blocks(text):
        pieces += [(block_start + off, s) for off, s in _split_block(block, lang)]
    return pieces


# A split between two initials ("O." | "K., this is...", "U." | "N. officials"): one abbreviation.
_LONE_INITIAL_END = regex.compile(r"(?:^|[^\p{L}.])\p{Lu}\.$")
_INITIAL_START = regex.compile(r"\p{Lu}\.")


def _split_block(text: str, lang: str) -> list[tuple[int, str]]:
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
        if pieces and (
            (first.isalpha() and first.islower())
            or (_LONE_INITIAL_END.search(pieces[-1][1]) and _INITIAL_START.match(stripped))
        ):
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
