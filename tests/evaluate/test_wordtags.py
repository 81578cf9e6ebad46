"""The word-tag export for scorers: which tokens are BAD, from the qe model's words to the report."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest
from typer.testing import CliRunner

from mtqa.checks.base import Check
from mtqa.checks.qe import QECheck
from mtqa.cli import app
from mtqa.evaluate.dataset import EvalRow
from mtqa.evaluate.runner import Settings, evaluate_group
from mtqa.evaluate.wordtags import bad_spans, tag_lines, word_tags
from mtqa.pipeline import Checker
from mtqa.qe.predict import QEOutput, WordProb, words_of
from mtqa.types import CheckResult, Flag, Segment, SentenceResult

MT = "The peaceful warfare , said Lavrov , goes on ."
TOKENS = MT.split()


def _span(text: str, start_at: int = 0) -> tuple[int, int]:
    at = MT.index(text, start_at)
    return at, at + len(text)


def flag(text: str, severity: str, check: str = "adequacy", category: str = "x") -> Flag:
    s, e = _span(text)
    return Flag(s, e, text, category, severity, 0.9, "m", check)  # type: ignore[arg-type]


def tag(text: str, start_at: int = 0) -> Flag:
    s, e = _span(text, start_at)
    return Flag(s, e, text, "bad", "minor", 0.5, "QE model P(BAD) 0.50", "qe")


def result(flags: Sequence[Flag] = (), tags: Sequence[Flag] = ()) -> SentenceResult:
    seg = Segment(index=0, id="0", mt=MT)
    return SentenceResult(seg, 50.0, {}, tuple(flags), "sig", word_tags=tuple(tags))


def bad_tokens(res: SentenceResult, rule: str = "export") -> list[str]:
    return [t for t, bad in zip(TOKENS, word_tags(res, TOKENS, rule)) if bad]


@pytest.mark.parametrize(
    "flags, tags, export, by_flags",
    [
        # the model's words at its own threshold are BAD, punctuation included, even where no
        # flag is reported (the calibration's floor hid them from the user)
        ((), [tag("warfare"), tag(",")], ["warfare", ","], []),
        # a minor flag of another check does not make its tokens BAD; a major one does
        ([flag("said Lavrov", "minor")], [], [], ["said", "Lavrov"]),
        ([flag("said Lavrov", "major")], [], ["said", "Lavrov"], ["said", "Lavrov"]),
        ([flag("goes on", "critical", "source", "length")], [], ["goes", "on"], ["goes", "on"]),
        # a reported minor qe phrase counts through its words, not its bridged span
        (
            [flag("peaceful warfare", "minor", "qe", "mistranslation")],
            [tag("warfare")],
            ["warfare"],
            ["peaceful", "warfare"],
        ),
        # both sources together
        (
            [flag("Lavrov", "major", "source", "name")],
            [tag("peaceful"), tag(".")],
            ["peaceful", "Lavrov", "."],
            ["Lavrov"],
        ),
        ((), (), [], []),
    ],
)
def test_export_against_the_flags_rule(flags, tags, export, by_flags) -> None:
    res = result(flags, tags)
    assert bad_tokens(res) == export
    assert bad_tokens(res, "flags") == by_flags


def test_unknown_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown word-tag rule"):
        bad_spans(result(), "sentences")


def test_tokens_not_found_in_the_mt_are_ok() -> None:
    res = result(tags=[tag("warfare")])
    assert word_tags(res, ["The", "&quot;", "peaceful", "warfare"]) == [False, False, False, True]


def _qe_result(mt: str, values: list[float], threshold: float, **params) -> CheckResult:
    spans = words_of(mt)
    out = QEOutput(score=0.0, words=tuple(WordProb(s, e, p) for (s, e), p in zip(spans, values)))
    return QECheck(params)._result(Segment(index=0, id="0", mt=mt, src="x"), out, threshold, True)


@pytest.mark.parametrize(
    "values, params, expected",
    [
        # every word at or above the threshold, one tag each, punctuation included
        ([0.1, 0.5, 0.9, 0.7, 0.1], {}, ["peaceful", "warfare", ","]),
        ([0.1, 0.39, 0.4, 0.1, 0.1], {}, ["warfare"]),
        # a share of the threshold sets the level
        ([0.1, 0.3, 0.9, 0.1, 0.1], {"word_tags": 0.5}, ["peaceful", "warfare"]),
        ([0.1, 0.5, 0.9, 0.7, 0.1], {"word_tags": None}, []),
    ],
)
def test_qe_word_tags(values, params, expected) -> None:
    mt = "The peaceful warfare , ok"
    res = _qe_result(mt, values, 0.4, **params)
    assert [w.text for w in res.word_tags] == expected
    assert all(w.check == "qe" and w.category == "bad" for w in res.word_tags)


def test_qe_word_tags_leave_flags_and_support_as_they_were() -> None:
    mt = "The peaceful warfare , ok"
    values = [0.1, 0.5, 0.9, 0.7, 0.1]
    on, off = _qe_result(mt, values, 0.4), _qe_result(mt, values, 0.4, word_tags=None)
    assert on.flags == off.flags and on.support == off.support and on.scores == off.scores
    assert [f.text for f in on.support] == ["peaceful", "warfare"]  # support: words only


class TaggerCheck(Check):
    """Tags 'warfare' at word level and flags 'peaceful' as a minor finding."""

    name = "fake_tagger"

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        out = []
        for seg in segments:
            at = seg.mt.find("warfare")
            tags = ()
            if at >= 0:
                tags = (
                    self.flag(
                        seg,
                        at,
                        at + 7,
                        category="bad",
                        severity="minor",
                        confidence=0.5,
                        message="tag",
                    ),
                )
            out.append(CheckResult(scores={"fake": 1.0}, word_tags=tags))
        return out


def test_the_pipeline_carries_word_tags_without_reporting_them() -> None:
    checker = Checker(checks=["rules"], extra=[TaggerCheck()])
    [res] = checker.check_segments([Segment(index=0, id="0", mt=MT)])
    assert [w.text for w in res.word_tags] == ["warfare"]
    assert all(f.check != "fake_tagger" for f in res.flags)
    assert "word_tags" not in res.to_dict()


def test_evaluate_scores_the_export_and_names_the_rule() -> None:
    gold = tuple(i in (2, 3) for i in range(len(TOKENS)))  # "warfare" and the first comma
    row = EvalRow(
        id="0",
        dataset="d",
        lang_pair="ru-en",
        split="dev",
        mt=MT,
        mt_tok=tuple(TOKENS),
        mt_tags=gold,
    )
    res = result([flag("said Lavrov", "minor")], [tag("warfare"), tag(",")])
    export = evaluate_group([row], [res], [None], Settings(resamples=0, word_tags="export"))
    assert export.word is not None and export.word.mcc == 1.0
    assert export.to_dict()["word"]["rule"] == "export"
    by_flags = evaluate_group([row], [res], [None], Settings(resamples=0, word_tags="flags"))
    assert by_flags.word is not None and by_flags.word.mcc < 0
    assert by_flags.to_dict()["word"]["rule"] == "flags"


def test_auto_follows_the_origin_of_the_gold_tags() -> None:
    """Tags made from post-edits (rows with an HTER) get the export; tags made from MQM error
    annotation (no HTER) get the flags."""
    gold = tuple(i in (2, 3) for i in range(len(TOKENS)))
    res = result([flag("said Lavrov", "minor")], [tag("warfare"), tag(",")])
    fields = {"id": "0", "dataset": "d", "lang_pair": "ru-en", "split": "dev", "mt": MT}
    post_edited = EvalRow(**fields, mt_tok=tuple(TOKENS), mt_tags=gold, hter=0.2)
    mqm = EvalRow(**fields, mt_tok=tuple(TOKENS), mt_tags=gold)
    auto = Settings(resamples=0)
    assert auto.word_tags == "auto"
    assert evaluate_group([post_edited], [res], [None], auto).to_dict()["word"]["rule"] == "export"
    assert evaluate_group([mqm], [res], [None], auto).to_dict()["word"]["rule"] == "flags"
    # one row without an HTER makes the whole group MQM-like
    both = evaluate_group([post_edited, mqm], [res, res], [None, None], auto)
    assert both.to_dict()["word"]["rule"] == "flags"


def test_cli_refuses_an_unknown_rule(tmp_path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"mt": "a", "score": 1}\n', encoding="utf-8")
    out = CliRunner().invoke(app, ["evaluate", str(path), "--word-tags", "spans"])
    assert out.exit_code == 2
    assert "unknown --word-tags rule 'spans'" in out.output


def _load_script():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "export_word_tags.py"
    spec = importlib.util.spec_from_file_location("export_word_tags", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    "fmt, expected",
    [
        ("tags", ["OK OK BAD OK", "OK OK", "BAD OK"]),
        (
            "jsonl",
            [
                '{"id": "a", "mt_tok": "it was garbled .", "mt_tags": "OK OK BAD OK"}',
                '{"id": "b", "mt_tok": "all fine", "mt_tags": "OK OK"}',
                '{"id": "c", "mt_tok": "garbled again", "mt_tags": "BAD OK"}',
            ],
        ),
    ],
)
def test_export_script_writes_one_line_per_row(spy, tmp_path, fmt, expected) -> None:
    """Official tokens when the row has them (with or without tags), else whitespace tokens;
    the spy check flags 'garbled' at major, so the export tags it BAD."""
    rows = [
        {"id": "a", "mt": "it was garbled.", "mt_tok": "it was garbled ."},
        {"id": "b", "mt": "all fine", "mt_tok": "all fine", "mt_tags": "BAD BAD"},
        {"id": "c", "mt": "garbled again"},
    ]
    path = tmp_path / "rows.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "tags.txt"
    script = _load_script()
    assert script.main([str(path), "--checks", "spy", "--format", fmt, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines() == expected


def test_tag_lines_refuses_an_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown word-tag format"):
        tag_lines([], [], fmt="csv")
