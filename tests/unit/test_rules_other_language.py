"""A translation that is in another language altogether (rules.other_language): critical."""

from __future__ import annotations

import pytest

from mtqa.checks import Languages
from mtqa.checks.rules import RulesCheck, other_language
from mtqa.types import Segment


@pytest.mark.parametrize(
    ("mt", "says"),
    [
        (
            "Die Regierung hat am Montag neue Maßnahmen gegen die Inflation beschlossen.",
            "reads as German",
        ),
        (
            "Le gouvernement a annoncé lundi de nouvelles mesures contre l'inflation.",
            "reads as French",
        ),
        ("El gobierno anunció el lunes nuevas medidas contra la inflación.", "reads as Spanish"),
        ("Guvernul a anunțat luni noi măsuri împotriva inflației.", "reads as Romanian"),
        # a language no list here has (Estonian): most words are simply not English
        ("Valitsus teatas esmaspäeval uutest meetmetest inflatsiooni vastu.", "not English"),
    ],
)
def test_a_text_in_another_language_is_critical(mt: str, says: str) -> None:
    (hit,) = other_language(mt, "en", 6, 0.6)
    assert (hit.category, hit.severity, hit.start, hit.end) == (
        "untranslated",
        "critical",
        0,
        len(mt),
    )
    assert says in hit.message


@pytest.mark.parametrize(
    "mt",
    [
        "The government announced new measures against inflation on Monday.",
        # a short foreign quote, names and loanwords inside English
        "Merkel said in German: 'Wir schaffen das', meaning that the country could cope.",
        "The chef served croissants, baguettes and crème brûlée at the café in Montmartre.",
        "Er sagte: Wir schaffen das.",  # too few words to judge
        "Zelensky met Duda, Macron and Scholz in Kyiv on Tuesday.",
        # Cyrillic is the untranslated rule's business, not this one's
        "На час ума не стало , а навек в дураки попал .",
    ],
)
def test_english_text_and_short_quotes_are_left_alone(mt: str) -> None:
    assert other_language(mt, "en", 6, 0.6) == []


def test_another_latin_target_is_judged_against_its_own_list() -> None:
    (hit,) = other_language(
        "The government announced new measures against inflation on Monday.", "de", 6, 0.6
    )
    assert "reads as English, not German" in hit.message


def test_the_rules_check_reports_it_and_a_param_turns_it_off() -> None:
    seg = Segment(
        0, "s", "Le gouvernement a annoncé lundi de nouvelles mesures contre l'inflation."
    )
    (result,) = RulesCheck(langs=Languages("ru", "en")).run([seg])
    assert [(f.category, f.severity) for f in result.flags] == [("untranslated", "critical")]
    enabled = [r for r in RulesCheck().rules if r != "other_language"]
    (result,) = RulesCheck(params={"enabled": enabled}, langs=Languages("ru", "en")).run([seg])
    assert result.flags == ()
