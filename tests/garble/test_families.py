"""Each garble family on hand-made pairs: the corrupted text and the labelled span."""

from __future__ import annotations

import random

import pytest

from mtqa.garble import FAMILIES, BuiltinSenses, Pair, TableSenses, generate, word_tags
from mtqa.garble.names import wrong_romanisations

SENSES = TableSenses(
    {
        "дело": [("case", 0), ("affair", 1)],
        "принимать": [("accept", 0), ("take", 1)],
        "участие": [("participation", 0)],
        "коренной": [("indigenous", 0)],
        "причина": [("cause", 0), ("reason", 1)],
        "неприемлемый": [("unacceptable", 0)],
        "ситуация": [("situation", 0)],
        "внутренний": [("internal", 0)],
        "система": [("system", 0)],
    },
    (("take part", ("принимать", "участие")),),
)

# family, src, clean mt, garbled mt, text of the labelled span
EXACT = [
    (
        "wrong_sense",
        "Он занимался этим делом.",
        "He handled this case.",
        "He handled this affair.",
        "affair",
    ),
    (
        "wrong_sense",
        "Эти дела сложны.",
        "These cases are complex.",
        "These affairs are complex.",
        "affairs",
    ),
    (
        "calque",
        "Он будет принимать участие в выборах.",
        "He will take part in the elections.",
        "He will accept participation in the elections.",
        "accept participation",
    ),
    (
        "calque",
        "Это коренные причины кризиса.",
        "These are the root causes of the crisis.",
        "These are the indigenous causes of the crisis.",
        "indigenous",
    ),
    ("polarity", "Это неприемлемо.", "This is unacceptable.", "This is acceptable.", "acceptable"),
    (
        "derivation",
        "Развивающиеся страны растут.",
        "Developing countries grow.",
        "Developed countries grow.",
        "Developed",
    ),
    (
        "repetition",
        "Переговоры были спокойными и тихими.",
        "The talks were calm and quiet.",
        "The talks were calm and calm.",
        "calm",
    ),
    ("negation", "Он не пришёл.", "He did not come.", "He did come.", "did come"),
    ("negation", "Он не пришёл.", "He didn't come.", "He did come.", "did come"),
    ("negation", "Он пришёл вовремя.", "He was on time.", "He was not on time.", "not"),
    (
        "untranslated",
        "Он занимался этим делом.",
        "He handled this case.",
        "He handled this делом.",
        "делом",
    ),
    (
        "scramble",
        "Когда дождь кончился, дети пошли гулять.",
        "When the rain stopped, the children went outside to play.",
        "The children went outside to play, when the rain stopped.",
        "The children went outside to play, when the rain stopped",
    ),
]


@pytest.mark.parametrize("family,src,mt,garbled,span_text", EXACT)
def test_family_corrupts_and_labels_the_changed_words(family, src, mt, garbled, span_text) -> None:
    for seed in range(3):
        g = FAMILIES[family](Pair(src, mt), random.Random(seed), SENSES)
        assert g is not None
        assert g.mt == garbled
        assert g.clean == mt and g.src == src and g.family == family
        assert [g.mt[s.start : s.end] for s in g.spans] == [span_text]
        assert all(s.family == family for s in g.spans)


@pytest.mark.parametrize(
    "family,src,mt,allowed",
    [
        (
            "name",
            "Шмыгаль приехал в Киев.",
            "Shmyhal came to Kyiv.",
            set(wrong_romanisations("Шмыгаль", "Shmyhal")),
        ),
        (
            "number",
            "Погибли 15 человек.",
            "15 people died.",
            {"150"} | {f"{a}{b}" for a in "123456789" for b in "0123456789"} - {"15"},
        ),
        ("number", "Это было в 2019 году.", "It was in 2019.", {"2017", "2018", "2020", "2021"}),
        (
            "number",
            "Это было 12 декабря.",
            "It was on December 12.",
            {str(d) for d in range(1, 29)} - {"12"},
        ),
    ],
)
def test_family_with_several_choices_changes_only_the_span(family, src, mt, allowed) -> None:
    for seed in range(5):
        g = FAMILIES[family](Pair(src, mt), random.Random(seed), SENSES)
        assert g is not None
        (span,) = g.spans
        new = g.mt[span.start : span.end]
        assert new in allowed
        assert g.mt[: span.start] == mt[: span.start]
        assert g.mt[span.end :] == mt[len(mt) - (len(g.mt) - span.end) :]


def test_wrong_romanisations_use_other_schemes_or_the_inflected_form() -> None:
    assert {"Schmygal", "Chmygal", "Shmygalya"} <= set(wrong_romanisations("Шмыгаля", "Shmyhal"))
    assert "Shmyhal" not in wrong_romanisations("Шмыгаль", "Shmyhal")


NOT_APPLICABLE = [
    ("wrong_sense", "Привет.", "Hello."),
    ("calque", "Привет.", "Hello."),
    ("polarity", "Это приемлемо.", "This is acceptable."),
    ("polarity", "Он пришёл.", "He came."),
    ("derivation", "Он пришёл.", "He came."),
    ("name", "Он пришёл.", "He came."),
    ("name", "Ситуация сложная.", "Situation is difficult."),  # a cognate, not a name
    ("repetition", "Он пришёл.", "He came."),
    ("repetition", "Путин и Байден встретились.", "Putin and Biden met."),
    ("negation", "Он не пришёл.", "He failed to come."),
    ("number", "Он пришёл.", "He came."),
    ("number", "Он пришёл в 5 часов.", "He came at six."),
    ("number", "Это было 14.07.2015.", "It was on 14.07.2015."),
    ("untranslated", "Привет.", "Hello."),
    ("calque", "Это внутренние системы.", "These are internal body systems."),
    ("scramble", "Он пришёл.", "He came."),
]


@pytest.mark.parametrize("family,src,mt", NOT_APPLICABLE)
def test_family_that_cannot_apply_returns_nothing(family, src, mt) -> None:
    assert FAMILIES[family](Pair(src, mt), random.Random(0), SENSES) is None


PAIRS = [Pair(src, mt, str(i)) for i, (_, src, mt, _, _) in enumerate(EXACT)] + [
    Pair(src, mt, f"n{i}") for i, (_, src, mt) in enumerate(NOT_APPLICABLE)
]


def _run(seed: int, **kw) -> list[tuple[str, str | None]]:
    return [
        (s.mt, s.garble.family if s.garble else None)
        for s in generate(PAIRS, seed, senses=SENSES, **kw)
    ]


def test_generator_is_deterministic_for_a_seed() -> None:
    assert _run(7) == _run(7)
    assert len(_run(7)) == len(PAIRS)  # one sample per pair, nothing dropped


def test_generator_keeps_a_share_clean_and_uses_only_the_asked_families() -> None:
    assert all(fam is None for _, fam in _run(1, clean_share=1.0))
    fams = {fam for _, fam in _run(1, families=["negation", "number"])}
    assert fams <= {"negation", "number", None} and "negation" in fams


def test_generator_balances_families() -> None:
    fams = [fam for _, fam in _run(3) if fam]
    assert len(set(fams)) >= 8  # least-used family first, so most families appear


def test_unknown_family_is_a_user_error() -> None:
    from mtqa.errors import MtqaError

    with pytest.raises(MtqaError, match="unknown garble families"):
        list(generate(PAIRS, 0, families=["nonsense"], senses=SENSES))


def test_word_tags_mark_tokens_overlapping_a_span() -> None:
    g = FAMILIES["wrong_sense"](
        Pair("Эти дела сложны.", "These cases are complex."), random.Random(0), SENSES
    )
    assert word_tags(g.mt, g) == (
        ["These", "affairs", "are", "complex."],
        ["OK", "BAD", "OK", "OK"],
    )
    assert word_tags("A b.", None)[1] == ["OK", "OK"]


def test_builtin_senses_know_a_polysemous_word() -> None:
    senses = BuiltinSenses()
    assert {"case", "affair"} <= set(senses.renderings("делом"))
    assert "дело" in senses.translations("affair")
