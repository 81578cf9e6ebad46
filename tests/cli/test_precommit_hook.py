"""The pre-commit hook entry, run the way pre-commit runs it: entry + args + file names."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

yaml = pytest.importorskip("yaml", reason="pyyaml is needed to read .pre-commit-hooks.yaml")

ROOT = Path(__file__).resolve().parents[2]
CLEAN = "The foreign ministers met in Geneva on Monday and agreed to continue the talks.\n"
GARBLED = "The foreign ministers met in Geneva on Monday and agreed to continue the the talks.\n"


def run_hook(args: list[str], files: list[Path]) -> subprocess.CompletedProcess[str]:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "mtqa-check" and hook["language"] == "python"
    # pre-commit installs mtqa into the hook's environment; here the test's own environment.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    cmd = shlex.split(hook["entry"]) + args + [str(f) for f in files]
    # Generous: a hook run that finds no lexicon cache indexes the dictionary first (44 s for
    # test_hook_checks_each_translation_with_its_source with a cold MTQA_CACHE_DIR at load 4.7
    # on 2 cores, against 6 s warm), and the suite often runs beside other heavy jobs.
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.parametrize(
    "args,expected",
    [
        (["--checks=rules", "--fail-on=minor"], 1),  # the doubled "the" is a minor flag
        (["--checks=rules", "--fail-on=critical"], 0),
        (["--checks=rules", "--fail-under=100"], 1),
    ],
)
def test_hook_gates_each_file(tmp_path: Path, args: list[str], expected: int):
    clean, garbled = tmp_path / "clean.txt", tmp_path / "garbled.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    garbled.write_text(GARBLED, encoding="utf-8")
    result = run_hook(args, [garbled, clean])
    assert result.returncode == expected, result.stderr
    assert result.stdout.count("Document quality") == 2  # both files checked, even after a failure
    assert "Traceback" not in result.stderr


def test_hook_passes_clean_file(tmp_path: Path):
    clean = tmp_path / "clean.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    assert run_hook(["--checks=rules", "--fail-on=minor"], [clean]).returncode == 0


def test_hook_files_select_translations_not_sources():
    import re

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    files = re.compile(hook["files"])
    assert files.search("news/article.en.txt")
    assert not files.search("news/article.ru.txt")


def test_hook_checks_each_translation_with_its_source(tmp_path: Path):
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    pattern = next(a for a in hook["args"] if a.startswith("--src-pattern="))
    (tmp_path / "a.en.txt").write_text("The talks lasted 5 hours.\n", encoding="utf-8")
    (tmp_path / "a.ru.txt").write_text("Переговоры длились 7 часов.\n", encoding="utf-8")
    (tmp_path / "b.en.txt").write_text("The talks lasted five hours.\n", encoding="utf-8")
    result = run_hook(
        ["--fail-on=major", pattern],  # the default checks: source runs where there is one
        [tmp_path / "a.en.txt", tmp_path / "b.en.txt"],
    )
    assert result.returncode == 1, result.stderr  # a.en.txt: 5 against the source's 7
    assert "src: Переговоры длились 7 часов." in result.stdout
    assert "(source has '7')" in result.stdout
    assert "b.en.txt: no source" in result.stderr and "b.ru.txt" in result.stderr
    assert result.stdout.count("Document quality") == 2


@pytest.mark.parametrize(
    "argv,expected",
    [
        (["--fail-on=minor", "a.en.txt"], (["--fail-on=minor"], ["a.en.txt"], None)),
        (["--src-pattern={stem}.ru.txt", "a.en.txt"], ([], ["a.en.txt"], "{stem}.ru.txt")),
        (["--src-pattern", "{stem}.ru.txt", "a.en.txt"], ([], ["a.en.txt"], "{stem}.ru.txt")),
        (["--checks=rules", "--", "--odd.en.txt"], (["--checks=rules"], ["--odd.en.txt"], None)),
    ],
)
def test_hook_arguments(argv: list[str], expected):
    from mtqa.commands.precommit import split_args

    assert split_args(argv) == expected


@pytest.mark.parametrize(
    "args, says",
    [
        (["--checks=rules", "--bogus"], "No such option: --bogus"),
        (["--checks=rules", "--fail-under=abc"], "--fail-under"),
        (["--checks=rules", "--fail-on=worst"], "--fail-on must be one of"),
    ],
)
def test_hook_bad_option_is_one_line_exit_2(tmp_path: Path, args: list[str], says: str):
    clean = tmp_path / "clean.en.txt"
    clean.write_text(CLEAN, encoding="utf-8")
    result = run_hook(args, [clean])
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("mtqa: error: ")]
    assert len(errors) == 1 and says in errors[0], result.stderr


@pytest.mark.parametrize(
    "args, expected",
    [
        # YAML's `args: [--fail-under, "100"]` passes the value as the next argument.
        (["--checks", "rules", "--fail-under", "100"], 1),
        (["--checks", "rules", "--fail-on", "minor"], 1),
        (["--checks", "rules", "--fail-on", "critical", "-f", "jsonl"], 0),
        (["--checks", "rules", "--src-pattern", "{stem}.ru.txt", "--fail-on", "critical"], 0),
    ],
)
def test_hook_options_with_separate_values(tmp_path: Path, args: list[str], expected: int):
    garbled = tmp_path / "garbled.en.txt"
    garbled.write_text(GARBLED, encoding="utf-8")
    result = run_hook(args, [garbled])
    assert result.returncode == expected, result.stderr
    assert "Traceback" not in result.stderr
    assert f"== {garbled}" in result.stdout  # the file, not an option value, was checked
    assert not any(f"== {a}" in result.stdout for a in args)
