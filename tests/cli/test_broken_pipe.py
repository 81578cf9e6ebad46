"""`mtqa check … | head`: a reader that stops reading cuts the report, not the gate's verdict.

click turned the broken pipe into exit status 1, which a script under `set -o pipefail` reads
as a failed gate; now the status is the gate's: 0 when it passes (or there is none), 1 when it
fails.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def long_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # enough JSONL (about 600 KB) to fill any pipe buffer before the reader closes it
    path = tmp_path_factory.mktemp("pipe") / "long.txt"
    line = "The minister said on Monday that talks number {} went well and more will follow.\n"
    path.write_text("".join(line.format(i) for i in range(2500)), encoding="utf-8")
    return path


def _status_after_reader_closes(args: list[str]) -> tuple[int, str]:
    cmd = [sys.executable, "-m", "mtqa", "check", *args, "--checks", "rules", "--format", "jsonl"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.read(200)
    proc.stdout.close()  # what `head -c 200` does
    err = proc.stderr.read().decode()
    assert first.startswith(b'{"id"')
    return proc.wait(timeout=300), err


def test_no_gate_exits_0_when_the_reader_stops_early(long_input: Path) -> None:
    status, err = _status_after_reader_closes([str(long_input), "--lines"])
    assert (status, err) == (0, "")


def test_a_failed_gate_still_exits_1(long_input: Path) -> None:
    status, err = _status_after_reader_closes([str(long_input), "--lines", "--fail-under", "99"])
    assert status == 1
    assert err.startswith("mtqa: gate failed: document quality")
