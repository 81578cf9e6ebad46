"""Sentence-final punctuation against the source: the source ends a sentence, the translation
stops without a mark (a truncated sentence, or a pipeline that drops the last character).

A headline without a full stop on both sides is no finding, nor is a short source (under
``min_words`` words, as the translation): a headline that a translator rendered without the
source's full stop; a translation ending with any mark
(``.`` ``!`` ``?`` ``…`` ``:`` ``;``, CJK forms), with a symbol, an emoji or a URL is no finding
either: only a translation whose last character, closing quotes and brackets set aside, is a
letter or a digit, while the source's is a sentence-final mark. A source that ends with an
abbreviation («в 2020 г.», «и т.д.») may be a headline that stops there, so it is no evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

# Sentence-final marks in the source (Latin, Cyrillic and CJK writing) and their English form.
FINAL_MARKS = {
    ".": ".",
    "!": "!",
    "?": "?",
    "…": "…",
    "。": ".",
    "！": "!",
    "？": "?",
    "．": ".",
    "‼": "!",
    "⁉": "?",
}
# Closing quotes and brackets that may follow (or precede) the final mark; a mark followed by a
# closing bracket ends a parenthesis («(англ.)»), not the sentence.
QUOTES = "\"'»”’“›」』"
BRACKETS = ")]}）】〕〉》"
CLOSERS = QUOTES + BRACKETS
_LAST_WORD = regex.compile(
    r"[\p{L}\p{M}\p{N}]+(?:[-'’.][\p{L}\p{M}\p{N}]+)*[" + regex.escape(CLOSERS) + r"]*$"
)
# Russian abbreviations a headline may end with (a closed class: units, years, "and so on").
RU_ABBREVIATIONS = frozenset(
    "г гг в вв руб долл тыс млн млрд трлн др пр ст св им ул д см км кг чел коп мин сек англ".split()
)
_ABBREVIATION_END = regex.compile(r"(?<![\p{L}\p{M}.])([\p{L}\p{M}]+(?:\.[\p{L}\p{M}]+)*)\.$")
_URL_END = regex.compile(r"(?:https?://|www\.)\S+$|\S+@\S+\.\S+$")


@dataclass(frozen=True)
class PunctuationFinding:
    start: int
    end: int
    mark: str  # the source's final mark, as English writes it
    message: str
    suggestion: str


def _strip_closers(text: str) -> str:
    return text.rstrip().rstrip(CLOSERS).rstrip()


@lru_cache(maxsize=4096)  # per source: checked against every translation of it
def source_final_mark(src: str) -> str | None:
    """The sentence-final mark the source ends with (closing quotes/brackets allowed either side
    of it), as English writes it; None when it ends otherwise or with an abbreviation's dot."""
    body = src.rstrip().rstrip(QUOTES).rstrip()
    if not body or body[-1] not in FINAL_MARKS:
        return None
    run = body[len(body.rstrip("".join(FINAL_MARKS))) :]
    if "?" in run or "？" in run or "⁉" in run:
        return "?"  # «?..», «?!»
    if "!" in run or "！" in run or "‼" in run:
        return "!"
    if run.endswith(("...", "…")):
        return "…" if run.endswith("…") else "..."
    abbreviation = _ABBREVIATION_END.search(body) if body[-1] == "." else None
    if abbreviation is not None and (
        "." in abbreviation.group(1) or abbreviation.group(1) in RU_ABBREVIATIONS
    ):
        return None
    return FINAL_MARKS[body[-1]]


def _short_source(src: str, min_words: int) -> bool:
    """Whether a source has fewer than ``min_words`` words; a source written without spaces
    (Chinese, Japanese) is never short by this count."""
    n = len(src.split())
    return n < min_words and not (n <= 2 and len(src.strip()) > 12)


def final_punctuation_finding(src: str, mt: str, min_words: int = 10) -> PunctuationFinding | None:
    """A finding when the source ends a sentence with a mark and the translation ends with none,
    both of at least ``min_words`` words: shorter ones read as headlines, which drop the mark, and
    a short source is a headline however freely the translation spells it out («"Вашингтон" рад
    матчам плей-офф.» → "Washington is happy to be playing matches in the playoffs")."""
    # (the translation's last character first: it settles nearly every pair, cheaply)
    body = _strip_closers(mt)
    if not body or not body[-1].isalnum():
        return None  # a mark (any), a symbol or an emoji ends it
    mark = source_final_mark(src)
    if mark is None or len(mt.split()) < min_words or _short_source(src, min_words):
        return None
    if _URL_END.search(body):
        return None
    trimmed = mt.rstrip()
    word = _LAST_WORD.search(trimmed)
    if word is None:
        return None
    text = word.group()
    closers = len(text) - len(text.rstrip(CLOSERS))
    # The mark goes before a closing bracket and after a closing quote only in some styles:
    # suggest it where the source put it relative to its closers.
    src_body = src.rstrip()
    mark_inside = bool(src_body) and src_body[-1] in CLOSERS and closers > 0
    core = text[: len(text) - closers] if closers else text
    suggestion = core + mark + text[len(core) :] if mark_inside else text + mark
    return PunctuationFinding(
        word.start(),
        word.end(),
        mark,
        f"the source ends the sentence with «{mark}», the translation stops without a mark "
        "(truncated?)",
        suggestion,
    )
