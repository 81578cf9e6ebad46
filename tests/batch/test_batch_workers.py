"""--workers auto never starts more workers than free cores (issue 14, item 14)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from mtqa.batch import cores
from mtqa.cli import app


@pytest.mark.parametrize(
    ("usable", "load", "free"),
    [
        (2, 1.6, 1),
        (2, 0.2, 2),
        (16, 3.0, 13),
        (16, 15.7, 1),
        (1, 0.0, 1),
        (8, 30.0, 1),
        (4, 1.4, 3),
    ],
)
def test_free_cores_subtract_the_load(usable: int, load: float, free: int) -> None:
    assert cores.count_free(usable, load) == free


@pytest.mark.parametrize(("free", "workers"), [(1, 1), (3, 3), (13, 4)])
def test_auto_is_the_free_cores_at_most_four(
    monkeypatch: pytest.MonkeyPatch, free: int, workers: int
) -> None:
    monkeypatch.setattr(cores, "free_cores", lambda: free)
    assert cores.parse_workers("auto") == workers


@pytest.mark.parametrize("value", ["0", "-1", "many", "1.5"])
def test_bad_worker_counts(value: str) -> None:
    with pytest.raises(ValueError):
        cores.parse_workers(value)


def test_more_workers_than_free_cores_warns(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("The minister arrived in Geneva.", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "batch",
            str(tmp_path / "a.txt"),
            "--out",
            str(tmp_path / "r.jsonl"),
            "--checks",
            "fluency",
            "--no-progress",
            "--workers",
            "2",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "--workers 2 but only 1 core(s) are free" in result.output
    bad = CliRunner().invoke(
        app,
        [
            "batch",
            str(tmp_path / "a.txt"),
            "--out",
            str(tmp_path / "r2.jsonl"),
            "--workers",
            "none",
        ],
    )
    assert bad.exit_code == 2 and "give a whole number >= 1 or auto" in bad.output
