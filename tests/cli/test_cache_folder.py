"""A cache folder that cannot be one ($MTQA_CACHE_DIR names a file, or a path under a file) is
one line and exit 2 (the first model or dictionary written there raised a traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app


@pytest.mark.parametrize("under", ["", "sub/dir"])
@pytest.mark.parametrize("command", ["check", "batch"])
def test_cache_folder_that_is_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, under: str, command: str
) -> None:
    blocker = tmp_path / "cache-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("MTQA_CACHE_DIR", str(blocker / under) if under else str(blocker))
    article = tmp_path / "a.txt"
    article.write_text("The talks will continue next week.\n", encoding="utf-8")
    args = [command, str(article), "--checks", "rules"]
    if command == "batch":
        args += ["--out", str(tmp_path / "r.jsonl"), "--no-progress"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("mtqa: error: cache folder ") and "MTQA_CACHE_DIR" in line
    assert f"{blocker} is not a directory" in line


def test_an_environment_error_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk that fills up or a folder mtqa may not write (an OSError from the environment, not
    from the input) is one line and exit 2, never a traceback."""

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device", str(tmp_path / "cache" / "lexicon.tmp"))

    monkeypatch.setattr("mtqa.pipeline.Checker.check_document", full)
    article = tmp_path / "a.txt"
    article.write_text("The talks will continue next week.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(article), "--checks", "rules"])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == (
        f"mtqa: error: no space left on device: {tmp_path / 'cache' / 'lexicon.tmp'}"
    )
