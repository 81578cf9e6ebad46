"""Number qualifiers against the source: "more than 13" for «ещё 13», "less than" for «более».

A number can match its source and still say something else: the words in front of it change
what it claims. Literal MT misreads them: «ещё 13 пациентов» (another 13) becomes "more than 13
patients", «до 30» (up to) becomes "over 30". Both sides have a small closed class of such
qualifiers, so each number that appears once on each side (matched by value, as the numbers rule
matches them) is compared by the class of the words right before it:

=============  ==========================================  =========================================
class          English                                     Russian
=============  ==========================================  =========================================
more           more than, over, above, at least, upwards   более, больше, свыше, сверх, выше,
               of, in excess of, no fewer/less than,       старше, не менее/меньше, по меньшей
               exceeding, N or more                        мере, как минимум, минимум
less           less/fewer than, under, below, up to, at    менее, меньше, не более/больше, до,
               most, no more than, a maximum of            младше, моложе, ниже, максимум
about          about, around, roughly, approximately,      около, примерно, приблизительно,
               some, nearly, almost, close to, N or so     порядка, почти, где-то, чуть ли не
another        another, an additional, a further,          ещё, еще, дополнительно, дополнительных
               additional, further, N more
=============  ==========================================  =========================================

Findings:

* **contradicted** (major): "more" against the source's "less" or the other way round, or a
  comparative or an approximation where the source says "another" (the real garble this rule was
  written for: «ещё 13» → "more than 13");
* **added** (minor): "more"/"less" where the source's number has no qualifier at all;
* **dropped** (minor): the source's "more", "less" or "another" with nothing in English.

"about" is judged only against "another": an approximation added or dropped is a loose rendering,
not an error. Ranges ("from 5 to 10", «от 5 до 10», "5-10"), years, times and dates are left out
("up to 2025" is not a quantity), and so is "over" before a span of time ("over 5 years" renders
«за 5 лет»).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from mtqa.checks.source.numbers import Item, one_to_one, quantities

MORE, LESS, ABOUT, ANOTHER = "more", "less", "about", "another"
# «до» is "up to" and "to" alike («вырос до 25»: rose to 25): it only contradicts "more".
TO = "to"

# (words before the number, class): the longest phrase that ends right before the number wins.
_EN_BEFORE: tuple[tuple[tuple[str, ...], str], ...] = (
    (("no", "higher", "than"), LESS),
    (("not", "higher", "than"), LESS),
    (("no", "lower", "than"), MORE),
    (("not", "lower", "than"), MORE),
    (("no", "more", "than"), LESS),
    (("not", "more", "than"), LESS),
    (("no", "fewer", "than"), MORE),
    (("no", "less", "than"), MORE),
    (("not", "less", "than"), MORE),
    (("in", "excess", "of"), MORE),
    (("a", "maximum", "of"), LESS),
    (("an", "estimated"), ABOUT),
    (("more", "than"), MORE),
    (("greater", "than"), MORE),
    (("upwards", "of"), MORE),
    (("at", "least"), MORE),
    (("less", "than"), LESS),
    (("fewer", "than"), LESS),
    (("up", "to"), LESS),
    (("at", "most"), LESS),
    (("close", "to"), ABOUT),
    (("an", "additional"), ANOTHER),
    (("a", "further"), ANOTHER),
    (("over",), MORE),
    (("above",), MORE),
    (("exceeding",), MORE),
    (("under",), LESS),
    (("below",), LESS),
    (("about",), ABOUT),
    (("around",), ABOUT),
    (("roughly",), ABOUT),
    (("approximately",), ABOUT),
    (("some",), ABOUT),
    (("nearly",), ABOUT),
    (("almost",), ABOUT),
    (("circa",), ABOUT),
    (("another",), ANOTHER),
    (("additional",), ANOTHER),
    (("further",), ANOTHER),
)
_RU_BEFORE: tuple[tuple[tuple[str, ...], str], ...] = (
    (("не", "менее"), MORE),
    (("не", "меньше"), MORE),
    (("по", "меньшей", "мере"), MORE),
    (("как", "минимум"), MORE),
    (("не", "выше"), LESS),
    (("не", "свыше"), LESS),
    (("не", "старше"), LESS),
    (("не", "ниже"), MORE),
    (("не", "младше"), MORE),
    (("не", "более"), LESS),
    (("не", "больше"), LESS),
    (("как", "максимум"), LESS),
    (("чуть", "ли", "не"), ABOUT),
    (("где", "то"), ABOUT),
    (("более",), MORE),
    (("больше",), MORE),
    (("свыше",), MORE),
    (("сверх",), MORE),
    (("выше",), MORE),
    (("старше",), MORE),
    (("минимум",), MORE),
    (("менее",), LESS),
    (("меньше",), LESS),
    (("до",), TO),
    (("младше",), LESS),
    (("моложе",), LESS),
    (("ниже",), LESS),
    (("максимум",), LESS),
    (("около",), ABOUT),
    (("примерно",), ABOUT),
    (("приблизительно",), ABOUT),
    (("порядка",), ABOUT),
    (("почти",), ABOUT),
    (("ещё",), ANOTHER),
    (("еще",), ANOTHER),
    (("дополнительно",), ANOTHER),
)
_WORD = regex.compile(r"[\p{L}\p{M}]+")
# What may stand between the qualifier and the digits: a currency sign, a space.
_GAP = regex.compile(r"^[\s$€£¥₽+]*$")
# A span of time after "over" ("over 5 years" renders «за 5 лет»): "over" is no comparative there.
_TIME_UNIT = regex.compile(
    r"\s*(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|nights?|seasons?)\b",
    regex.IGNORECASE,
)
# A range: "5 to 10", "5-10", "between 5 and 10", «от 5 до 10», «5–10».
_RANGE_AFTER = regex.compile(
    r"\s*(?:[-–—]|\.\.\.|…|to\b|and\b|or\b|до\b|по\b|и\b)\s*[$€£+]?\s?\d", regex.IGNORECASE
)
_RANGE_BEFORE = regex.compile(r"\d\s*(?:[-–—]|to|and|or|до|по|и)\s*[$€£]?$", regex.IGNORECASE)
_RU_FROM = frozenset(["от", "с", "со", "между"])
_EN_FROM = frozenset(["from", "between"])


@dataclass(frozen=True)
class QualifierFinding:
    start: int
    end: int
    message: str
    suggestion: str | None
    severity: str


def _words_before(text: str, start: int, n: int = 3) -> list[tuple[str, int]]:
    """The last ``n`` words before ``start`` (lowercased, with their offsets), nearest last;
    only words that nothing but spaces and currency signs separate from the number and from
    each other."""
    out: list[tuple[str, int]] = []
    end = start
    for m in reversed(list(_WORD.finditer(text, 0, start))):
        gap = text[m.end() : end]
        if not (_GAP.match(gap) or (out and gap in ("-", " - "))):
            break
        if not out and m.group().lower() in ("a", "an"):
            end = m.start()  # "more than a hundred": the article belongs to the number
            continue
        out.append((m.group().lower(), m.start()))
        end = m.start()
        if len(out) == n:
            break
    return out[::-1]


def _qualifier(
    text: str, item: Item, table: Sequence[tuple[tuple[str, ...], str]]
) -> tuple[str | None, int]:
    """(the class of the words right before ``item``, where they start)."""
    before = _words_before(text, item.start)
    words = [w for w, _ in before]
    for phrase, cls in table:
        n = len(phrase)
        if n <= len(words) and tuple(words[-n:]) == phrase:
            return cls, before[-n][1]
    return None, item.start


def _english_after(text: str, item: Item) -> str | None:
    """ "13 more", "13 or more", "13 or so" after the number."""
    rest = text[item.end : item.end + 12].lower()
    if regex.match(r"\s+or\s+more\b", rest):
        return MORE
    if regex.match(r"\s+or\s+so\b", rest):
        return ABOUT
    if regex.match(r"\s+more\b(?!\s+than)", rest):
        return ANOTHER
    return None


def _plain(text: str, item: Item) -> bool:
    """A quantity: not one (an article, "under one roof"), a date, time, month, year or ordinal."""
    if item.values == {1.0} or not item.values:
        return False
    for v in item.values:
        if isinstance(v, tuple):
            return False
        if isinstance(v, float) and 1900 <= v <= 2100 and v == int(v):
            return False
    if item.text.isalpha() and _ORDINAL.search(item.text.lower()):
        return False
    near = text[max(0, item.start - 12) : item.end + 12].lower()
    return not _MONTH.search(near)


# Ordinal words ("first", "fifth", «первой», «пятого»): no quantity to qualify.
_ORDINAL = regex.compile(r"(?:first|second|third|th|ой|ый|ий|ая|ое|ые|ого|ому|ым|ых|ую|ом)$")
_MONTH = regex.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|(?:январ|феврал|март|апрел|ма[яе]|июн|июл|август|сентябр|октябр|ноябр|декабр)"
)


def _in_range(text: str, item: Item, from_words: frozenset[str]) -> bool:
    if _RANGE_AFTER.match(text, item.end) or _RANGE_BEFORE.search(text[: item.start]):
        return True
    before = [w for w, _ in _words_before(text, item.start, 3)]
    return any(w in from_words for w in before)


def qualifier_findings(src: str, mt: str, src_lang: str, tgt_lang: str) -> list[QualifierFinding]:
    """Numbers whose qualifier contradicts the source's, or that add or drop one."""
    if src_lang != "ru" or tgt_lang != "en" or not src.strip() or not mt.strip():
        return []
    m_items = [m for m in quantities(mt, "en") if _plain(mt, m)]
    if not m_items:
        return []
    s_items = [s for s in quantities(src, "ru") if _plain(src, s)]
    out: list[QualifierFinding] = []
    # only a number that appears once on each side: no pairing to trust otherwise
    for m, s in one_to_one(m_items, s_items):
        if _in_range(mt, m, _EN_FROM) or _in_range(src, s, _RU_FROM):
            continue
        e_cls, e_start = _qualifier(mt, m, _EN_BEFORE)
        if e_cls is None:
            e_cls, e_start = _english_after(mt, m), m.start
        if (
            e_cls == MORE
            and mt[e_start : e_start + 4].lower() == "over"
            and _TIME_UNIT.match(mt, m.end)
        ):
            continue  # "over 5 years": a span of time
        r_cls, _ = _qualifier(src, s, _RU_BEFORE)
        finding = _compare(e_cls, r_cls, mt, m, e_start, src, s)
        if finding is not None:
            out.append(finding)
    return out


_WHAT = {MORE: "more than", LESS: "less than / up to", ABOUT: "about", ANOTHER: "another"}


def _compare(
    e_cls: str | None, r_cls: str | None, mt: str, m: Item, e_start: int, src: str, s: Item
) -> QualifierFinding | None:
    if e_cls == r_cls:
        return None
    said = mt[e_start : m.end]
    quoted = " ".join(src[max(0, s.start - 25) : s.end].split()[-3:])
    if r_cls == ANOTHER and e_cls in (MORE, LESS, ABOUT):
        return QualifierFinding(
            e_start,
            m.end,
            f"'{said}' says {_WHAT[e_cls]}; the source says another ({quoted!r})",
            f"another {m.text}",
            "major",
        )
    if {e_cls, r_cls} == {MORE, LESS}:
        assert e_cls is not None and r_cls is not None
        return QualifierFinding(
            e_start,
            m.end,
            f"'{said}' says {_WHAT[e_cls]}; the source says {_WHAT[r_cls]} ({quoted!r})",
            None,
            "major",
        )
    if e_cls is None and r_cls in (MORE, LESS):
        return QualifierFinding(
            m.start,
            m.end,
            f"the source says {_WHAT[r_cls]} {s.text} ({quoted!r}); the translation gives the"
            " number alone",
            None,
            "minor",
        )
    return None
