"""Units and currencies against the source: "lost eight pounds" for «похудел на восемь килограммов».

A number can match its source and measure something else: literal MT sometimes swaps the unit
or the currency after it (kilograms → pounds, kilometres → miles, rubles → dollars, percent →
points). Both sides name units with a closed class of words, so each number that appears once on
each side (matched by value, as the numbers rule matches) is compared by the unit word right after
it; a different unit of the same kind (two masses, two lengths, two currencies, two spans of time)
is a **major** `number` flag with the source's unit as the suggestion. A unit on one side only,
or of another kind, is left alone (a translator writes "2 km" for «двух километров» and "the
ruble fell 2%" for «на 2%», but never "2 miles" for «2 км» without converting the number).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from mtqa.checks.source.numbers import Item, one_to_one, quantities

# (canonical unit, its kind, English name for the suggestion)
_UNITS: dict[str, tuple[str, str]] = {
    "kg": ("mass", "kilograms"),
    "g": ("mass", "grams"),
    "ton": ("mass", "tons"),
    "lb": ("mass", "pounds"),
    "km": ("length", "kilometers"),
    "m": ("length", "meters"),
    "cm": ("length", "centimeters"),
    "mm": ("length", "millimeters"),
    "mile": ("length", "miles"),
    "foot": ("length", "feet"),
    "ha": ("area", "hectares"),
    "acre": ("area", "acres"),
    "liter": ("volume", "liters"),
    "gallon": ("volume", "gallons"),
    "barrel": ("volume", "barrels"),
    "rub": ("money", "rubles"),
    "usd": ("money", "dollars"),
    "eur": ("money", "euros"),
    "gbp": ("money", "pounds"),
    "uah": ("money", "hryvnias"),
    "kzt": ("money", "tenge"),
    "cny": ("money", "yuan"),
    "jpy": ("money", "yen"),
    "year": ("time", "years"),
    "month": ("time", "months"),
    "week": ("time", "weeks"),
    "day": ("time", "days"),
    "hour": ("time", "hours"),
    "minute": ("time", "minutes"),
}
# Russian unit words by the beginning of their forms (longest first wins).
_RU_UNITS: tuple[tuple[str, str], ...] = (
    ("килограмм", "kg"),
    ("кг", "kg"),
    ("грамм", "g"),
    ("тонн", "ton"),
    ("километр", "km"),
    ("км", "km"),
    ("сантиметр", "cm"),
    ("см", "cm"),
    ("миллиметр", "mm"),
    ("мм", "mm"),
    ("метр", "m"),
    ("миль", "mile"),
    ("фут", "foot"),
    ("гектар", "ha"),
    ("га", "ha"),
    ("акр", "acre"),
    ("литр", "liter"),
    ("галлон", "gallon"),
    ("баррел", "barrel"),
    ("рубл", "rub"),
    ("руб", "rub"),
    ("доллар", "usd"),
    ("евро", "eur"),
    ("фунт", "lb"),  # «фунтов стерлингов» is read below
    ("гривн", "uah"),
    ("тенге", "kzt"),
    ("юан", "cny"),
    ("иен", "jpy"),
    ("йен", "jpy"),
    ("год", "year"),
    ("лет", "year"),
    ("месяц", "month"),
    ("недел", "week"),
    ("сут", "day"),
    ("дней", "day"),
    ("дня", "day"),
    ("день", "day"),
    ("час", "hour"),
    ("минут", "minute"),
)
_EN_UNITS: tuple[tuple[str, str], ...] = (
    ("kilograms", "kg"),
    ("kilogram", "kg"),
    ("kilos", "kg"),
    ("kg", "kg"),
    ("grams", "g"),
    ("gram", "g"),
    ("tonnes", "ton"),
    ("tonne", "ton"),
    ("tons", "ton"),
    ("ton", "ton"),
    ("pounds", "lb"),
    ("pound", "lb"),
    ("lbs", "lb"),
    ("lb", "lb"),
    ("kilometers", "km"),
    ("kilometres", "km"),
    ("kilometer", "km"),
    ("kilometre", "km"),
    ("km", "km"),
    ("centimeters", "cm"),
    ("centimetres", "cm"),
    ("cm", "cm"),
    ("millimeters", "mm"),
    ("millimetres", "mm"),
    ("mm", "mm"),
    ("meters", "m"),
    ("metres", "m"),
    ("meter", "m"),
    ("metre", "m"),
    ("miles", "mile"),
    ("mile", "mile"),
    ("feet", "foot"),
    ("foot", "foot"),
    ("hectares", "ha"),
    ("hectare", "ha"),
    ("acres", "acre"),
    ("liters", "liter"),
    ("litres", "liter"),
    ("liter", "liter"),
    ("litre", "liter"),
    ("gallons", "gallon"),
    ("barrels", "barrel"),
    ("rubles", "rub"),
    ("roubles", "rub"),
    ("ruble", "rub"),
    ("rouble", "rub"),
    ("dollars", "usd"),
    ("dollar", "usd"),
    ("euros", "eur"),
    ("euro", "eur"),
    ("hryvnias", "uah"),
    ("hryvnia", "uah"),
    ("hryvnas", "uah"),
    ("tenge", "kzt"),
    ("yuan", "cny"),
    ("yen", "jpy"),
    ("years", "year"),
    ("year", "year"),
    ("months", "month"),
    ("month", "month"),
    ("weeks", "week"),
    ("week", "week"),
    ("days", "day"),
    ("day", "day"),
    ("hours", "hour"),
    ("hour", "hour"),
    ("minutes", "minute"),
    ("minute", "minute"),
)
_EN_UNIT = dict(_EN_UNITS)
# Abbreviations that are units only as a whole word.
_WHOLE_WORD = frozenset(["кг", "км", "см", "мм", "га", "руб", "дн"])
# Currency signs before a number ("$5", "€5", "£5", "₽5").
_SIGNS = {"$": "usd", "€": "eur", "£": "gbp", "₽": "rub"}
# Scale words between a number and its unit ("5 million rubles", «5 млн рублей»).
_SCALE = regex.compile(
    r"\s*(?:thousand|million|billion|trillion|mln|bn|тысяч\w*|тыс\.?|миллион\w*|млн\.?"
    r"|миллиард\w*|млрд\.?|триллион\w*|трлн\.?)(?!\w)",
    regex.IGNORECASE,
)
_NEXT_WORD = regex.compile(r"[\s\u00a0]*([\p{L}]+)")


@dataclass(frozen=True)
class UnitFinding:
    start: int
    end: int
    message: str
    suggestion: str


def _after(text: str, item: Item) -> tuple[str, int] | None:
    """(the word after the number, past a scale word; where it ends)."""
    pos = item.end
    scale = _SCALE.match(text, pos)
    if scale:
        pos = scale.end()
    m = _NEXT_WORD.match(text, pos)
    if m is None:
        return None
    return m.group(1), m.end(1)


def _sign_before(text: str, item: Item) -> str | None:
    before = text[max(0, item.start - 2) : item.start].strip()
    return _SIGNS.get(before[-1:]) if before else None


def _ru_unit(text: str, item: Item) -> str | None:
    sign = _sign_before(text, item)
    if sign:
        return sign
    nxt = _after(text, item)
    if nxt is None:
        return None
    word = nxt[0].lower()
    if word in ("м", "г", "д", "т", "л"):
        return None  # a single letter is too many things («г.» is a year, «м» a metre or a million)
    for stem, unit in _RU_UNITS:
        if word.startswith(stem):
            if unit == "lb" and regex.match(r"\s*стерлинг", text[nxt[1] :]):
                return "gbp"
            if stem in _WHOLE_WORD and word != stem:
                return None  # «га», «см» only as the whole word, not «гарантия», «смена»
            return unit
    return None


def _en_unit(text: str, item: Item) -> tuple[str | None, int, int]:
    """(the English unit of ``item``, where its word starts and ends)."""
    sign = _sign_before(text, item)
    if sign:
        start = text.rfind(text[max(0, item.start - 2) : item.start].strip()[-1:], 0, item.start)
        return sign, start, item.end
    nxt = _after(text, item)
    if nxt is None:
        return None, item.start, item.end
    word, end = nxt
    unit = _EN_UNIT.get(word.lower())
    if unit == "lb" and regex.match(r"\s*sterling", text[end:], regex.IGNORECASE):
        unit = "gbp"
    return unit, end - len(word), end


def _plain(item: Item) -> bool:
    """A quantity: no date or time, and not a scale word read alone ("thousand" in "300
    thousand dollars" is the number's scale, judged with the number)."""
    if not item.values or any(isinstance(v, tuple) for v in item.values):
        return False
    return not (item.text.isalpha() and _SCALE.fullmatch(item.text))


def _items(text: str, lang: str) -> list[Item]:
    return [it for it in quantities(text, lang) if _plain(it)]


def unit_findings(src: str, mt: str, src_lang: str, tgt_lang: str) -> list[UnitFinding]:
    """Numbers whose unit or currency is another of the same kind than the source's."""
    if src_lang != "ru" or tgt_lang != "en" or not src.strip() or not mt.strip():
        return []
    m_items = _items(mt, "en")
    if not m_items:
        return []
    s_items = _items(src, "ru")
    out: list[UnitFinding] = []
    for m, s in one_to_one(m_items, s_items):
        e_unit, u_start, u_end = _en_unit(mt, m)
        r_unit = _ru_unit(src, s)
        if e_unit is None or r_unit is None or e_unit == r_unit:
            continue
        if _UNITS[e_unit][0] != _UNITS[r_unit][0]:
            continue  # another kind: a rephrasing, not a swapped unit
        if {e_unit, r_unit} in ({"lb", "gbp"}, {"day", "hour"}):
            continue  # «2 суток» is "48 hours": the numbers rule matched the converted value
        start, end = min(m.start, u_start), max(m.end, u_end)
        out.append(
            UnitFinding(
                start,
                end,
                f"'{mt[start:end]}' is in {_UNITS[e_unit][1]}; the source's {s.text} is"
                f" in {_UNITS[r_unit][1]}",
                _UNITS[r_unit][1],
            )
        )
    return out
