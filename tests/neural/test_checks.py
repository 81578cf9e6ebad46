"""The neural checks on tiny random models: where flags land, what scores say, what --model adds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mtqa.checks import Languages, check_class
from mtqa.checks.neural import model_checks
from mtqa.errors import ModelError
from mtqa.types import Flag, Segment

# Thresholds that flag nearly every word of a random model's output, so spans get exercised.
FLAG_ALL: dict[str, Any] = {
    "max_token_prob": 1.0,
    "severity": {"minor": 0.0, "major": 99.0, "critical": 99.0},
    "max_chrf": 101.0,
    "skip_capitalised": False,
}


def _segments(sentences: tuple[list[str], list[str]]) -> list[Segment]:
    ru, en = sentences
    return [Segment(index=i, id=str(i), mt=m, src=s) for i, (s, m) in enumerate(zip(ru, en))]


def _on_word_boundaries(text: str, flag: Flag) -> None:
    assert 0 <= flag.start < flag.end <= len(text)
    assert flag.text == text[flag.start : flag.end]
    assert flag.start == 0 or not text[flag.start - 1].isalnum()
    assert flag.end == len(text) or not text[flag.end].isalnum()


@pytest.mark.parametrize("name", ["forced", "pseudoref", "backtranslation", "surprisal"])
def test_flags_lie_on_word_boundaries(
    name: str, marian_template: str, gpt2_dir: str, sentences: tuple[list[str], list[str]]
) -> None:
    model = gpt2_dir if name == "surprisal" else marian_template
    check = check_class(name)({"model": model, "device": "cpu", **FLAG_ALL}, Languages())
    segments = _segments(sentences)
    results = check.run(segments)
    flags = [(seg, f) for seg, r in zip(segments, results) for f in r.flags]
    assert flags, f"{name} flagged nothing even with every threshold at zero"
    for seg, f in flags:
        _on_word_boundaries(seg.mt, f)
        assert f.check == name and 0.0 <= f.confidence <= 1.0
    assert all(r.scores for r in results)


def test_forced_scores_and_suggestions(
    marian_template: str, sentences: tuple[list[str], list[str]]
) -> None:
    check = check_class("forced")({"model": marian_template, "device": "cpu", **FLAG_ALL})
    results = check.run(_segments(sentences))
    for r in results:
        assert r.scores["forced_logprob"] < 0
        assert 0 < r.scores["forced_score"] < 100
    for f in (f for r in results for f in r.flags):
        assert f.suggestion is None or (f.suggestion.strip() and f.suggestion != f.text)


def test_results_do_not_depend_on_input_order(
    marian_template: str, sentences: tuple[list[str], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MTQA_CACHE", "off")
    segments = _segments(sentences)
    check = check_class("forced")({"model": marian_template, "device": "cpu", **FLAG_ALL})
    forward = check.run(segments)
    check.seq2seq().cache.memory.clear()
    backward = check.run(segments[::-1])[::-1]
    for a, b in zip(forward, backward):
        assert a.scores == pytest.approx(b.scores, abs=1e-4)
        assert [(f.start, f.end) for f in a.flags] == [(f.start, f.end) for f in b.flags]


def test_back_translation_needs_the_reverse_direction(model_dir: Path) -> None:
    with pytest.raises(ModelError, match="back-translation needs"):
        check_class("backtranslation")({"model": str(model_dir / "tiny-ru-en"), "device": "cpu"})


def test_a_model_of_the_wrong_kind_is_refused(gpt2_dir: str) -> None:
    with pytest.raises(ModelError, match="needs a translation"):
        check_class("forced")({"model": gpt2_dir, "device": "cpu"})


@pytest.mark.parametrize(
    ("models", "with_src", "names", "expected"),
    [
        (["tpl"], True, None, ["forced", "pseudoref", "backtranslation"]),
        (["ru-en"], True, None, ["forced", "pseudoref"]),
        (["gpt2"], False, None, ["surprisal"]),
        (["tpl", "gpt2"], True, None, ["forced", "pseudoref", "backtranslation", "surprisal"]),
        (["tpl"], True, ["forced", "rules"], ["forced"]),
    ],
)
def test_what_model_adds(
    models: list[str],
    with_src: bool,
    names: list[str] | None,
    expected: list[str],
    model_dir: Path,
    marian_template: str,
    gpt2_dir: str,
) -> None:
    paths = {"tpl": marian_template, "ru-en": str(model_dir / "tiny-ru-en"), "gpt2": gpt2_dir}
    segs = [Segment(index=0, id="0", mt="The parties agreed.", src="Стороны" if with_src else None)]
    rest, built = model_checks([paths[m] for m in models], "cpu", Languages(), segs, names)
    assert [c.name for c in built] == expected
    assert rest == (None if names is None else [n for n in names if n not in expected])


def test_translation_model_without_source_is_a_user_error(marian_template: str) -> None:
    segs = [Segment(index=0, id="0", mt="The parties agreed.")]
    with pytest.raises(ModelError, match="needs the source"):
        model_checks([marian_template], "cpu", Languages(), segs, None)


def test_unknown_device_is_a_user_error(marian_template: str) -> None:
    with pytest.raises(ModelError, match="--device"):
        check_class("forced")({"model": marian_template, "device": "tpu"})
