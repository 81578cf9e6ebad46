"""scripts/neural_sense_probe.py: the substitution variants and the measures it reports.

The neural scoring itself (ONNX Runtime, the e5 base file) is not run here: the probe is an
experiment whose figures are in docs/adequacy.md; what is tested is what decides those figures
without a model: which variants are built, how the tuning twins are paired, the AUC.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MUELLER = Path("/usr/share/dictd/mueller7.index")


def _probe():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "neural_sense_probe", ROOT / "scripts" / "neural_sense_probe.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("pos", "neg", "expected"),
    [
        ([1.0, 2.0], [0.0, 0.5], 1.0),
        ([0.0], [1.0], 0.0),
        ([1.0], [1.0], 0.5),
        ([1.0, 0.0], [0.5], 0.5),
    ],
)
def test_auc(pos: list[float], neg: list[float], expected: float) -> None:
    assert _probe().auc(pos, neg) == pytest.approx(expected)


def test_tuning_pairs_are_sense_rows_with_their_clean_twin() -> None:
    pairs = _probe().tuning_pairs()
    assert len(pairs) >= 30
    for src, bad, word, good in pairs:
        assert src and word in bad and bad != good
    assert (
        "Министерство иностранных дел выразило протест.",
        "The Ministry of Foreign Cases expressed a protest.",
        "Cases",
        "The Ministry of Foreign Affairs expressed a protest.",
    ) in pairs


@pytest.mark.skipif(not MUELLER.exists(), reason="mueller7-dict is not installed")
def test_variants_replace_one_word_by_another_rendering_of_its_source_word() -> None:
    from mtqa.checks.source.adequacy import AdequacyCheck

    probe = _probe()
    mt = "The Ministry of Foreign Cases expressed a protest."
    found, al = probe.variants(
        AdequacyCheck(), "Министерство иностранных дел выразило протест.", mt, 6
    )
    cases = [v for v in found if mt[v.start : v.end] == "Cases"]
    assert "Affairs" in {v.form for v in cases}  # plural and capitalised like "Cases"
    for v in found:
        # exactly one word changed, the rest of the sentence kept
        assert v.text == mt[: v.start] + v.form + mt[v.end :]
        assert v.form.lower() != mt[v.start : v.end].lower()
        assert al.src[v.i].text == v.src_word
    assert {v.src_word for v in cases} == {"дел"}
