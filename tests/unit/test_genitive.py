"""The genitive step of `senses`: a Russian genitive rendered "X of Y" where English print says
"Y X" ("the market of labour" for «рынок труда» -> "labour market").

Rows are from tests/data/genitive_tuning.tsv (tuning material). The step needs the Mueller
dictionary (the round trip for X's alternatives and the source links), the CMU trigram model and
symspellpy's list of frequent bigrams; those tests skip when Mueller or symspellpy is missing.
"""

from __future__ import annotations

import pytest

from mtqa.checks.genitive import DEFAULTS, source_genitives
from mtqa.checks.lm import common_bigrams
from mtqa.checks.senses import SenseCheck
from mtqa.lexicon import dictd
from mtqa.types import Segment


def _seg(mt: str, src: str | None = None) -> Segment:
    return Segment(index=0, id="s", mt=mt, src=src)


@pytest.fixture(scope="module")
def check() -> SenseCheck:
    if dictd.resolve(None) is None:
        pytest.skip("the Mueller dictionary (mueller7-dict) is not installed")
    if common_bigrams() is None:
        pytest.skip("symspellpy (the list of frequent English bigrams) is not installed")
    return SenseCheck({"genitive": True})


def _genitive_flags(check: SenseCheck, mt: str, src: str | None = None) -> list:
    return [f for f in check.check_one(_seg(mt, src)).flags if "genitive" in f.message]


# (source, literal translation, flagged span, suggestion, clean twin)
GARBLED = [
    (
        "Рынок труда восстанавливается медленнее, чем ожидалось.",
        "The market of labour is recovering more slowly than expected.",
        "market of labour",
        "labour market",
        "The labour market is recovering more slowly than expected.",
    ),
    (
        "Сотрудники полиции задержали подозреваемого у вокзала.",
        "Employees of police detained the suspect near the station.",
        "Employees of police",
        "Police officers",
        "Police officers detained the suspect near the station.",
    ),
    (
        "В лагере беженцев не хватает воды.",
        "There is not enough water in the camp of refugees.",
        "camp of refugees",
        "refugee camp",
        "There is not enough water in the refugee camp.",
    ),
    (
        "Силы безопасности оцепили район.",
        "Forces of security cordoned off the area.",
        "Forces of security",
        "Security forces",
        "Security forces cordoned off the area.",
    ),
    (
        "Дефицит бюджета превысил три процента ВВП.",
        "The deficit of the budget exceeded three percent of GDP.",
        "deficit of the budget",
        "budget deficit",
        "The budget deficit exceeded three percent of GDP.",
    ),
    (
        "Цепочки поставок были нарушены пандемией.",
        "Chains of supplies were disrupted by the pandemic.",
        "Chains of supplies",
        "Supply chains",
        "Supply chains were disrupted by the pandemic.",
    ),
    (
        "Прогноз погоды обещает дожди.",
        "The forecast of weather promises rain.",
        "forecast of weather",
        "weather forecast",
        "The weather forecast promises rain.",
    ),
    (
        "Рынок жилья в Москве замедлился.",
        "The market of housing in Moscow has slowed down.",
        "market of housing",
        "housing market",
        "The housing market in Moscow has slowed down.",
    ),
    (
        "Ставки ипотеки снова выросли.",
        "Rates of mortgage rose again.",
        "Rates of mortgage",
        "Mortgage rates",
        "Mortgage rates rose again.",
    ),
]

# "X of Y" that English says that way: the LM has seen it, a name, a partitive, a repetition.
ENGLISH_OF = [
    "The price of oil fell below 80 dollars a barrel.",
    "The Ministry of Defence denied these reports.",
    "The head of the delegation said the talks went well.",
    "The EU approved a new package of sanctions.",
    "The rule of law must be respected.",
    "Freedom of speech is protected by the constitution.",
    "The Bank of Russia kept its key rate unchanged.",
    "The number of cases of infection is rising.",
    "Leaders of the opposition called for protests.",
    "The Office of the President issued a statement.",
    "Members of parliament voted against the bill.",
    "The President of France arrived in Berlin.",
    "The Chairman of the Committee opened the hearing.",
    "They ran out of branches to cut.",
    "He read the results of a survey.",
    "Questions of the security of the security of the region were raised.",
    # "of the Y" names one particular Y: a larger margin is needed
    "He walked the streets of the city at night.",
    "The extension of the contract was signed.",
    "Firefighters worked in the area of the fire.",
    # a plural-only noun: its singular is an adjective ("good portion")
    "A new portion of goods arrived.",
]


@pytest.mark.parametrize(("src", "mt", "span", "suggestion", "twin"), GARBLED)
def test_a_literal_genitive_is_flagged_target_only(
    check: SenseCheck, src: str, mt: str, span: str, suggestion: str, twin: str
) -> None:
    flags = _genitive_flags(check, mt)
    assert [(f.text, f.suggestion, f.severity) for f in flags] == [(span, suggestion, "minor")]
    assert _genitive_flags(check, twin) == []


@pytest.mark.parametrize(("src", "mt", "span", "suggestion", "twin"), GARBLED)
def test_the_source_genitive_corroborates(
    check: SenseCheck, src: str, mt: str, span: str, suggestion: str, twin: str
) -> None:
    flags = _genitive_flags(check, mt, src)
    assert [(f.text, f.suggestion) for f in flags] == [(span, suggestion)]
    assert "(source «" in flags[0].message
    assert _genitive_flags(check, twin, src) == []


@pytest.mark.parametrize(
    ("src", "mt"),
    [
        # no noun + genitive noun in the source: the "of" is English, not Russian grammar
        ("Рынок растёт за счёт труда мигрантов.", "The market of labour is recovering."),
        ("Лагерь построили для беженцев.", "There is not enough water in the camp of refugees."),
        ("Прогноз обещает дожди.", "The forecast of weather promises rain."),
    ],
)
def test_without_a_source_genitive_no_flag(check: SenseCheck, src: str, mt: str) -> None:
    assert _genitive_flags(check, mt, src) == []
    assert _genitive_flags(check, mt) != []  # the same translation alone is flagged


@pytest.mark.parametrize("mt", ENGLISH_OF)
def test_english_of_phrases_stay_quiet(check: SenseCheck, mt: str) -> None:
    assert _genitive_flags(check, mt) == []


def test_the_setting_switches_the_step(check: SenseCheck) -> None:
    mt = "The market of labour is recovering more slowly than expected."
    off = SenseCheck({"genitive": False}, lexicon=check.lexicon, lm=check.lm)
    assert _genitive_flags(off, mt) == []
    assert _genitive_flags(check, mt) != []


def test_the_step_is_on_by_default(check: SenseCheck) -> None:
    # shipped on: the ship rule of docs/senses.md held on the tuning material
    assert DEFAULTS["genitive"] is True
    default = SenseCheck(lexicon=check.lexicon, lm=check.lm)
    flags = _genitive_flags(
        default, "The market of labour is recovering more slowly than expected."
    )
    assert [f.suggestion for f in flags] == ["labour market"]


@pytest.mark.parametrize(
    ("src", "pairs"),
    [
        ("Рынок труда восстанавливается.", [("Рынок", "труда")]),
        ("Цены на нефть выросли.", [("Цены", "нефть")]),
        ("Сотрудники полиции задержали его.", [("Сотрудники", "полиции")]),
        ("Рынок растёт.", []),
        ("Он пришёл домой.", []),
    ],
)
def test_source_genitives(src: str, pairs: list[tuple[str, str]]) -> None:
    assert [p for p in source_genitives(src) if p in pairs] == pairs
    if not pairs:
        assert source_genitives(src) == ()
