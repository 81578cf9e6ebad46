"""The source check's closed classes (degree.py, timewords.py, focus.py) as the user meets them:
each class a ``mistranslation`` flag with its suggestion, through the check and through
``mtqa check --src``, and each class's param turns it off."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.checks import Languages
from mtqa.checks.source.check import SourceCheck
from mtqa.cli import app
from mtqa.types import Segment

# (param, src, mt, flagged text, suggestion): one contradicted word per class, all major
ROWS = [
    (
        "degree",
        "Безработица в регионе оказалась ниже прогноза.",
        "Unemployment in the region turned out higher than forecast.",
        "higher",
        "lower",
    ),
    (
        "time_words",
        "Переговоры возобновятся на следующей неделе.",
        "The talks will resume last week.",
        "last week",
        "next week",
    ),
    (
        "focus",
        "Министерство ещё не опубликовало список.",
        "The ministry has already published the list.",
        "already",
        "not yet",
    ),
]


@pytest.mark.parametrize(("param", "src", "mt", "text", "suggestion"), ROWS)
def test_the_source_check_reports_each_class_and_its_param_turns_it_off(
    param: str, src: str, mt: str, text: str, suggestion: str
) -> None:
    seg = Segment(0, "s", mt, src=src)
    (result,) = SourceCheck(langs=Languages("ru", "en")).run([seg])
    flags = [f for f in result.flags if f.text == text]
    assert [(f.category, f.severity, f.suggestion) for f in flags] == [
        ("mistranslation", "major", suggestion)
    ]
    off = SourceCheck(langs=Languages("ru", "en"), params={param: False})
    (result,) = off.run([seg])
    assert not [f for f in result.flags if f.text == text]


def test_mtqa_check_with_src_flags_each_class(tmp_path: Path) -> None:
    """Through the CLI: one sentence per class (degree, time word, focus adverb)."""
    src = tmp_path / "src.txt"
    mt = tmp_path / "mt.txt"
    src.write_text(
        "Безработица в регионе оказалась ниже прогноза.\n"
        "Вчера вечером в порту загорелся танкер.\n"
        "Следствие ещё не установило причину пожара.\n",
        encoding="utf-8",
    )
    mt.write_text(
        "Unemployment in the region turned out higher than forecast.\n"
        "Tomorrow evening a tanker caught fire in the port.\n"
        "Investigators have already established the cause of the fire.\n",
        encoding="utf-8",
    )
    args = ["check", str(mt), "--src", str(src), "--checks", "source", "-f", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    got = [
        (s["index"], f["text"], f["severity"], f["suggestion"])
        for s in out["sentences"]
        for f in s["flags"]
        if f["category"] == "mistranslation"
    ]
    assert got == [
        (0, "higher", "major", "lower"),
        (1, "Tomorrow", "major", "Yesterday"),
        (2, "already", "major", "not yet"),
    ]
