"""Focus and aspect adverbs against the source: "already" for «ещё не», "only" for «даже».

A handful of adverbs change what a sentence claims: whether something has happened (уже /
ещё не), whether it nearly happened (почти), and how a word is singled out (только, лишь,
всего / даже). They are a closed class on both sides, and a literal slip between them turns a
claim into another one. The translation's adverb is compared with the source's:

===================  ================================  ==========================================
translation says     source says                       (and has none of)
===================  ================================  ==========================================
already              ещё не, пока не (not yet)         уже
already              почти (almost)                    уже
not yet / yet        уже (already)                     ещё не, пока не, ещё, пока
only                 даже (even)                       только, лишь, всего, единственный...
only                 уже (already)                     только, лишь, всего...
even                 только, лишь, всего (only)        даже, ещё, хоть, хотя
===================  ================================  ==========================================

A finding is **major** (the claim flips) and needs the translation to lack the source's own
rendering too ("already" for «ещё не» with no "yet" or "still" anywhere). An adverb the
translation simply leaves out («уже» where English needs no "already", «почти» before a number)
is no finding. The suggestion is the English of the source's adverb.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

_RU_WORD = regex.compile(r"[\p{L}\d]+")
_EN_WORD = regex.compile(r"[A-Za-z]+(?:n't)?")

NOT_YET, ALREADY, ALMOST, ONLY, EVEN = "not yet", "already", "almost", "only", "even"
# The classes a finding is about (the source has one of them, or there is nothing to compare).
_JUDGED = frozenset([NOT_YET, ALREADY, ALMOST, ONLY, EVEN])
# Source classes that only excuse a translation's adverb: «ещё»/«пока» (still, yet), «уже не»
# (no longer), «уже через» (soon), «не только» (not only), «хоть»/«хотя»/«вплоть» (even-like),
# «один» (one: "only one" renders it).
_STILL, _NO_LONGER, _SOON, _NOT_ONLY, _EVEN_LIKE, _ONE = (
    "still",
    "no longer",
    "soon",
    "not only",
    "even-like",
    "one",
)
_RESTRICTIVE = frozenset(["только", "лишь", "исключительно", "единственно", "разве"])
_RU_ONLY_ADJ = regex.compile(r"^единствен\p{L}*$")
# English renderings that stand for a source adverb (any of them in the MT: no finding). For
# «уже» and «даже» only the word itself counts ("already", "even": see focus_findings).
_EN_RENDERS = {
    NOT_YET: frozenset(["yet", "still"]),
    ALMOST: frozenset(["almost", "nearly", "virtually", "practically", "close", "near", "all"]),
    ONLY: frozenset(["only", "just", "merely", "solely", "alone", "exclusively", "sole", "mere"]),
}
# Words after "even" that make it part of something else: "even more", "even if", "even though".
_EVEN_NOT = frozenset(
    "if though so as when before after now then more less further better worse greater higher "
    "lower bigger smaller larger stronger".split()
)


# «всего» is "only" before a count («всего 200», «всего два», «всего лишь», «всего за год»);
# elsewhere it is «всё» ("of the whole world", «больше всего»: most).
_COUNTED = regex.compile(
    r"^(?:\d.*|лишь|за|в|на|через|несколько|пар\p{L}*|половин\p{L}*|треть|четверть|"
    r"од(?:ин|на|но|ни|ного|ной|ном)|дв\p{L}*|тр[иеё]\p{L}*|четыр\p{L}*|пят\p{L}*|шест\p{L}*|"
    r"сем\p{L}*|восем\p{L}*|девят\p{L}*|десят\p{L}*|сто|ста|сотн\p{L}*|тысяч\p{L}*|"
    r"миллион\p{L}*|процент\p{L}*)$"
)
_DETERMINERS = frozenset("not the a an my his her its our their your this that whose".split())


@dataclass(frozen=True)
class FocusFinding:
    start: int
    end: int
    message: str
    suggestion: str | None
    severity: str = "major"


def _russian(src: str) -> tuple[set[str], dict[str, str]]:
    """(the source's adverb classes, the source text of each)."""
    words = [m.group().lower() for m in _RU_WORD.finditer(src)]
    found: set[str] = set()
    text: dict[str, str] = {}
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else ""
        nxt2 = words[i + 2] if i + 2 < len(words) else ""
        prev = words[i - 1] if i else ""
        if w in ("ещё", "еще", "пока"):
            found.add(_STILL)
            if (
                nxt == "не" and nxt2 not in ("раз", "более", "менее", "так", "поздно", "все", "всё")
            ) or (nxt in ("ещё", "еще") and nxt2 == "не"):
                found.add(NOT_YET)
                text.setdefault(NOT_YET, f"{w} не")
        elif w == "уже":
            if nxt in ("не", "нет", "никто", "ничего", "никогда", "чем"):
                found.add(_NO_LONGER)  # «уже не»: no longer; «уже, чем»: narrower
                continue
            found.add(ALREADY)
            if nxt in ("через", "спустя", "после"):
                found.add(_SOON)  # «уже через неделю»: "only a week later" renders it
            text.setdefault(ALREADY, w)
        elif w == "почти":
            found.add(ALMOST)
            text.setdefault(ALMOST, w)
        elif w == "даже":
            found.add(EVEN)
            text.setdefault(EVEN, w)
        elif (
            w in _RESTRICTIVE
            or _RU_ONLY_ADJ.match(w)
            or (w == "всего" and _COUNTED.match(nxt) is not None)
        ):
            if w in ("только", "лишь") and prev == "не":
                found.add(_NOT_ONLY)
            found.add(ONLY)
            text.setdefault(ONLY, w)
        elif w in ("хоть", "хотя", "вплоть"):
            found.add(_EVEN_LIKE)
        elif w in ("один", "одна", "одно", "одни"):
            found.add(_ONE)
    return found, text


def focus_findings(src: str, mt: str) -> list[FocusFinding]:
    """Focus and aspect adverbs of the translation that contradict the source's (ru → en)."""
    if not src.strip() or not mt.strip():
        return []
    ru, ru_text = _russian(src)
    if not ru & _JUDGED:
        return []
    words = list(_EN_WORD.finditer(mt))
    low = [m.group().lower() for m in words]
    en = set(low)
    out: list[FocusFinding] = []

    def add(m: regex.Match[str], end: int, said: str, source_class: str) -> None:
        suggestion = source_class  # the class is named by its English ("not yet", "even")
        out.append(
            FocusFinding(
                m.start(),
                end,
                f"'{mt[m.start() : end]}' changes the claim: the source has «{ru_text[source_class]}»"
                f" ({said})",
                suggestion.capitalize() if m.group()[:1].isupper() else suggestion,
            )
        )

    for i, m in enumerate(words):
        w = low[i]
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < len(low) else ""
        if w == "already" and prev not in ("not", "n't") and not prev.endswith("n't"):
            if NOT_YET in ru and ALREADY not in ru and not en & _EN_RENDERS[NOT_YET]:
                add(m, m.end(), "not yet", NOT_YET)
            elif ALMOST in ru and ALREADY not in ru and not en & _EN_RENDERS[ALMOST]:
                add(m, m.end(), "almost", ALMOST)
        elif w == "yet" and (prev in ("not", "never") or prev.endswith("n't")):
            if ALREADY in ru and not ru & {NOT_YET, _STILL, _NO_LONGER} and "already" not in en:
                start = words[i - 1]
                add(start, m.end(), "already", ALREADY)
        elif (
            w == "only"
            and prev not in _DETERMINERS  # "the only woman" (an adjective), "not only"
            and nxt not in ("if", "when", "after", "then", "because")
        ):
            if ONLY in ru or _ONE in ru:
                continue
            if EVEN in ru and "even" not in en:
                add(m, m.end(), "even", EVEN)
            elif ALREADY in ru and _SOON not in ru and "already" not in en:
                add(m, m.end(), "already", ALREADY)
        elif (
            w == "even"
            and nxt not in _EVEN_NOT
            and ONLY in ru
            and not ru & {EVEN, _STILL, _EVEN_LIKE, _NOT_ONLY}
            and not en & _EN_RENDERS[ONLY]
        ):
            add(m, m.end(), "only", ONLY)
    return out
