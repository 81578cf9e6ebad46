"""Degree against the source: "higher" for «ниже», "a more expensive project" for «самый дорогой».

Comparatives and superlatives are a small closed class on both sides, and literal MT sometimes
turns one into its opposite or drops the degree. Each side's comparatives and superlatives are
read as (scale, direction, grade): «ниже» is (size, down, comparative), «крупнейший» (size, up,
superlative), "cheaper" (price, down, comparative), "the most important" (size, up, superlative:
"more"/"most" before an adjective with no scale of its own is read on the size scale, as
«более»/«наиболее» are). Scales: size (больше/выше/крупнее, more/higher/bigger...), price,
temperature, quality (лучше/хуже), age, strength, speed, length, wealth, difficulty, safety, width,
weight, depth, loudness, frequency.

Findings, per scale on which the source goes one way only:

* **contradicted** (major): the translation has more words going the other way than the source
  and fewer going the source's way ("higher" for «ниже», "the worst" for «лучший»); the
  suggestion is the English word's antonym in the same grade ("lower");
* **superlative lost** (minor): the source's superlative of a named scale («самый дорогой»,
  «крупнейший», «новейшие») becomes a comparative or the plain adjective of the same scale
  ("more expensive", "a large exporter", "new ships") and nothing on that scale in the
  translation is a superlative; the suggestion is the superlative ("most expensive").

A comparative right before a number is the qualifier rule's (``qualifiers.py``); a negated one
(«не больше», "no more") bounds rather than compares and is left out on both sides, and so are
set phrases in which a comparative word compares nothing («более того», «тем более», «больше
не», "more or less", "no longer", "at least", "higher education").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import regex

UP, DOWN = 1, -1
COMP, SUP, POS = "comparative", "superlative", "positive"
# «лучший»/«худший» are "better"/"worse" or "best"/"worst": no grade, so no superlative to weaken.
EITHER = ""
SIZE = "size"
# «более/наиболее/самый» or "more/most" before an adjective with no scale here: judged only
# against the other side's generic degree of a word the dictionary links to it.
GENERIC = "generic"
# Endings of English adjectives and adverbs a generic "more"/"most" grades.
_EN_ADJ_ENDS = (
    "ive",
    "ant",
    "ent",
    "ful",
    "ous",
    "al",
    "ic",
    "ble",
    "ly",
    "ed",
    "ing",
    "ar",
    "ary",
)

# English: form -> (scale, direction, grade). "more"/"less"/"most"/"least" are read with the
# adjective after them (see _english).
_EN_SCALES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    # scale:direction -> (positive, comparative, superlative) forms
    "size:up": (
        ("big", "large", "great", "high", "tall"),
        ("more", "bigger", "larger", "greater", "higher", "taller", "above"),
        ("most", "biggest", "largest", "greatest", "highest", "tallest"),
    ),
    "size:down": (
        ("small", "little", "low"),
        ("less", "fewer", "smaller", "lower", "lesser", "below"),
        ("least", "fewest", "smallest", "lowest"),
    ),
    "price:up": (("expensive", "costly"), ("costlier", "pricier", "dearer"), ("costliest",)),
    "price:down": (("cheap", "inexpensive"), ("cheaper",), ("cheapest",)),
    "temperature:up": (("warm", "hot"), ("warmer", "hotter"), ("warmest", "hottest")),
    "temperature:down": (("cold", "cool", "chilly"), ("colder", "cooler"), ("coldest", "coolest")),
    "quality:up": (("good",), ("better",), ("best",)),
    "quality:down": (("bad",), ("worse",), ("worst",)),
    "age:up": (("old", "ancient"), ("older", "elder"), ("oldest", "eldest")),
    "age:down": (("young", "new"), ("younger", "newer"), ("youngest", "newest")),
    "strength:up": (("strong", "powerful"), ("stronger",), ("strongest",)),
    "strength:down": (("weak",), ("weaker",), ("weakest",)),
    "speed:up": (("fast", "quick", "rapid"), ("faster", "quicker"), ("fastest", "quickest")),
    "speed:down": (("slow",), ("slower",), ("slowest",)),
    "length:up": (("long", "lengthy"), ("longer",), ("longest",)),
    "length:down": (("short", "brief"), ("shorter", "briefer"), ("shortest",)),
    "wealth:up": (("rich", "wealthy"), ("richer", "wealthier"), ("richest", "wealthiest")),
    "wealth:down": (("poor",), ("poorer",), ("poorest",)),
    "difficulty:up": (
        ("difficult", "hard", "complicated", "tough"),
        ("harder", "tougher"),
        ("hardest", "toughest"),
    ),
    "difficulty:down": (("easy", "simple"), ("easier", "simpler"), ("easiest", "simplest")),
    "safety:up": (("safe", "secure"), ("safer",), ("safest",)),
    "safety:down": (("dangerous", "risky", "unsafe"), ("riskier",), ("riskiest",)),
    "width:up": (("wide", "broad"), ("wider", "broader"), ("widest", "broadest")),
    "width:down": (("narrow",), ("narrower",), ("narrowest",)),
    "weight:up": (("heavy",), ("heavier",), ("heaviest",)),
    "weight:down": (("light",), ("lighter",), ("lightest",)),
    "depth:up": (("deep",), ("deeper",), ("deepest",)),
    "depth:down": (("shallow",), ("shallower",), ("shallowest",)),
    "loudness:up": (("loud",), ("louder",), ("loudest",)),
    "loudness:down": (("quiet",), ("quieter",), ("quietest",)),
    "frequency:up": (("frequent", "common", "often"), ("oftener",), ()),
    "frequency:down": (("rare", "infrequent", "uncommon", "seldom"), ("rarer",), ("rarest",)),
}
_EN_FORMS: dict[str, tuple[str, int, str]] = {}
# (scale, direction, grade) -> the first English word of it: the antonym of the other direction.
_ANTONYM_EN: dict[tuple[str, int, str], str] = {}
for _key, (_pos, _comp, _sup) in _EN_SCALES.items():
    _scale, _dir = _key.split(":")
    for _grade, _forms in ((POS, _pos), (COMP, _comp), (SUP, _sup)):
        for _form in _forms:
            _EN_FORMS[_form] = (_scale, UP if _dir == "up" else DOWN, _grade)
        if _forms:
            _ANTONYM_EN.setdefault((_scale, UP if _dir == "up" else DOWN, _grade), _forms[0])

# Russian comparatives (with the colloquial по- prefix too: «подороже»).
_RU_COMP: dict[str, tuple[str, int]] = {
    "больше": (SIZE, UP),
    "выше": (SIZE, UP),
    "крупнее": (SIZE, UP),
    "меньше": (SIZE, DOWN),
    "ниже": (SIZE, DOWN),
    "мельче": (SIZE, DOWN),
    "дороже": ("price", UP),
    "дешевле": ("price", DOWN),
    "теплее": ("temperature", UP),
    "жарче": ("temperature", UP),
    "горячее": ("temperature", UP),
    "холоднее": ("temperature", DOWN),
    "прохладнее": ("temperature", DOWN),
    "лучше": ("quality", UP),
    "хуже": ("quality", DOWN),
    "старше": ("age", UP),
    "старее": ("age", UP),
    "младше": ("age", DOWN),
    "моложе": ("age", DOWN),
    "новее": ("age", DOWN),
    "сильнее": ("strength", UP),
    "мощнее": ("strength", UP),
    "слабее": ("strength", DOWN),
    "быстрее": ("speed", UP),
    "медленнее": ("speed", DOWN),
    "длиннее": ("length", UP),
    "дольше": ("length", UP),
    "длительнее": ("length", UP),
    "короче": ("length", DOWN),
    "богаче": ("wealth", UP),
    "беднее": ("wealth", DOWN),
    "сложнее": ("difficulty", UP),
    "труднее": ("difficulty", UP),
    "проще": ("difficulty", DOWN),
    "легче": ("difficulty", DOWN),
    "безопаснее": ("safety", UP),
    "опаснее": ("safety", DOWN),
    "шире": ("width", UP),
    "тяжелее": ("weight", UP),
    "глубже": ("depth", UP),
    "громче": ("loudness", UP),
    "тише": ("loudness", DOWN),
    "чаще": ("frequency", UP),
    "реже": ("frequency", DOWN),
}
# Russian adjective stems -> scale, for «самый/наиболее/более X» and «-ейший» superlatives.
_RU_STEMS: tuple[tuple[str, str, int], ...] = (
    ("крупн", SIZE, UP),
    ("больш", SIZE, UP),
    ("велик", SIZE, UP),
    ("велич", SIZE, UP),  # «величайший»
    ("высок", SIZE, UP),
    ("высоч", SIZE, UP),
    ("маленьк", SIZE, DOWN),
    ("мал", SIZE, DOWN),
    ("мелк", SIZE, DOWN),
    ("низк", SIZE, DOWN),
    ("дорог", "price", UP),
    ("дешев", "price", DOWN),
    ("дешёв", "price", DOWN),
    ("тепл", "temperature", UP),
    ("жарк", "temperature", UP),
    ("горяч", "temperature", UP),
    ("холодн", "temperature", DOWN),
    ("прохладн", "temperature", DOWN),
    ("хорош", "quality", UP),
    ("плох", "quality", DOWN),
    ("стар", "age", UP),
    ("древн", "age", UP),
    ("молод", "age", DOWN),
    ("нов", "age", DOWN),
    ("сильн", "strength", UP),
    ("мощн", "strength", UP),
    ("слаб", "strength", DOWN),
    ("быстр", "speed", UP),
    ("медленн", "speed", DOWN),
    ("длинн", "length", UP),
    ("долг", "length", UP),
    ("коротк", "length", DOWN),
    ("кратк", "length", DOWN),
    ("кратч", "length", DOWN),
    ("богат", "wealth", UP),
    ("бедн", "wealth", DOWN),
    ("сложн", "difficulty", UP),
    ("трудн", "difficulty", UP),
    ("прост", "difficulty", DOWN),
    ("лёгк", "difficulty", DOWN),
    ("легк", "difficulty", DOWN),
    ("легч", "difficulty", DOWN),
    ("безопасн", "safety", UP),
    ("опасн", "safety", DOWN),
    ("рискован", "safety", DOWN),
    ("широк", "width", UP),
    ("широч", "width", UP),
    ("узк", "width", DOWN),
    ("тяжел", "weight", UP),
    ("тяжёл", "weight", UP),
    ("глубок", "depth", UP),
    ("глубоч", "depth", UP),
    ("громк", "loudness", UP),
    ("тих", "loudness", DOWN),
    ("част", "frequency", UP),
    ("редк", "frequency", DOWN),
)
_ADJ_END = regex.compile(
    r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ых|их|ыми|ими)$"
)
_RU_SUP = regex.compile(r"^(\p{L}+?)(?:ейш|айш)(?:ий|ая|ее|ие|его|ей|ему|им|ем|ую|ими|их)$")
# «ближайший» is "next"/"nearest" (a time word), «высший» a rank, not a degree.
_RU_SUP_SKIP = ("ближ", "высш", "мельч")
# Words that grade the adjective after them: «более/менее» (comparative), «наиболее/наименее» and
# every form of «самый» (superlative).
_RU_GRADERS = frozenset(
    [
        "более",
        "менее",
        "наиболее",
        "наименее",
        "самый",
        "самая",
        "самое",
        "самые",
        "самого",
        "самой",
        "самому",
        "самым",
        "самом",
        "самую",
        "самых",
        "самыми",
    ]
)
_RU_WORD = regex.compile(r"[\p{L}]+(?:-[\p{L}]+)*")
_EN_WORD = regex.compile(r"[A-Za-z]+(?:'[a-z]+)?")
_THAN_NUMBER = regex.compile(r"\s+than\s+(?:[$€£]\s?)?\d")
_THAN = regex.compile(r"\s+(?:\w+\s+)?than\b")
_NUMBER_AFTER = regex.compile(r"\s*(?:[$€£]\s?)?\d")


@dataclass(frozen=True)
class Degree:
    """One comparative or superlative (or, in English, a plain adjective of a scale)."""

    start: int
    end: int
    text: str
    scale: str
    direction: int
    grade: str
    generic: bool = False  # "more"/«более»/«самый» before a word with no scale of its own
    word: str = ""  # that word (the adjective a generic degree grades)


@dataclass(frozen=True)
class DegreeFinding:
    start: int
    end: int
    message: str
    suggestion: str | None
    severity: str


# Words that begin like a scale's adjective and are another word: «долговой» (debt), «частный»
# (private), «новаторский», «старательный», «тихоокеанский», «малоизвестный», «пространный».
_RU_STEM_OTHER = ("долгов", "частн", "новатор", "старател", "тихоокеан", "мало", "простран")


def _ru_stem_scale(word: str) -> tuple[str, int] | None:
    if word.startswith(_RU_STEM_OTHER):
        return None
    for stem, scale, direction in _RU_STEMS:
        if word.startswith(stem):
            return scale, direction
    return None


def russian_degrees(src: str) -> list[Degree]:
    """The comparatives and superlatives of a Russian text."""
    words = [(m.group().lower(), m.start(), m.end()) for m in _RU_WORD.finditer(src)]
    out: list[Degree] = []
    skip: set[int] = set()
    for i, (w, s, e) in enumerate(words):
        if i in skip:
            continue
        prev = words[i - 1][0] if i else ""
        nxt = words[i + 1][0] if i + 1 < len(words) else ""
        if prev in ("не", "ни", "тем", "чем"):
            continue  # «не больше» bounds; «чем больше, тем меньше» is a proportion
        if _NUMBER_AFTER.match(src, e):
            continue  # «более 100»: the qualifier rule's
        base = w[2:] if w.startswith("по") and w[2:] in _RU_COMP else w
        if base in ("больше", "меньше") and nxt in ("не", "ни", "никто", "ничего", "никогда"):
            continue  # «больше не»: no longer
        if base in _RU_COMP:
            scale, direction = _RU_COMP[base]
            grade = SUP if nxt in ("всего", "всех") else COMP  # «больше всего»: most
            out.append(Degree(s, e, w, scale, direction, grade))
            continue
        if w in _RU_GRADERS:
            if w in ("более", "менее") and nxt in ("того", "или", "чем"):
                continue  # «более того», «более или менее», «менее чем» (before a number)
            if not _ADJ_END.search(nxt) or nxt in ("деле", "этого", "этой", "этом", "же"):
                continue  # «в самом деле», «тот же самый»
            if w.startswith("сам") and nxt in ("сам", "себя", "собой", "себе"):
                continue
            direction = DOWN if w in ("менее", "наименее") else UP
            grade = COMP if w in ("более", "менее") else SUP
            named = _ru_stem_scale(nxt)
            # «самый маленький» goes down the size scale; «наименее дорогой» down the price one
            if named is not None:
                scale, adj_dir = named
                out.append(
                    Degree(s, words[i + 1][2], f"{w} {nxt}", scale, adj_dir * direction, grade)
                )
            else:
                out.append(
                    Degree(s, words[i + 1][2], f"{w} {nxt}", GENERIC, direction, grade, True, nxt)
                )
            skip.add(i + 1)
            continue
        if w.startswith(("наибольш", "наивысш")):
            out.append(Degree(s, e, w, SIZE, UP, SUP))
            continue
        if w.startswith("наименьш"):
            out.append(Degree(s, e, w, SIZE, DOWN, SUP))
            continue
        if w.startswith(("лучш", "наилучш")) and _ADJ_END.search(w):
            out.append(Degree(s, e, w, "quality", UP, SUP if w.startswith("наи") else EITHER))
            continue
        if w.startswith(("худш", "наихудш")) and _ADJ_END.search(w):
            out.append(Degree(s, e, w, "quality", DOWN, SUP if w.startswith("наи") else EITHER))
            continue
        sup = _RU_SUP.match(w)
        if sup and not w.startswith(_RU_SUP_SKIP) and len(sup.group(1)) >= 2:
            named = _ru_stem_scale(sup.group(1))
            if named is not None:
                out.append(Degree(s, e, w, named[0], named[1], SUP))
            else:
                # «важнейший»: most important
                out.append(Degree(s, e, w, GENERIC, UP, SUP, True, w))
    return out


# English words that grade the adjective after them ("more expensive", "least powerful").
_EN_GRADERS = frozenset(["more", "less", "most", "least"])
# English set phrases in which a degree word compares nothing.
_EN_NOT_BEFORE = frozenset(["no", "not", "never", "any", "once", "nothing", "none", "at"])
_EN_SET = frozenset(
    [
        ("higher", "education"),
        ("high", "school"),
        ("lower", "house"),
        ("upper", "house"),
        ("lower", "chamber"),
        ("most", "of"),
        ("much", "more"),
        ("long", "ago"),
        ("long", "time"),
        ("as", "long"),
        ("best", "regards"),
        ("good", "morning"),
        ("good", "afternoon"),
        ("good", "evening"),
        ("great", "britain"),
        ("new", "year"),
    ]
)


def english_degrees(mt: str) -> list[Degree]:
    """The comparatives, superlatives and plain adjectives of a scale in an English text."""
    words = [(m.group(), m.start(), m.end()) for m in _EN_WORD.finditer(mt)]
    out: list[Degree] = []
    skip: set[int] = set()
    for i, (word, s, e) in enumerate(words):
        if i in skip:
            continue
        w = word.lower()
        if w not in _EN_FORMS:
            continue
        if word[:1].isupper() and i and w not in ("more", "most", "less"):
            continue  # "Great Britain", "New York", "Lower Saxony"
        prev = words[i - 1][0].lower() if i else ""
        nxt = words[i + 1][0].lower() if i + 1 < len(words) else ""
        scale, direction, grade = _EN_FORMS[w]
        if (prev in _EN_NOT_BEFORE and grade != SUP) or (prev, w) == ("at", "least"):
            continue  # "no more", "not less", "any more", "once more", "at least"
        if prev == "the" and grade == COMP:
            continue  # "the more ..., the lower ...": a proportion, not a comparison
        if (w, nxt) in _EN_SET or (prev, w) in _EN_SET or (w, nxt) == ("more", "or"):
            continue
        if _NUMBER_AFTER.match(mt, e) or _THAN_NUMBER.match(mt, e):
            continue  # "more than 13": the qualifier rule's
        if w in _EN_GRADERS and nxt in _EN_FORMS:
            n_scale, n_dir, n_grade = _EN_FORMS[nxt]
            if n_grade == POS:  # "more expensive", "least powerful"
                sign = DOWN if w in ("less", "least") else UP
                grade = SUP if w in ("most", "least") else COMP
                out.append(
                    Degree(s, words[i + 1][2], f"{word} {nxt}", n_scale, n_dir * sign, grade)
                )
                skip.add(i + 1)
                continue
        if w in _EN_GRADERS and nxt and nxt not in ("than", "and"):
            if nxt.endswith(_EN_ADJ_ENDS):  # "more important": graded by its adjective
                end = words[i + 1][2]
                out.append(
                    Degree(s, end, mt[s:end], GENERIC, direction, grade, True, words[i + 1][0])
                )
                skip.add(i + 1)
                continue
            out.append(Degree(s, e, word, scale, direction, grade))
            continue
        out.append(Degree(s, e, word, scale, direction, grade))
    return out


# Pairs whose antonym is not the scale's first word.
_ANTONYMS = {
    "higher": "lower",
    "lower": "higher",
    "highest": "lowest",
    "lowest": "highest",
    "more": "less",
    "less": "more",
    "most": "least",
    "least": "most",
    "fewer": "more",
    "bigger": "smaller",
    "larger": "smaller",
    "greater": "smaller",
    "smaller": "larger",
    "biggest": "smallest",
    "largest": "smallest",
    "greatest": "smallest",
    "smallest": "largest",
    "taller": "shorter",
    "tallest": "shortest",
    "older": "younger",
    "younger": "older",
    "newer": "older",
    "newest": "oldest",
    "oldest": "newest",
    "high": "low",
    "low": "high",
    "safer": "more dangerous",
    "safest": "most dangerous",
    "easier": "harder",
    "harder": "easier",
}
# "more"/"less"/"most"/"least" before an adjective, turned the other way.
_FLIP_GRADER = {"more": "less", "less": "more", "most": "least", "least": "most"}
# Superlatives of the words whose superlative is no suffix.
_IRREGULAR_SUPERLATIVE = {"more": "most", "less": "least", "better": "best", "worse": "worst"}


def _antonym(d: Degree) -> str | None:
    """The English word of the other direction in the same grade ("higher" -> "lower")."""
    words = d.text.split()
    last = words[-1].lower()
    if len(words) == 2:  # "more expensive" -> "less expensive"
        first = words[0].lower()
        flip = _FLIP_GRADER.get(first)
        return f"{flip} {words[1]}" if flip else None
    word = _ANTONYMS.get(last) or _ANTONYM_EN.get((d.scale, -d.direction, d.grade))
    if word and d.text[:1].isupper():
        word = word.capitalize()
    return word


def _superlative_of(d: Degree) -> str | None:
    """The English superlative of a comparative or a plain adjective ("more expensive" -> "most
    expensive", "large" -> "largest", "bigger" -> "biggest")."""
    words = d.text.split()
    if len(words) == 2:  # "more expensive" -> "most expensive", "less X" -> "least X"
        return f"{'least' if words[0].lower() == 'less' else 'most'} {words[1]}"
    key = f"{d.scale}:{'up' if d.direction == UP else 'down'}"
    sups = _EN_SCALES[key][2] if key in _EN_SCALES else ()
    w = words[0].lower()
    stem = w[:-2] if d.grade == COMP and w.endswith("er") else w
    for cand in (stem + "est", stem + "st", stem[:-1] + "iest", stem + stem[-1:] + "est"):
        if cand in sups:
            return cand
    return _IRREGULAR_SUPERLATIVE.get(w)


def degree_findings(
    src: str, mt: str, links: Callable[[str, str], bool] | None = None
) -> list[DegreeFinding]:
    """Comparatives and superlatives of the translation that contradict the source's, and
    superlatives of the source the translation weakens (ru source, en translation). ``links``
    (source word, English word) says whether a dictionary lets one render the other: a generic
    degree ("less important" against «наиболее важный») is judged only when it links the two
    graded words; without it generic degrees are never judged."""
    if not src.strip() or not mt.strip():
        return []
    s_deg = russian_degrees(src)
    if not s_deg:
        return []
    m_deg = english_degrees(mt)
    if not m_deg:
        return []
    s_count = Counter((d.scale, d.direction) for d in s_deg)
    m_count = Counter((d.scale, d.direction) for d in m_deg if d.grade != POS)
    out: list[DegreeFinding] = []
    for (scale, direction), n in s_count.items():
        if s_count[(scale, -direction)]:
            continue  # the source goes both ways on this scale: nothing to pair
        said = next(d for d in s_deg if d.scale == scale and d.direction == direction)
        against = [
            d
            for d in m_deg
            if d.scale == scale
            and d.direction == -direction
            and d.grade != POS
            and (scale != GENERIC or (links is not None and links(said.word, d.word)))
        ]
        if against and m_count[(scale, direction)] < n:
            for d in against:
                out.append(
                    DegreeFinding(
                        d.start,
                        d.end,
                        f"'{d.text}' goes the other way from the source's «{said.text}»",
                        _antonym(d),
                        "major",
                    )
                )
            continue
        sups = [
            d for d in s_deg if d.scale == scale and d.direction == direction and d.grade == SUP
        ]
        if not sups or any(
            d.scale == scale and d.direction == direction and d.grade == SUP for d in m_deg
        ):
            continue
        # a comparative before "than" compares ("more expensive than any other"); a plain
        # adjective stands for a superlative only on the size scale («крупнейший»: "a large");
        # «новейший» is "new" or "latest" in good translations as often as "newest"
        weaker = [
            d
            for d in m_deg
            if d.scale == scale
            and d.direction == direction
            and (
                (d.grade == COMP and not _THAN.match(mt, d.end))
                or (d.grade == POS and scale == SIZE)
            )
            and (scale != GENERIC or (links is not None and links(sups[0].word, d.word)))
        ]
        if len(weaker) == 1 and len(sups) == 1:
            d = weaker[0]
            out.append(
                DegreeFinding(
                    d.start,
                    d.end,
                    f"the source's «{sups[0].text}» is a superlative; '{d.text}' is not",
                    _superlative_of(d),
                    "minor",
                )
            )
    out.sort(key=lambda f: f.start)
    return out
