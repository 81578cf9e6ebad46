"""Profiles: the default runs the neural qe check when it can, `offline` never imports torch,
and a machine without torch falls back to the offline profile with one warning."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mtqa import checks as registry
from mtqa.calibration import load_calibration, shipped_calibration
from mtqa.checks import DEFAULT_CHECKS, Languages, select_checks
from mtqa.pipeline import Checker

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
OFFLINE = tuple(DEFAULT_CHECKS)


@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(registry.CHECKS_ENV, raising=False)


@pytest.fixture
def neural_ok(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "neural_missing", lambda name: None)


@pytest.fixture
def torch_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "neural_missing", lambda name: "torch not installed")


@pytest.mark.parametrize(
    "names,expected",
    [
        (None, (*OFFLINE, "qe")),
        (["default"], (*OFFLINE, "qe")),
        (["offline"], OFFLINE),
        (["offline", "qe"], (*OFFLINE, "qe")),
        (["rules", "offline"], ("rules", *[c for c in OFFLINE if c != "rules"])),
        (["fluency", "qe"], ("fluency", "qe")),
    ],
)
def test_profiles_expand_to_checks(no_env, neural_ok, names, expected) -> None:
    assert select_checks(names).names == expected


@pytest.mark.parametrize(
    "names,profile", [(None, "default"), (["offline"], "offline"), (["fluency"], None)]
)
def test_selection_names_its_profile(no_env, neural_ok, names, profile) -> None:
    selection = select_checks(names)
    assert selection.profile == profile and selection.fallback is None
    assert selection.signature == ""


def test_environment_replaces_the_default_only(monkeypatch, neural_ok) -> None:
    monkeypatch.setenv(registry.CHECKS_ENV, "offline")
    assert select_checks(None).names == OFFLINE
    assert select_checks(["fluency", "qe"]).names == ("fluency", "qe")


def test_default_without_torch_is_the_offline_profile_and_says_so(no_env, torch_missing) -> None:
    selection = select_checks(None)
    assert selection.names == OFFLINE
    assert selection.profile == "offline"
    assert selection.fallback == "qe: torch not installed"
    assert selection.signature == "fallback:offline(qe:-torch-not-installed)"


def test_checker_warns_once_and_signs_the_fallback(
    no_env, torch_missing, capsys, monkeypatch
) -> None:
    from mtqa import pipeline

    monkeypatch.setattr(pipeline, "_WARNED", set())
    first = Checker(langs=Languages("ru", "en"))
    Checker(langs=Languages("ru", "en"))
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("mtqa: warning: running the offline profile")
    assert "torch not installed" in err[0]
    assert first.signature.endswith("|fallback:offline(qe:-torch-not-installed)")
    assert "qe@" not in first.signature
    assert first.calibration.label == "default"


def test_default_with_the_model_uses_the_qe_calibration(no_env, neural_ok) -> None:
    # Building the checks loads no model, so this needs neither torch nor the base model.
    checker = Checker(langs=Languages("ru", "en"))
    assert [c.name for c in checker.checks] == [*OFFLINE, "qe"]
    assert checker.calibration.label == "qe" and "fallback" not in checker.signature


def test_shipped_neural_requirements_are_found_without_importing_them() -> None:
    code = (
        "import sys; from mtqa.checks import neural_missing; neural_missing('qe'); "
        "print('torch' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert out.stdout.strip() == "False"


# A finder that makes `import torch` fail, as on a machine without it.
BLOCK_TORCH = """
import importlib.abc, sys
class _NoTorch(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "torch" or name.startswith("torch."):
            raise ModuleNotFoundError("No module named 'torch'", name="torch")
        return None
sys.meta_path.insert(0, _NoTorch())
"""

RUN_CLI = """
import sys
from typer.testing import CliRunner
from mtqa.cli import app
result = CliRunner().invoke(app, sys.argv[1:])
sys.stdout.write(result.stdout)
sys.stderr.write(result.stderr)
sys.stderr.write("TORCH_LOADED=%s\\n" % ("torch" in sys.modules))
sys.exit(result.exit_code)
"""


def run_cli(args: list[str], *, block_torch: bool = False, env_checks: str | None = None):
    import os

    env = {k: v for k, v in os.environ.items() if k != registry.CHECKS_ENV}
    if env_checks is not None:
        env[registry.CHECKS_ENV] = env_checks
    env["PYTHONPATH"] = str(ROOT)
    code = (BLOCK_TORCH if block_torch else "") + RUN_CLI
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=False,
    )


def test_help_imports_no_torch() -> None:
    out = run_cli(["--help"])
    assert out.returncode == 0
    assert "TORCH_LOADED=False" in out.stderr


def test_offline_profile_checks_an_article_without_importing_torch() -> None:
    out = run_cli(
        [
            "check",
            str(SAMPLES / "article.en.txt"),
            "--src",
            str(SAMPLES / "article.ru.txt"),
            "--checks",
            "offline",
            "-f",
            "json",
        ]
    )
    assert out.returncode == 0, out.stderr
    assert "TORCH_LOADED=False" in out.stderr
    doc = json.loads(out.stdout)
    signature = doc["summary"]["signature"]
    assert "qe@" not in signature and "fallback" not in signature
    assert "mtqa: warning" not in out.stderr


def test_default_on_a_machine_without_torch_falls_back_with_one_warning() -> None:
    out = run_cli(["check", str(SAMPLES / "article.en.txt"), "-f", "json"], block_torch=True)
    assert out.returncode == 0, out.stderr
    warnings = [line for line in out.stderr.splitlines() if line.startswith("mtqa: warning")]
    assert len(warnings) == 1 and "torch not installed" in warnings[0]
    assert "TORCH_LOADED=False" in out.stderr
    doc = json.loads(out.stdout)
    assert "|fallback:offline(qe:-torch-not-installed)" in doc["summary"]["signature"]


def test_the_two_shipped_calibrations_share_the_check_settings() -> None:
    offline, default = load_calibration(), shipped_calibration([*OFFLINE, "qe"])
    assert offline.label == "default" and default.label == "qe"
    shared = {k: v for k, v in default.data["checks"].items() if k != "qe"}
    assert shared == {k: v for k, v in offline.data["checks"].items() if k != "qe"}


def test_batch_and_serve_checkers_run_the_default_profile(no_env, neural_ok) -> None:
    # `mtqa batch` builds this spec once per worker; `mtqa serve` builds Checker(checks=None).
    from mtqa.batch import CheckerSpec

    assert [c.name for c in CheckerSpec().build().checks] == [*OFFLINE, "qe"]
    assert [c.name for c in CheckerSpec(checks=("offline",)).build().checks] == list(OFFLINE)
