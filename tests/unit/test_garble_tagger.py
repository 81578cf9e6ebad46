"""The garble tagger check: flags from word probabilities, corroboration, loading, light imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mtqa.checks import Languages, select_checks
from mtqa.checks.tagger import GarbleTaggerCheck
from mtqa.corroborate import corroborate
from mtqa.qe.predict import QEOutput, WordProb, words_of
from mtqa.types import Flag, Segment

ROOT = Path(__file__).resolve().parents[2]
SRC = "Министерство иностранных дел выразило протест."
MT = "The Ministry of Foreign Cases expressed a protest on 5 May."


class StubTagger:
    """Stands in for the ONNX model: fixed P(BAD) per word text."""

    threshold = 0.6
    with_src = True

    def __init__(self, probs: dict[str, float]) -> None:
        self.probs = probs

    def predict(self, mts, srcs, batch_size=None):
        assert srcs is not None and len(srcs) == len(mts)
        return [
            QEOutput(
                0.0,
                tuple(WordProb(s, e, self.probs.get(mt[s:e], 0.05)) for s, e in words_of(mt)),
            )
            for mt in mts
        ]


def stub_check(probs: dict[str, float], **params) -> GarbleTaggerCheck:
    check = GarbleTaggerCheck(params, Languages("ru", "en"))
    check.__dict__["model"] = StubTagger(probs)  # the cached_property's slot
    return check


@pytest.mark.parametrize(
    ("probs", "expected"),
    [
        ({"Cases": 0.9}, [("Cases", "mistranslation")]),
        # a bridged word between two flagged ones: one phrase
        (
            {"Foreign": 0.7, "Cases": 0.5, "expressed": 0.8},
            [("Foreign Cases expressed", "mistranslation")],
        ),
        # below the threshold: nothing
        ({"Cases": 0.55}, []),
        # a digit is the numbers check's: left out by default
        ({"5": 0.95}, []),
        ({"Cases": 0.9, "5": 0.95}, [("Cases", "mistranslation")]),
    ],
)
def test_flags_are_merged_minor_phrases(probs, expected) -> None:
    seg = Segment(index=0, id="a", mt=MT, src=SRC)
    (result,) = stub_check(probs).run([seg])
    assert [(f.text, f.category) for f in result.flags] == expected
    assert all(f.severity == "minor" and f.check == "tagger" for f in result.flags)
    for f in result.flags:
        assert f.message.startswith("garble tagger") and f"«{f.text}»" in f.message


def test_numbers_can_be_kept() -> None:
    seg = Segment(index=0, id="a", mt=MT, src=SRC)
    (result,) = stub_check({"5": 0.95}, skip_categories=()).run([seg])
    assert [(f.text, f.category) for f in result.flags] == [("5", "number")]


def test_no_source_no_flags() -> None:
    seg = Segment(index=0, id="a", mt=MT, src=None)
    (result,) = stub_check({"Cases": 0.99}).run([seg])
    assert result.flags == ()


def test_agreement_with_a_dictionary_flag_keeps_its_suggestion_and_raises_it() -> None:
    seg = Segment(index=0, id="a", mt=MT, src=SRC)
    (tagged,) = stub_check({"Cases": 0.9}).run([seg])
    at = MT.index("Foreign Cases")
    lexical = Flag(
        at,
        at + len("Foreign Cases"),
        "Foreign Cases",
        "mistranslation",
        "minor",
        0.6,
        "'Cases' does not fit here; source has «дел»",
        "adequacy",
        suggestion="Foreign Affairs",
    )
    out = corroborate([lexical, *tagged.flags], {"tagger": tagged})
    assert len(out) == 1
    (flag,) = out
    assert (flag.check, flag.text, flag.severity, flag.suggestion) == (
        "adequacy",
        "Foreign Cases",
        "major",
        "Foreign Affairs",
    )
    assert "the garble tagger agrees" in flag.message


def test_a_lone_tagger_flag_stays_minor() -> None:
    seg = Segment(index=0, id="a", mt=MT, src=SRC)
    (tagged,) = stub_check({"Cases": 0.99}).run([seg])
    out = corroborate(list(tagged.flags), {"tagger": tagged})
    assert [(f.check, f.severity) for f in out] == [("tagger", "minor")]


def test_a_tiny_delta_loads_and_runs(tmp_path: Path) -> None:
    torch = pytest.importorskip("torch")
    pytest.importorskip("transformers")
    pytest.importorskip("sentencepiece")
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    from mtqa.qe.base import load_base
    from mtqa.qe.e5file import write_e5_file
    from mtqa.qe.model import QEModel, save_delta
    from tests.qe.qe_fixtures import tiny_e5

    base = tmp_path / "tiny-q4.bin"
    write_e5_file(base, tiny_e5(seed=3, std=0.08)[0])
    torch.manual_seed(1)
    model = QEModel(load_base(base, cache=False)[0], trained_layers=1)
    with torch.no_grad():
        model.word_head[1].bias.copy_(torch.tensor([-5.0, 5.0]))  # every word BAD
    delta = tmp_path / "qe-tagger.safetensors"
    meta = {"variant": "full", "kind": "garble-tagger", "threshold": 0.5, "max_len": 24}
    save_delta(model, delta, {**meta, "trained_layers": 1})
    check = GarbleTaggerCheck({"delta": str(delta), "base_file": str(base)}, Languages("ru", "en"))
    segs = [
        Segment(index=0, id="a", mt="the cat sat on the mat", src="a mat"),
        Segment(index=1, id="b", mt="the cat", src=None),
    ]
    with_src, without = check.run(segs)
    assert [f.text for f in with_src.flags] == ["the cat sat on the mat"]
    assert with_src.scores["tagger_bad"] == 1.0
    assert without.flags == ()
    assert "tagger-delta:" in check.signature()


def test_without_weights_the_error_says_how_to_get_them(monkeypatch, tmp_path: Path) -> None:
    from mtqa.errors import MtqaError

    monkeypatch.setenv("MTQA_TAGGER_DELTA", str(tmp_path / "none.safetensors"))
    check = GarbleTaggerCheck({}, Languages("ru", "en"))
    with pytest.raises(MtqaError, match="MTQA_TAGGER_DELTA"):
        check.run([Segment(index=0, id="a", mt=MT, src=SRC)])


def test_the_tagger_is_in_no_profile() -> None:
    assert "tagger" not in select_checks(["default"]).names
    assert "tagger" not in select_checks(["offline"]).names


def test_the_offline_profile_never_loads_the_tagger() -> None:
    assert "tagger" not in select_checks(["offline"]).names
    code = (
        "import sys\n"
        "from mtqa.checks import Languages\n"
        "from mtqa.pipeline import Checker\n"
        "from mtqa.types import Segment\n"
        "c = Checker(checks=['offline'], langs=Languages('ru', 'en'))\n"
        f"c.check_segments([Segment(index=0, id='a', mt={MT!r}, src={SRC!r})])\n"
        "bad = [m for m in ('mtqa.checks.tagger', 'onnxruntime', 'torch') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
