"""`mtqa check --src` end to end on dropped negations and wrong participles (round 12):
each garbled line gets its flag with the suggestion, each clean line none of these flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.lexicon import dictd

runner = CliRunner()

# (source, translation, the flagged word or None for a clean line, its suggestion)
LINES = [
    ("Команда разгрузила судно с зерном.", "The crew loaded the grain ship.", "loaded", "unloaded"),
    ("Команда разгрузила судно с зерном.", "The crew unloaded the grain ship.", None, None),
    (
        "Армия вернула оккупированные посёлки.",
        "The army regained the occupying settlements.",
        "occupying",
        "occupied",
    ),
    (
        "Армия вернула оккупированные посёлки.",
        "The army regained the occupied settlements.",
        None,
        None,
    ),
]


@pytest.mark.skipif(dictd.resolve(None) is None, reason="mueller7-dict is not installed")
def test_check_with_src_flags_polarity_and_participles(tmp_path: Path):
    (tmp_path / "mt.txt").write_text("".join(f"{mt}\n" for _, mt, _, _ in LINES), encoding="utf-8")
    (tmp_path / "src.txt").write_text("".join(f"{s}\n" for s, _, _, _ in LINES), encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "check",
            "--lines",
            "-f",
            "jsonl",
            str(tmp_path / "mt.txt"),
            "--src",
            str(tmp_path / "src.txt"),
        ],
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(rows) == len(LINES)
    for row, (_, mt, word, suggestion) in zip(rows, LINES):
        ours = [
            (f["text"], f["suggestion"])
            for f in row["flags"]
            if f["message"].startswith(("polarity:", "derivation:"))
        ]
        assert ours == ([(word, suggestion)] if word else []), mt
