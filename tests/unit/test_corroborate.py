"""Corroboration across checks (mtqa/corroborate.py): hand-made flags, no model."""

from __future__ import annotations

import pytest

from mtqa.corroborate import corroborate
from mtqa.types import CheckResult, Flag

MT = "They backed the peaceful warfare of the conflict in Antalya on 12 May."


def flag(
    check: str,
    text: str,
    severity: str = "minor",
    category: str | None = None,
    confidence: float = 0.6,
    suggestion: str | None = None,
) -> Flag:
    start = MT.index(text)
    default = {"qe": "mistranslation", "source": "name", "fluency": "collocation"}
    return Flag(
        start=start,
        end=start + len(text),
        text=text,
        category=category or default.get(check, "mistranslation"),
        severity=severity,  # type: ignore[arg-type]
        confidence=confidence,
        message=f"{check} says so",
        check=check,
        suggestion=suggestion,
    )


def qe_ran(*support: str, bad: tuple[str, ...] = ()) -> CheckResult:
    """A qe result for a sentence the model read; ``support``: its words at P(BAD) ≥ half its
    threshold; ``bad``: its words at or above the threshold that are no reported flag."""
    return CheckResult(
        scores={"qe": 0.1},
        support=tuple(flag("qe", w, category="elevated", confidence=0.3) for w in support)
        + tuple(flag("qe", w, category="bad", confidence=0.5) for w in bad),
    )


def view(flags: list[Flag]) -> list[tuple[str, str, str, str]]:
    return sorted((f.check, f.text, f.category, f.severity) for f in flags)


ADEQ = flag("adequacy", "warfare", "minor", suggestion="peaceful settlement")


@pytest.mark.parametrize(
    "flags, qe, expected",
    [
        # agreement: one flag, the lexical span and category, one step up
        (
            [ADEQ, flag("qe", "peaceful warfare", "minor", confidence=0.9)],
            qe_ran("peaceful", "warfare"),
            [("adequacy", "warfare", "mistranslation", "major")],
        ),
        # the step starts from the worse of the two and reaches major at most ...
        (
            [ADEQ, flag("qe", "peaceful warfare", "major", confidence=0.9)],
            qe_ran("peaceful", "warfare"),
            [("adequacy", "warfare", "mistranslation", "major")],
        ),
        # ... but a critical flag stays critical
        (
            [ADEQ, flag("qe", "peaceful warfare", "critical", confidence=0.97)],
            qe_ran("peaceful", "warfare"),
            [("adequacy", "warfare", "mistranslation", "critical")],
        ),
        (
            [flag("adequacy", "warfare", "critical"), flag("qe", "warfare", "critical")],
            qe_ran("warfare"),
            [("adequacy", "warfare", "mistranslation", "critical")],
        ),
        # a name from the source check agrees with the model too
        (
            [flag("source", "Antalya", "minor"), flag("qe", "in Antalya", "minor")],
            qe_ran("Antalya"),
            [("source", "Antalya", "name", "major")],
        ),
        # but not a number (the source check's numbers are exact already) nor a fluency flag
        (
            [flag("source", "12", "major", "number"), flag("qe", "12 May", "minor")],
            qe_ran("12"),
            [("qe", "12 May", "mistranslation", "minor"), ("source", "12", "number", "major")],
        ),
        # no overlap, no agreement
        (
            [ADEQ, flag("qe", "Antalya", "minor")],
            qe_ran("Antalya"),
            [
                ("adequacy", "warfare", "mistranslation", "minor"),
                ("qe", "Antalya", "mistranslation", "minor"),
            ],
        ),
        # a major lexical flag nothing backs is lowered to minor ...
        (
            [flag("adequacy", "warfare", "major")],
            qe_ran("Antalya"),
            [("adequacy", "warfare", "mistranslation", "minor")],
        ),
        # (a collocation lowered so is then left out: nothing backs it)
        ([flag("fluency", "peaceful warfare", "major")], qe_ran(), []),
        # ... not when the model finds a word under it suspicious at all
        (
            [flag("senses", "warfare", "major")],
            qe_ran("warfare"),
            [("senses", "warfare", "mistranslation", "major")],
        ),
        # ... nor when another check flags the same words
        (
            [flag("adequacy", "peaceful warfare", "major"), flag("rules", "warfare", "minor")],
            qe_ran(),
            [
                ("adequacy", "peaceful warfare", "mistranslation", "major"),
                ("rules", "warfare", "mistranslation", "minor"),
            ],
        ),
        # other checks' majors are not the lexical checks' business
        (
            [flag("source", "12", "major", "number")],
            qe_ran(),
            [("source", "12", "number", "major")],
        ),
    ],
)
def test_corroboration_with_the_qe_model(flags, qe, expected) -> None:
    assert view(corroborate(flags, {"qe": qe})) == expected


@pytest.mark.parametrize(
    "results",
    [
        {},  # offline profile: no qe check at all
        {"qe": CheckResult()},  # qe configured but did not read this sentence
    ],
)
def test_without_the_model_nothing_is_lowered_or_merged(results) -> None:
    flags = [flag("adequacy", "warfare", "major"), flag("fluency", "the conflict", "major")]
    assert corroborate(flags, results) == flags


def test_agreement_keeps_the_dictionary_suggestion_and_says_both() -> None:
    [out] = corroborate([ADEQ, flag("qe", "peaceful warfare", confidence=0.9)], {"qe": qe_ran()})
    assert out.suggestion == "peaceful settlement"
    assert out.message == "adequacy says so; the QE model agrees (P(BAD) 0.90)"
    assert out.confidence == pytest.approx(1 - 0.4 * 0.1)


def test_one_qe_flag_corroborates_every_lexical_flag_under_it() -> None:
    flags = [
        flag("adequacy", "peaceful"),
        flag("senses", "warfare"),
        flag("qe", "peaceful warfare of the conflict"),
    ]
    assert view(corroborate(flags, {"qe": qe_ran()})) == [
        ("adequacy", "peaceful", "mistranslation", "major"),
        ("senses", "warfare", "mistranslation", "major"),
    ]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, [("adequacy", "warfare", "mistranslation", "major")]),
        ({"cap": "critical"}, [("adequacy", "warfare", "mistranslation", "critical")]),
        (
            {"agree": False},
            [
                ("adequacy", "warfare", "mistranslation", "major"),
                ("qe", "warfare", "mistranslation", "major"),
            ],
        ),
    ],
)
def test_agreement_parameters(params, expected) -> None:
    flags = [flag("adequacy", "warfare", "major"), flag("qe", "warfare", "major")]
    assert view(corroborate(flags, {"qe": qe_ran("warfare")}, params)) == expected


@pytest.mark.parametrize("keep_structural, expected", [(True, "major"), (False, "minor")])
def test_calques_and_polarity_flips_are_not_lowered_for_want_of_the_model(
    tmp_path, monkeypatch, keep_structural: bool, expected: str
) -> None:
    """The adequacy check's calque and polarity flags are two-sided evidence by construction
    (a dictionary phrase rendered word by word, a prefix the other side lacks); measured on the
    tuning garbles, lowering them lost more real errors than false alarms. Real flags of the
    check (tiny test dictionary), so a change of their wording shows here."""
    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.lexicon import lookup
    from mtqa.lexicon.dictd import resolve
    from mtqa.types import Segment
    from tests.lexicon.dictd_fixture import write_dictd

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    files = resolve(str(write_dictd(tmp_path)))
    assert files is not None
    check = AdequacyCheck()
    check._lexicon = lookup.merge([("tiny", lookup.load_dictionary_maps(files))])
    rows = [
        ("Налог платят юридические лица.", "Legal faces pay the tax."),
        ("Эксперты предупредили о дестабилизации региона.", "Experts warned of the stabilization."),
    ]
    for src, mt in rows:
        [flag] = check.run([Segment(0, "s", mt, src=src)])[0].flags
        assert flag.severity == "major"
        params = {"keep_structural": keep_structural}
        [out] = corroborate([flag], {"qe": qe_ran()}, params)
        assert out.severity == expected


@pytest.mark.parametrize(
    "params, qe, expected",
    [
        # a BAD word below the calibration's reporting floor corroborates only when asked to
        ({"agree_below_floor": True}, qe_ran(bad=("warfare",)), "major"),
        ({}, qe_ran(bad=("warfare",)), "minor"),
        # an elevated word (below the threshold) backs a flag but does not raise it
        ({}, qe_ran("warfare"), "minor"),
    ],
)
def test_unreported_bad_words_corroborate(params, qe, expected) -> None:
    [out] = corroborate([ADEQ], {"qe": qe}, params)
    assert out.severity == expected
    assert ("the QE model agrees (P(BAD) 0.50)" in out.message) == (expected == "major")


@pytest.mark.parametrize(
    "message, expected",
    [
        # the source's grammar against the English form: kept, like calques and polarity flips
        (
            "derivation: 'backed' is the -ed form, but «поддерживающие» is an active participle",
            "major",
        ),
        ("polarity: 'warfare' drops the negation of «...»", "major"),
        ("'warfare' renders «x» word by word; the dictionary translates the phrase as: y", "major"),
        # a wrong sense is one-sided (a rendering the LM likes less): lowered without the model
        ("'warfare' does not fit here; source has «урегулирования»: settlement", "minor"),
    ],
)
def test_structural_adequacy_flags_keep_their_severity(message: str, expected: str) -> None:
    from dataclasses import replace

    f = replace(flag("adequacy", "warfare", "major"), message=message)
    [out] = corroborate([f], {"qe": qe_ran()})
    assert out.severity == expected


COLLOCATION = flag("fluency", "peaceful warfare", "minor")


@pytest.mark.parametrize(
    "flags, qe, kept",
    [
        # the QE model read the sentence and sees nothing under the pair: left out
        ([COLLOCATION], qe_ran(), []),
        # the model's support under it, or another check on the same words: kept
        (
            [COLLOCATION],
            qe_ran("warfare"),
            [("fluency", "peaceful warfare", "collocation", "minor")],
        ),
        (
            [COLLOCATION, flag("senses", "warfare")],
            qe_ran(),
            [
                ("fluency", "peaceful warfare", "collocation", "minor"),
                ("senses", "warfare", "mistranslation", "minor"),
            ],
        ),
        # without the model (the offline profile) nothing is left out for want of it
        ([COLLOCATION], None, [("fluency", "peaceful warfare", "collocation", "minor")]),
    ],
)
def test_unsupported_collocations_are_left_out(flags, qe, kept) -> None:
    results = {"qe": qe} if qe is not None else {}
    assert view(corroborate(flags, results)) == kept


def test_leaving_out_can_be_switched_off() -> None:
    out = corroborate([COLLOCATION], {"qe": qe_ran()}, {"drop_unsupported": ()})
    assert view(out) == [("fluency", "peaceful warfare", "collocation", "minor")]


# A literal proverb (written for this test): the model's flag covers the whole sentence.
PROVERB = "Whoever sleeps the longest lives the shortest."


def proverb_flag(check: str, text: str, severity: str = "minor") -> Flag:
    start = PROVERB.index(text)
    return Flag(
        start=start,
        end=start + len(text),
        text=text,
        category="mistranslation",
        severity=severity,  # type: ignore[arg-type]
        confidence=0.7,
        message=f"{check} says so",
        check=check,
    )


@pytest.mark.parametrize(
    "qe_text, params, expected",
    [
        # the model's flag over the whole sentence: corroborated, kept, not raised
        (PROVERB[:-1], {}, "minor"),
        (PROVERB, {}, "minor"),
        # a flag on the words themselves still raises
        ("lives the shortest", {}, "major"),
        # off
        (PROVERB[:-1], {"agree_sentence_share": 1.1}, "major"),
    ],
)
def test_a_model_flag_over_the_whole_sentence_raises_nothing(qe_text, params, expected) -> None:
    flags = [proverb_flag("adequacy", "lives"), proverb_flag("qe", qe_text)]
    [out] = corroborate(flags, {"qe": qe_ran()}, params, mt=PROVERB)
    assert (out.check, out.severity) == ("adequacy", expected)
    assert ("whole sentence" in out.message) is (expected == "minor")


def test_a_major_under_a_sentence_wide_model_flag_is_not_lowered() -> None:
    flags = [proverb_flag("adequacy", "lives", "major"), proverb_flag("qe", PROVERB[:-1])]
    [out] = corroborate(flags, {"qe": qe_ran()}, mt=PROVERB)
    assert out.severity == "major"
