"""Time words against the source: "today" for «вчера», "next year" for «в прошлом году».

Words that place an event in time relative to now are a closed class on both sides, and a slip
in one moves the event: literal MT sometimes renders «на следующей неделе» as "last week" or
«утром» as "in the evening". Each side's time words are read as values on these dimensions:

=============  =====================================  ===========================================
dimension      Russian                                English
=============  =====================================  ===========================================
day            позавчера, вчера, сегодня, завтра,     the day before yesterday, yesterday, today,
               послезавтра (and вчерашний...)         tonight, this morning, tomorrow, last night
week, month,   на прошлой / этой / следующей неделе,  last / past / previous / this / current /
year,          в прошлом / этом / будущем году,       next / coming / following week, month, year,
weekend        в минувшие выходные, прошлогодний...   weekend
part of day    утром, днём, вечером, ночью, «в 8      morning, afternoon, evening, night, tonight,
               утра/вечера», по утрам                 overnight, a.m., p.m.
order          ранее, раньше, прежде / позднее,       earlier, previously, formerly, before, ago /
               позже, впоследствии                    later, subsequently, afterwards
span           два года назад / через неделю          two years ago, a week earlier / in two
                                                      years, a week later
phase          в начале / в середине / в конце года   at the beginning / middle / end of the year,
                                                      early / mid / late April
recent         недавно / вскоре, скоро                recently, lately / soon, shortly
=============  =====================================  ===========================================

A translation's time word whose value none of the source's words on the same dimension allows is
a **major** finding; the suggestion is the English of the source's word when it has one. Nothing
is reported when the source has no driving word on that dimension (a translator may add "on
Tuesday" or "earlier this week"), and parts of the day that shade into each other are allowed
(«ночью» may be "early morning", «вечером» "last night" or "afternoon"). A source's adjective or
noun of the same dimension («утреннее заседание», «прошлогодний») only allows values; it never
drives a finding.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

DAY, PART, ORDER = "day", "part", "order"
BEFORE, AFTER = -1, 1

_RU_DAY = {
    "позавчера": -2,
    "вчера": -1,
    "сегодня": 0,
    "завтра": 1,
    "послезавтра": 2,
}
_RU_DAY_ADJ = (
    ("позавчерашн", -2),
    ("вчерашн", -1),
    ("сегодняшн", 0),
    ("завтрашн", 1),
    ("послезавтрашн", 2),
)
# Modifier stems before «неделе/месяце/году» -> the periods (0 = this one) they may mean.
_RU_PERIOD_MOD: tuple[tuple[str, frozenset[int]], ...] = (
    ("позапрошл", frozenset([-2])),
    ("прошл", frozenset([-1])),
    ("минувш", frozenset([-1])),
    ("предыдущ", frozenset([-1])),
    ("прошедш", frozenset([-1, 0])),
    ("последн", frozenset([-1, 0])),
    ("текущ", frozenset([0])),
    ("нынешн", frozenset([0])),
    ("эт", frozenset([0])),
    ("следующ", frozenset([1])),
    ("будущ", frozenset([1])),
    ("наступающ", frozenset([0, 1])),
    ("предстоящ", frozenset([1])),
    ("грядущ", frozenset([1])),
    ("ближайш", frozenset([0, 1])),
)
_RU_PERIOD = regex.compile(
    r"(?<!\p{L})(\p{L}+)\s+(недел[яиюеь]|недел[яе]й|месяц[аеу]?|год[ау]?|году|выходны[ехм]\p{L}*)"
    r"(?!\p{L})",
    regex.IGNORECASE,
)
_RU_ADJ_END = regex.compile(r"(?:ой|ей|ую|юю|ом|ем|ого|его|ий|ый|ая|яя|ее|ое|ие|ые|их|ых|эти)$")
_RU_LAST_YEAR_ADJ = regex.compile(r"(?<!\p{L})прошлогодн\p{L}*", regex.IGNORECASE)

_RU_PART_DRIVE = {
    "утром": "morning",
    "вечером": "evening",
    "ночью": "night",
    "утрам": "morning",
    "вечерам": "evening",
    "ночам": "night",
}
# After a number («в 8 утра») or with a day word («сегодня днём»).
_RU_PART_GEN = {"утра": "morning", "вечера": "evening", "ночи": "night", "дня": "day"}
_RU_PART_ALLOW = (
    ("утр", "morning"),
    ("поутру", "morning"),
    ("спозаранку", "morning"),
    ("вечер", "evening"),
    ("ноч", "night"),
    ("днём", "day"),
    ("днем", "day"),
    ("дневн", "day"),
    ("полдень", "day"),
    ("полдн", "day"),
    ("обед", "day"),
)
# What each source part of the day allows in English (the parts shade into each other).
_PART_ALLOWS = {
    "morning": frozenset(["morning", "night", "am"]),
    "day": frozenset(["day", "am", "pm", "morning", "evening"]),
    "evening": frozenset(["evening", "night", "pm", "day"]),
    "night": frozenset(["night", "evening", "morning", "am", "pm"]),
}
_EN_PART = {
    "morning": "morning",
    "mornings": "morning",
    "afternoon": "day",
    "afternoons": "day",
    "midday": "day",
    "noon": "day",
    "daytime": "day",
    "evening": "evening",
    "evenings": "evening",
    "night": "night",
    "nights": "night",
    "tonight": "night",
    "overnight": "night",
    "am": "am",
    "pm": "pm",
}
_RU_ORDER_DRIVE = {
    "ранее": BEFORE,
    "прежде": BEFORE,
    "позднее": AFTER,
    "позже": AFTER,
    "впоследствии": AFTER,
}
_RU_ORDER_ALLOW = {
    "раньше": BEFORE,
    "до": BEFORE,
    "назад": BEFORE,
    "накануне": BEFORE,
    "уже": BEFORE,
    "ещё": BEFORE,
    "еще": BEFORE,
    "бывший": BEFORE,
    "бывшая": BEFORE,
    "бывшего": BEFORE,
    "после": AFTER,
    "потом": AFTER,
    "затем": AFTER,
    "спустя": AFTER,
    "через": AFTER,
    "далее": AFTER,
    "дальше": AFTER,
    "вскоре": AFTER,
    "впредь": AFTER,
    "будет": AFTER,
}
# Stems of words that allow an order value: «дальнейший» (later), «бывший» (former)...
_RU_ORDER_ALLOW_STEMS = (
    ("дальнейш", AFTER),
    ("последующ", AFTER),
    ("будущ", AFTER),
    ("предстоящ", AFTER),
    ("прежн", BEFORE),
    ("предыдущ", BEFORE),
    ("бывш", BEFORE),
    ("прошл", BEFORE),
    ("давн", BEFORE),
)
_RU_MONTHS = r"(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)\p{L}*"
# A span of time counted back or forward from now: «два года назад» (ago), «через неделю» (in a
# week, a week later); both drive the order dimension.
_RU_SPAN = (
    r"(?:лет|год\p{L}*|месяц\p{L}*|недел\p{L}*|дн\p{L}*|день|сут\p{L}*|час\p{L}*|минут\p{L}*)"
)
_RU_AGO = regex.compile(r"(?<!\p{L})" + _RU_SPAN + r"\s+(?:тому\s+)?(назад)(?!\p{L})", regex.I)
_RU_IN = regex.compile(
    r"(?<!\p{L})(через)\s+(?:[\p{L}\d,.]+\s+){0,2}?" + _RU_SPAN + r"(?!\p{L})", regex.I
)
_EN_SPAN = r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)"
_EN_NUMBER = (
    r"(?:\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|a\s+few|several|a\s+couple\s+of)"
)
# "in two years" (forward from now), "two years ago / back / earlier / later"
_EN_IN = regex.compile(r"\bin\s+" + _EN_NUMBER + r"\s+(?:more\s+)?" + _EN_SPAN + r"\b", regex.I)
_EN_COUNTED = regex.compile(
    r"\b" + _EN_NUMBER + r"\s+" + _EN_SPAN + r"\s+(ago|back|earlier|before|later|after|hence)\b",
    regex.I,
)
SPAN = "span"
_RU_ABSOLUTE = regex.compile(
    r"(?<!\p{L})(?:(?P<date>\d{1,2}(?:-?го)?\s+" + _RU_MONTHS + r")"
    r"|(?P<month>(?:в|во|с|до|к|по)\s+" + _RU_MONTHS + r")"
    r"|(?P<year>(?:1[89]|20)\d\d)"
    r"|(?P<weekday>понедельник\p{L}*|вторник\p{L}*|сред[уы]|четверг\p{L}*|пятниц\p{L}*"
    r"|суббот\p{L}*|воскресень\p{L}*))(?!\p{L})",
    regex.IGNORECASE,
)
_EN_ORDER = {
    "earlier": BEFORE,
    "previously": BEFORE,
    "formerly": BEFORE,
    "before": BEFORE,
    "ago": BEFORE,
    "prior": BEFORE,
    "later": AFTER,
    "subsequently": AFTER,
    "afterwards": AFTER,
    "afterward": AFTER,
}
# Phase of a period: «в начале / в середине / в конце года» (and «в начале мая»): driving only
# before a period or month; any form of начало / середина / конец allows its value.
PHASE = "phase"
_PERIOD_NOUNS = (
    r"(?:год[ау]?|месяц[аеу]?|недел[иеюя]|сезон[ау]?|век[ау]?|лет[ау]|зим[ыу]|весн[ыу]|осен[иь]|"
    r"квартал[ау]?|январ[яь]|феврал[яь]|март[ау]?|апрел[яь]|ма[яй]|июн[яь]|июл[яь]|август[ау]?|"
    r"сентябр[яь]|октябр[яь]|ноябр[яь]|декабр[яь]|\d{4}|прошл\p{L}+|текущ\p{L}+|этого|следующ\p{L}+|"
    r"будущ\p{L}+|нынешн\p{L}+|минувш\p{L}+)"
)
_RU_PHASE = regex.compile(
    r"(?<!\p{L})(?:в|к|до|с|со|по)\s+(начал[аеу]|середин[аеуы]|конц[аеу])\s+" + _PERIOD_NOUNS,
    regex.IGNORECASE,
)
_RU_PHASE_ALLOW = regex.compile(
    r"(?<!\p{L})(начал\p{L}*|начин\p{L}*|середин\p{L}*|кон(?:ец|ц\p{L}*)|заверш\p{L}*|"
    r"окончани\p{L}*|ранн\p{L}*|поздн\p{L}*|рано|поздно)",
    regex.IGNORECASE,
)
_PHASE_OF = {
    "начал": "start",
    "начин": "start",
    "ранн": "start",
    "рано": "start",
    "середин": "middle",
    "кон": "end",
    "заверш": "end",
    "окончани": "end",
    "поздн": "end",
    "поздно": "end",
}
_EN_PERIOD_WORDS = (
    r"(?:year|month|week|season|century|decade|quarter|winter|spring|summer|autumn|fall|"
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"\d{4}|this|last|next|the)"
)
_EN_PHASE = regex.compile(
    r"\b(?:(?:at|by|in|until|till|from|since|toward|towards|to)\s+the\s+"
    r"(beginning|start|middle|end|close)\s+of\s+" + _EN_PERIOD_WORDS + r"|"
    r"(early|late|mid)[\s-]+" + _EN_PERIOD_WORDS + r")",
    regex.IGNORECASE,
)
_EN_PHASE_OF = {
    "beginning": "start",
    "start": "start",
    "early": "start",
    "middle": "middle",
    "mid": "middle",
    "end": "end",
    "close": "end",
    "late": "end",
}
_PHASE_EN = {"start": "beginning", "middle": "middle", "end": "end"}
_PHASE_ADJ_EN = {"start": "early", "middle": "mid", "end": "late"}

# Recent past or near future: «недавно» (recently) against «вскоре» (soon).
RECENT = "recent"
_RU_RECENT_DRIVE = {"недавно": "past", "вскоре": "future", "скоро": "future"}
_RU_RECENT_ALLOW = (
    ("недавн", "past"),
    ("давно", "past"),
    ("прошл", "past"),
    ("минувш", "past"),
    ("скор", "future"),
    ("ближайш", "future"),
    ("предстоящ", "future"),
    ("грядущ", "future"),
    ("будущ", "future"),
    ("следующ", "future"),
    ("после", "future"),
)
_EN_RECENT = {"recently": "past", "lately": "past", "soon": "future", "shortly": "future"}

_EN_DAY = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_EN_DAY_PHRASES = (
    (regex.compile(r"\bthe\s+day\s+before\s+yesterday\b", regex.I), frozenset([-2])),
    (regex.compile(r"\bthe\s+day\s+after\s+tomorrow\b", regex.I), frozenset([2])),
    (regex.compile(r"\blast\s+night\b", regex.I), frozenset([-1, 0])),
    (regex.compile(r"\bthis\s+(?:morning|afternoon|evening)\b", regex.I), frozenset([0])),
)
_EN_PERIOD = regex.compile(
    r"\b(the\s+)?(last|past|previous|this|current|next|coming|following|upcoming)\s+"
    r"(week|month|year|weekend)(?:'s|s)?\b",
    regex.IGNORECASE,
)
_EN_PERIOD_MOD = {
    "last": frozenset([-1]),
    "past": frozenset([-1, 0]),
    "previous": frozenset([-1]),
    "this": frozenset([0]),
    "current": frozenset([0]),
    "next": frozenset([1]),
    "coming": frozenset([0, 1]),
    "following": frozenset([1]),
    "upcoming": frozenset([1]),
}
_RU_UNIT = {"недел": "week", "месяц": "month", "год": "year", "выходн": "weekend"}
_EN_WORD = regex.compile(r"[A-Za-z]+(?:\.m\.)?")
_RU_WORD = regex.compile(r"\p{L}+")
# Text that ends in a number ("at 7" before "p.m.", «в 8» before «утра»).
_AFTER_NUMBER = regex.compile(r"\d\s*$")
# The forms of «этот» before a period («этой неделе», «этом году»), not another word in эт-
# («этническом году»).
_RU_THIS = regex.compile(r"^эт(?:ой|ом|ого|у|от|а|и|их)$")


@dataclass(frozen=True)
class TimeWord:
    """A time word: its dimension ("day", "week", "month", "year", "weekend", "part", "order",
    "span", "phase", "recent"), the values it may mean, and whether it drives a finding (Russian
    adverbs) or only allows values."""

    start: int
    end: int
    text: str
    dimension: str
    values: frozenset[object]
    drives: bool = True


@dataclass(frozen=True)
class TimeFinding:
    start: int
    end: int
    message: str
    suggestion: str | None
    severity: str = "major"


def _ru_unit(word: str) -> str | None:
    low = word.lower()
    for stem, unit in _RU_UNIT.items():
        if low.startswith(stem):
            return unit
    return None


def _phase_of(word: str) -> str | None:
    """The phase of a period a word names («начале»: start, «середине»: middle, «конце»: end)."""
    for stem, value in _PHASE_OF.items():
        if stem == "кон" and not word.startswith(("конец", "конц")):
            continue  # «конкурс», «контракт»: no end
        if word.startswith(stem):
            return value
    return None


def russian_time_words(src: str) -> list[TimeWord]:
    out: list[TimeWord] = []
    words = list(_RU_WORD.finditer(src))
    for i, m in enumerate(words):
        w = m.group().lower()
        prev = words[i - 1].group().lower() if i else ""
        nxt = words[i + 1].group().lower() if i + 1 < len(words) else ""
        if w in _RU_DAY:
            # «до сегодняшнего дня», «на сегодня»: up to now, no day
            drives = prev not in ("на", "до", "по", "с")
            out.append(
                TimeWord(m.start(), m.end(), m.group(), DAY, frozenset([_RU_DAY[w]]), drives)
            )
            continue
        if w in ("нынче", "ныне", "теперь", "сейчас"):
            out.append(TimeWord(m.start(), m.end(), m.group(), DAY, frozenset([0]), False))
            continue
        for stem, day in _RU_DAY_ADJ:
            if w.startswith(stem):
                out.append(TimeWord(m.start(), m.end(), m.group(), DAY, frozenset([day]), False))
                break
        if w in _RU_PART_DRIVE:
            out.append(
                TimeWord(m.start(), m.end(), m.group(), PART, frozenset([_RU_PART_DRIVE[w]]))
            )
            continue
        if w in _RU_PART_GEN:
            # «в 8 утра» drives; «с утра», «до вечера» only allow
            dated = _AFTER_NUMBER.search(src[: m.start()]) is not None
            parts = frozenset([_RU_PART_GEN[w]])
            out.append(TimeWord(m.start(), m.end(), m.group(), PART, parts, dated and w != "дня"))
            continue
        if w in ("днём", "днем") and prev in _RU_DAY:
            out.append(TimeWord(m.start(), m.end(), m.group(), PART, frozenset(["day"])))
            continue
        for stem, part in _RU_PART_ALLOW:
            if w.startswith(stem):
                out.append(TimeWord(m.start(), m.end(), m.group(), PART, frozenset([part]), False))
                break
        if w in _RU_RECENT_DRIVE:
            value = frozenset([_RU_RECENT_DRIVE[w]])
            out.append(TimeWord(m.start(), m.end(), m.group(), RECENT, value, prev != "не"))
        else:
            for stem, recent in _RU_RECENT_ALLOW:
                if w.startswith(stem):
                    value = frozenset([recent])
                    out.append(TimeWord(m.start(), m.end(), m.group(), RECENT, value, False))
                    break
        if w in _RU_ORDER_DRIVE:
            # «не ранее», «не позднее»: a bound; «позднее, чем» / «ранее не»: kept as values only
            drives = prev != "не" and nxt not in ("чем", "всего")  # «прежде всего»: above all
            out.append(
                TimeWord(
                    m.start(), m.end(), m.group(), ORDER, frozenset([_RU_ORDER_DRIVE[w]]), drives
                )
            )
            continue
        order = _RU_ORDER_ALLOW.get(w)
        if order is None:
            order = next((v for stem, v in _RU_ORDER_ALLOW_STEMS if w.startswith(stem)), None)
        if order is not None:
            orders = frozenset([order])
            out.append(TimeWord(m.start(), m.end(), m.group(), ORDER, orders, False))
        if w == "накануне":
            out.append(TimeWord(m.start(), m.end(), m.group(), DAY, frozenset([-1]), False))
    for m in _RU_AGO.finditer(src):
        out.append(TimeWord(m.start(1), m.end(1), m.group(1), SPAN, frozenset([BEFORE])))
    for m in _RU_IN.finditer(src):
        out.append(TimeWord(m.start(1), m.end(1), m.group(1), SPAN, frozenset([AFTER])))
    # A date, a weekday or a year may be rendered as a relative day or period ("yesterday" for
    # «в пятницу», "last year" for «в 2019 году»): each allows every value of its dimension.
    for m in _RU_ABSOLUTE.finditer(src):
        dim = "year" if m.group("year") else "month" if m.group("month") else DAY
        if m.group("date") or m.group("weekday"):
            dim = DAY
        every = frozenset(range(-2, 3))
        out.append(TimeWord(m.start(), m.end(), m.group(), dim, every, False))
        if m.group("date"):  # a date also places the week and the month
            out.append(TimeWord(m.start(), m.end(), m.group(), "month", every, False))
            out.append(TimeWord(m.start(), m.end(), m.group(), "week", every, False))
    for m in _RU_PERIOD.finditer(src):
        mod, noun = m.group(1).lower(), m.group(2)
        unit = _ru_unit(noun)
        if unit is None or not _RU_ADJ_END.search(mod):
            continue
        for stem, values in _RU_PERIOD_MOD:
            if mod.startswith(stem):
                if stem == "эт" and not _RU_THIS.match(mod):
                    break
                # «в прошлом году» drives; «прошлого года» (genitive: "of last year") too
                out.append(TimeWord(m.start(), m.end(), m.group(), unit, values))
                break
    for m in _RU_PHASE.finditer(src):
        phase = _phase_of(m.group(1).lower())
        if phase:
            out.append(TimeWord(m.start(1), m.end(1), m.group(1), PHASE, frozenset([phase])))
    for m in _RU_PHASE_ALLOW.finditer(src):
        phase = _phase_of(m.group(1).lower())
        if phase:
            out.append(TimeWord(m.start(), m.end(), m.group(), PHASE, frozenset([phase]), False))
    for m in _RU_LAST_YEAR_ADJ.finditer(src):
        out.append(TimeWord(m.start(), m.end(), m.group(), "year", frozenset([-1]), False))
    out.sort(key=lambda t: t.start)
    return out


def english_time_words(mt: str) -> list[TimeWord]:
    out: list[TimeWord] = []
    taken: list[tuple[int, int]] = []
    for pattern, values in _EN_DAY_PHRASES:
        for m in pattern.finditer(mt):
            out.append(TimeWord(m.start(), m.end(), m.group(), DAY, values))
            taken.append((m.start(), m.end()))
    for m in _EN_PERIOD.finditer(mt):
        mod, unit = m.group(2).lower(), m.group(3).lower()
        # "the last year": the past twelve months
        values = frozenset([-1, 0]) if m.group(1) and mod == "last" else _EN_PERIOD_MOD[mod]
        out.append(TimeWord(m.start(2), m.end(), mt[m.start(2) : m.end()], unit, values))
    for m in _EN_IN.finditer(mt):
        out.append(TimeWord(m.start(), m.end(), m.group(), SPAN, frozenset([AFTER])))
    for m in _EN_COUNTED.finditer(mt):
        back = m.group(1).lower() in ("ago", "back", "earlier", "before")
        direction = frozenset([BEFORE if back else AFTER])
        out.append(TimeWord(m.start(), m.end(), m.group(), SPAN, direction))
    for m in _EN_PHASE.finditer(mt):
        g = 1 if m.group(1) else 2
        value = _EN_PHASE_OF[m.group(g).lower()]
        out.append(TimeWord(m.start(g), m.end(g), m.group(g), PHASE, frozenset([value])))
    words = list(_EN_WORD.finditer(mt))
    for i, m in enumerate(words):
        w = m.group().lower().replace(".m.", "m")  # "a.m." -> "am"
        inside = any(s <= m.start() < e for s, e in taken)
        prev = words[i - 1].group().lower() if i else ""
        nxt = words[i + 1].group().lower() if i + 1 < len(words) else ""
        if w in _EN_DAY and not inside:
            out.append(TimeWord(m.start(), m.end(), m.group(), DAY, frozenset([_EN_DAY[w]])))
        if w in _EN_PART:
            if w in ("am", "pm") and not _AFTER_NUMBER.search(mt[: m.start()]):
                continue  # "I am": a time only after a number
            out.append(TimeWord(m.start(), m.end(), m.group(), PART, frozenset([_EN_PART[w]])))
        if w in _EN_RECENT:
            if prev in ("as", "no", "not", "how") or nxt in ("before", "as", "after", "afterwards"):
                continue  # "as soon as", "shortly before", "soon after": no time of their own
            recent = frozenset([_EN_RECENT[w]])
            out.append(TimeWord(m.start(), m.end(), m.group(), RECENT, recent))
        if w in _EN_ORDER:
            if w == "before" and nxt not in ("", "that", "this"):
                continue  # "before the vote": a preposition, no order word
            if prev in ("no", "not") or nxt == "than":
                continue  # "no later than", "earlier than expected": a bound, a comparison
            out.append(TimeWord(m.start(), m.end(), m.group(), ORDER, frozenset([_EN_ORDER[w]])))
    out.sort(key=lambda t: t.start)
    return out


_DAY_EN = {
    -2: "the day before yesterday",
    -1: "yesterday",
    0: "today",
    1: "tomorrow",
    2: "the day after tomorrow",
}
_PERIOD_EN = {-2: "two {u}s ago", -1: "last {u}", 0: "this {u}", 1: "next {u}"}
_PART_EN = {"morning": "morning", "day": "afternoon", "evening": "evening", "night": "night"}
_ORDER_EN = {BEFORE: "earlier", AFTER: "later"}
_RECENT_EN = {"past": "recently", "future": "soon"}


def _english_of(t: TimeWord) -> str | None:
    if len(t.values) != 1:
        return None
    (v,) = tuple(t.values)
    if t.dimension == PART:
        return _PART_EN.get(str(v))
    if t.dimension == RECENT:
        return _RECENT_EN.get(str(v))
    if t.dimension == PHASE:
        return _PHASE_EN.get(str(v))
    if not isinstance(v, int):
        return None
    if t.dimension == DAY:
        return _DAY_EN.get(v)
    if t.dimension in ("week", "month", "year", "weekend"):
        pattern = _PERIOD_EN.get(v)
        return pattern.format(u=t.dimension) if pattern else None
    if t.dimension == ORDER:
        return _ORDER_EN.get(v)
    return None


_SPAN_FLIP = {
    "ago": "later",
    "back": "later",
    "earlier": "later",
    "before": "after",
    "later": "earlier",
    "after": "before",
    "hence": "ago",
}


def _span_flipped(text: str) -> str:
    """A counted span turned the other way: "a week ago" -> "a week later", "in two years" ->
    "two years ago"."""
    words = text.split()
    if words[0].lower() == "in":
        return " ".join(words[1:]) + " ago"
    flipped = _SPAN_FLIP.get(words[-1].lower(), words[-1])
    return " ".join([*words[:-1], flipped])


def _allowed(s: TimeWord) -> frozenset[object]:
    if s.dimension == PART:
        return frozenset().union(*(_PART_ALLOWS[str(v)] for v in s.values))
    return s.values


def _keep_case(suggestion: str, word: str) -> str:
    return suggestion[:1].upper() + suggestion[1:] if word[:1].isupper() else suggestion


def time_findings(src: str, mt: str) -> list[TimeFinding]:
    """The translation's time words that none of the source's allow (ru source, en MT), on a
    dimension where the translation renders fewer of the source's driving words than it has."""
    if not src.strip() or not mt.strip():
        return []
    s_words = russian_time_words(src)
    if not any(s.drives for s in s_words):
        return []
    m_words = english_time_words(mt)
    out: list[TimeFinding] = []
    for dim in dict.fromkeys(s.dimension for s in s_words if s.drives):
        same = [s for s in s_words if s.dimension == dim]
        allowed = frozenset().union(*(_allowed(s) for s in same))
        drivers = [s for s in same if s.drives]
        on_dim = [m for m in m_words if m.dimension == dim]
        against = [m for m in on_dim if not m.values & allowed]
        if len(on_dim) - len(against) >= len(drivers):
            continue  # each source word has its rendering: the others render something else
        said = drivers[0]
        said_english = _english_of(said) if len(drivers) == 1 else None
        for m in against:
            english = said_english
            if dim == SPAN:  # the translation's span turned the source's way
                english = _span_flipped(m.text)
            if english and dim == PHASE:  # in the translation's own construction
                (value,) = tuple(said.values)
                adjective = m.text.lower() in ("early", "late", "mid")
                english = (_PHASE_ADJ_EN if adjective else _PHASE_EN)[str(value)]
            out.append(
                TimeFinding(
                    m.start,
                    m.end,
                    f"'{m.text}' places the event elsewhere in time than the source's «{said.text}»",
                    _keep_case(english, m.text) if english else None,
                )
            )
    out.sort(key=lambda f: f.start)
    return out
