"""Negation against a Russian source (mtqa.checks.source.negation): inserted and dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from mtqa.checks.base import Languages
from mtqa.checks.source import SourceCheck
from mtqa.checks.source.negation import negation_findings, plain_negations, source_negates
from mtqa.types import Segment


@pytest.mark.parametrize(
    "src, mt, expected",
    [
        # inserted: the translation negates, the source has no negating word
        ("Он пришёл вовремя.", "He was not on time.", [("not", "inserted")]),
        ("Он пришёл вовремя.", "He didn't come on time.", [("n't", "inserted")]),
        # negation in the source's stems: no finding ("did not vote" for «воздержался»)
        ("Депутат воздержался.", "The deputy did not vote.", []),
        ("Он перестал отвечать.", "He no longer answered.", []),
        ("Это неприемлемо.", "This is not acceptable.", []),
        # "No. 30" is a number sign, not a negation
        ("Школа № 30 ликует.", "School No. 30 was jubilant.", []),
        # dropped: the source negates a verb, the translation has no negation at all
        ("Он не пришёл.", "He came.", [("came", "dropped")]),
        # the negation survives as a word that carries it, or as a contraction with a space
        ("Он не пришёл.", "He failed to come.", []),
        ("Он не пришёл.", "He didn 't come.", []),
        ("Он не пришёл.", "He did not come.", []),
        # fixed phrases English renders without a negation
        ("Он не только пришёл, но и остался.", "He came and also stayed.", []),
        ("Погибли не менее десяти человек.", "At least ten people died.", []),
    ],
)
def test_negation_findings(src, mt, expected) -> None:
    found = negation_findings(src, mt)
    assert [(mt[f.start : f.end], f.kind) for f in found] == expected
    assert all(f.severity == "minor" for f in found)


MUELLER = Path("/usr/share/dictd/mueller7.index")


@pytest.mark.skipif(not MUELLER.exists(), reason="mueller7-dict is not installed")
@pytest.mark.parametrize(
    "src, mt, expected",
    [
        # the negated verb is rendered by a word that renders another source word: a free
        # rendering that carries the negation in its sense ("lost control"), no finding
        ("Водитель не справился с управлением.", "The driver lost control.", []),
        # ... but the verb's own central rendering without "not" is a dropped negation
        ("Он не знает правды.", "He knows the truth.", [("knows", "dropped")]),
    ],
)
def test_a_negated_word_rendered_freely_is_not_a_dropped_negation(src, mt, expected) -> None:
    found = negation_findings(src, mt)
    assert [(mt[f.start : f.end], f.kind) for f in found] == expected


def test_a_dropped_negation_without_an_aligned_word_marks_the_sentence() -> None:
    mt = "Do demonize the people of Khabarovsk."
    [f] = negation_findings("Не нужно демонизировать народ Хабаровска", mt)
    assert (f.start, f.end, f.kind) == (0, len(mt), "dropped")
    assert "«не нужно»" in f.message


def test_plain_negations_skip_fixed_phrases() -> None:
    assert plain_negations("Не только он, но и ни один из них не пришёл") == [9]
    assert source_negates("бесследно") and not source_negates("Он пришёл")


def test_the_source_check_reports_negation_for_russian_sources_only() -> None:
    seg = Segment(0, "s", "He was not on time.", src="Он пришёл вовремя.")
    [flag] = [f for f in SourceCheck().run([seg])[0].flags if f.category == "negation"]
    assert (flag.text, flag.severity, flag.check) == ("not", "minor", "source")
    other = SourceCheck(langs=Languages("de", "en")).run([seg])[0].flags
    assert not [f for f in other if f.category == "negation"]
    off = SourceCheck({"negation": False}).run([seg])[0].flags
    assert not [f for f in off if f.category == "negation"]
