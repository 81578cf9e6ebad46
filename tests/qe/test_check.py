"""The predictor and the `qe` check on a tiny model; the default path stays torch-free."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from mtqa.types import Segment

from .qe_fixtures import stack_file

torch = pytest.importorskip("torch")
pytest.importorskip("transformers")
pytest.importorskip("sentencepiece")


@pytest.fixture(scope="module")
def predictors(tiny_file, tmp_path_factory):
    from mtqa.qe.base import build_bert, build_tokenizer
    from mtqa.qe.e5file import read_e5_file
    from mtqa.qe.model import QEModel, save_delta
    from mtqa.qe.predict import QEPredictor

    e5 = read_e5_file(tiny_file)
    folder = tmp_path_factory.mktemp("delta")
    out = {}
    for variant in ("full", "target"):
        torch.manual_seed(0)
        model = QEModel(build_bert(e5), trained_layers=1)
        with torch.no_grad():  # make some words BAD: a strong bias towards the BAD class
            model.word_head[1].bias.copy_(torch.tensor([0.0, 4.0]))
        path = folder / f"qe-{variant}.safetensors"
        meta = {"variant": variant, "threshold": 0.5, "max_len": 24, "trained_layers": 1}
        save_delta(model, path, meta)
        out[variant] = QEPredictor(variant, delta=path, base=(build_bert(e5), build_tokenizer(e5)))
    return out


MTS = ["the cat sat on a mat.", "  the cats sat", "a fine café, the mat", "the cat"]
SRCS = ["a cat", "the mat", "fine", "cat cat cat"]


def test_predictions_are_deterministic_and_batch_independent(predictors) -> None:
    for variant, model in predictors.items():
        srcs = SRCS if variant == "full" else None
        one = model.predict(MTS, srcs, batch_size=1)
        many = model.predict(MTS, srcs, batch_size=3)
        again = model.predict(MTS, srcs, batch_size=3)
        assert [o.score for o in many] == [o.score for o in again]
        for a, b in zip(one, many):
            assert a.score == pytest.approx(b.score, abs=1e-5)
            assert [(w.start, w.end) for w in a.words] == [(w.start, w.end) for w in b.words]
            assert [w.p_bad for w in a.words] == pytest.approx([w.p_bad for w in b.words], abs=1e-5)


def test_word_spans_point_into_the_raw_mt(predictors) -> None:
    out = predictors["target"].predict(MTS)
    assert [MTS[1][w.start : w.end] for w in out[1].words] == ["the", "cats", "sat"]
    assert [MTS[2][w.start : w.end] for w in out[2].words] == [
        "a",
        "fine",
        "café",
        ",",
        "the",
        "mat",
    ]


def test_truncated_words_get_no_prediction(predictors) -> None:
    long_mt = " ".join(["the cat sat"] * 20)
    out = predictors["target"].predict([long_mt])[0]
    assert 0 < len(out.words) < 60 and out.words[-1].end < len(long_mt)


def test_full_model_needs_sources(predictors) -> None:
    from mtqa.errors import ModelError

    with pytest.raises(ModelError):
        predictors["full"].predict(MTS)


def test_check_scores_and_flags(predictors) -> None:
    from mtqa.checks.qe import QECheck

    check = QECheck()
    check._predictors.update(predictors)
    segs = [
        Segment(index=i, id=str(i), mt=mt, src=SRCS[i] if i % 2 == 0 else None)
        for i, mt in enumerate(MTS)
    ]
    results = check.run(segs)
    for seg, res in zip(segs, results):
        assert set(res.scores) == {"qe", "qe_bad"}
        assert 0.0 <= res.scores["qe_bad"] <= 1.0
        for flag in res.flags:
            assert flag.check == "qe" and flag.text == seg.mt[flag.start : flag.end]
            if not seg.src:
                assert flag.category == "fluency"
            assert flag.confidence >= 0.5
    assert any(res.flags for res in results)


def test_checker_merges_agreeing_qe_and_name_flags(predictors) -> None:
    """Through the pipeline: the tiny model tags every word BAD, so its flag covers the garbled
    name the source check finds; one flag is left, the source check's, at the worse of the two
    severities (the model's: critical), with the model's word in its message."""
    from mtqa.checks.qe import QECheck
    from mtqa.pipeline import Checker

    qe = QECheck()
    qe._predictors.update(predictors)
    seg = Segment(index=0, id="0", mt="Minister Ryapkov.", src="Министр Рябков.")
    alone = Checker(checks=["source"]).check_segments([seg])[0]
    assert [(f.text, f.severity) for f in alone.flags] == [("Ryapkov", "minor")]
    both = Checker(checks=["source"], extra=[qe]).check_segments([seg])[0]
    assert [(f.check, f.text, f.category, f.severity, f.suggestion) for f in both.flags] == [
        ("source", "Ryapkov", "name", "critical", "Ryabkov")
    ]
    assert "the QE model agrees (P(BAD)" in both.flags[0].message


def test_registry_and_help_do_not_import_torch() -> None:
    code = (
        "import sys; from mtqa.checks import check_class, DEFAULT_CHECKS; check_class('qe');"
        "import mtqa.cli; assert 'qe' not in DEFAULT_CHECKS;"
        "assert 'torch' not in sys.modules, 'torch imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    "backend, module",
    [("onnx", "onnxruntime"), ("onnx", "tokenizers"), ("torch", "transformers")],
)
def test_missing_dependencies_are_a_one_line_error(monkeypatch, backend, module) -> None:
    from mtqa.checks.qe import QECheck
    from mtqa.errors import MtqaError

    monkeypatch.setitem(sys.modules, module, None)  # import <module> -> ImportError
    with pytest.raises(MtqaError, match=r"pip install '\.\[qe\]' in a clone"):
        QECheck({"backend": backend}).run([Segment(index=0, id="0", mt="the cat")])


def test_an_unknown_backend_is_a_one_line_error() -> None:
    from mtqa.checks.qe import QECheck
    from mtqa.errors import MtqaError

    with pytest.raises(MtqaError, match="backend"):
        QECheck({"backend": "tpu"}).run([Segment(index=0, id="0", mt="the cat")])


@pytest.mark.parametrize(
    "env,params,expected",
    [
        (None, {}, "int8"),
        ("fp32", {}, "fp32"),
        (" FP32 ", {"precision": "int8"}, "fp32"),  # the environment overrides the file
        (None, {"precision": "fp32"}, "fp32"),
    ],
)
def test_precision_from_environment(monkeypatch, env, params, expected):
    from mtqa.checks.qe import PRECISION_ENV, QECheck

    if env is None:
        monkeypatch.delenv(PRECISION_ENV, raising=False)
    else:
        monkeypatch.setenv(PRECISION_ENV, env)
    check = QECheck(params)
    assert check.param("precision", None) == expected
    assert check.signature().endswith(f"@onnx-{expected}]")


def test_ensemble_averages_both_models_scores_with_a_source_only(predictors, monkeypatch) -> None:
    from mtqa.checks.qe import ENSEMBLE_ENV, QECheck

    monkeypatch.delenv(ENSEMBLE_ENV, raising=False)
    segs = [
        Segment(index=i, id=str(i), mt=mt, src=SRCS[i] if i % 2 == 0 else None)
        for i, mt in enumerate(MTS)
    ]
    plain, both = QECheck(), QECheck({"ensemble": True})
    for check in (plain, both):
        check._predictors.update(predictors)
    alone, ensembled = plain.run(segs), both.run(segs)
    full = predictors["full"].predict(MTS, SRCS)
    target = predictors["target"].predict(MTS)
    for i, seg in enumerate(segs):
        if seg.src:
            expected = (full[i].score + target[i].score) / 2
            assert ensembled[i].scores["qe"] == pytest.approx(expected, abs=1e-6)
            assert alone[i].scores["qe"] == pytest.approx(full[i].score, abs=1e-6)
        else:
            assert ensembled[i].scores["qe"] == alone[i].scores["qe"]
        # the word head is untouched: same flags and the same share of BAD words
        assert ensembled[i].flags == alone[i].flags
        assert ensembled[i].scores["qe_bad"] == alone[i].scores["qe_bad"]
    assert plain.signature() != both.signature()


@pytest.mark.parametrize(
    "env,params,expected",
    [
        (None, {}, False),
        ("1", {}, True),
        ("0", {"ensemble": True}, False),
        (None, {"ensemble": True}, True),
    ],
)
def test_ensemble_from_environment(monkeypatch, env, params, expected):
    from mtqa.checks.qe import ENSEMBLE_ENV, QECheck

    if env is None:
        monkeypatch.delenv(ENSEMBLE_ENV, raising=False)
    else:
        monkeypatch.setenv(ENSEMBLE_ENV, env)
    assert QECheck(params).param("ensemble", None) is expected


def test_a_bad_ensemble_setting_is_a_one_line_error(monkeypatch):
    from mtqa.checks.qe import ENSEMBLE_ENV, QECheck
    from mtqa.errors import MtqaError

    monkeypatch.setenv(ENSEMBLE_ENV, "yes please")
    with pytest.raises(MtqaError, match=ENSEMBLE_ENV):
        QECheck()


# -- the stacked word tagger (mtqa/qe/stack.py) in the check --------------------------------------


def _stack_file(tmp_path, weights: dict[str, float], bias: float, name: str = "stack.json"):
    path = tmp_path / name
    path.write_bytes(stack_file(weights, bias))
    return path


def _segments() -> list[Segment]:
    return [
        Segment(index=i, id=str(i), mt=mt, src=SRCS[i] if i % 2 == 0 else None)
        for i, mt in enumerate(MTS)
    ]


def _run(predictors, params):
    from mtqa.checks.qe import QECheck

    check = QECheck(params)
    check._predictors.update(predictors)
    return check, check.run(_segments())


@pytest.mark.parametrize("bias, flagged", [(-10.0, False), (10.0, True)])
def test_the_stack_drives_flags_and_support(predictors, tmp_path, bias, flagged) -> None:
    """The tiny model tags every word BAD; a stack that says OK (bias -10) leaves no flag and no
    support, one that says BAD (+10) flags like the raw model. qe and qe_bad stay the model's."""
    path = _stack_file(tmp_path, {"p": 0.0}, bias, f"stack{bias}.json")
    raw_check, raw = _run(predictors, {"stack": "off"})
    check, stacked = _run(predictors, {"stack": str(path)})
    assert any(r.flags for r in raw)
    assert "+stack:" not in raw_check.signature()
    assert f"+stack:{check.stack.digest}" in check.signature()
    for r, s in zip(raw, stacked):
        assert s.scores == r.scores
        assert bool(s.flags) is (flagged and bool(r.flags))
        assert bool(s.support) is (flagged and bool(r.support))
        for f in s.flags:
            assert f.confidence == pytest.approx(1 / (1 + np.exp(-bias)), abs=1e-6)
        if flagged:
            assert [(f.start, f.end) for f in s.flags] == [(f.start, f.end) for f in r.flags]


def test_the_stack_reads_the_other_model_for_segments_with_a_source(predictors, tmp_path) -> None:
    from mtqa.checks.lm import english_lm
    from mtqa.checks.qe import restack
    from mtqa.qe.stack import load_stack

    path = _stack_file(tmp_path, {"p_other": 8.0, "lm_pmi": 0.5}, -4.0, "other.json")
    _, results = _run(predictors, {"stack": str(path)})
    stack = load_stack(path)
    assert stack.variant("full").needs_other and english_lm() is not None
    segs = _segments()
    full = predictors["full"].predict(MTS, SRCS)
    target = predictors["target"].predict(MTS)
    for i, seg in enumerate(segs):
        if not seg.src:
            continue
        expected = restack(seg, full[i], stack.variant("full"), True, target[i])
        without = restack(seg, full[i], stack.variant("full"), True, None)
        assert [w.p_bad for w in expected.words] != [w.p_bad for w in without.words]
        levels = {f.start: f.confidence for f in results[i].flags}
        for w in expected.words:
            if w.start in levels:
                assert levels[w.start] >= 0.5


def test_auto_without_a_shipped_stack_is_the_raw_model(predictors, monkeypatch, tmp_path) -> None:
    import mtqa.qe.stack as stack_module

    monkeypatch.setattr(stack_module, "stack_path", lambda: tmp_path / "absent.json")
    check, auto = _run(predictors, {"stack": "auto"})
    _, off = _run(predictors, {"stack": "off"})
    assert check.stack is None and "+stack:" not in check.signature()
    assert [r.flags for r in auto] == [r.flags for r in off]


def test_a_missing_stack_path_is_a_one_line_error(tmp_path) -> None:
    from mtqa.checks.qe import QECheck
    from mtqa.errors import MtqaError

    with pytest.raises(MtqaError, match="stack file"):
        QECheck({"stack": str(tmp_path / "nope.json")}).signature()


@pytest.mark.parametrize(
    "env, params, expected",
    [
        (None, {}, "auto"),
        ("off", {}, "off"),
        (" off ", {"stack": "auto"}, "off"),  # the environment overrides the file
        (None, {"stack": "off"}, "off"),
    ],
)
def test_stack_setting_from_environment(monkeypatch, env, params, expected) -> None:
    from mtqa.checks.qe import STACK_ENV, QECheck

    if env is None:
        monkeypatch.delenv(STACK_ENV, raising=False)
    else:
        monkeypatch.setenv(STACK_ENV, env)
    check = QECheck(params)
    assert check.param("stack", None) == expected
    if expected == "off":
        assert check.stack is None
