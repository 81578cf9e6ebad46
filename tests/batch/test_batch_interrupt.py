"""Ctrl-C stops a batch with worker processes at once, even while the workers are still building
their checks (loading models can take many seconds), and the rerun resumes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from batch_helpers import dump
from batch_slow import MARKER_ENV

SCRIPT = """
import sys
from pathlib import Path
from mtqa.batch import BatchConfig, CheckerSpec, run_batch
spec = CheckerSpec(checks=("fluency",), extra=("batch_slow:SlowStartCheck",))
run_batch(BatchConfig((sys.argv[1],), Path(sys.argv[2]), spec, workers=2, progress=False))
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_ctrl_c_terminates_workers_that_are_still_starting(tmp_path: Path) -> None:
    src = dump(tmp_path / "d.jsonl", 20)  # three chunks: both workers start
    markers = tmp_path / "markers"
    markers.mkdir()
    env = {
        **os.environ,
        MARKER_ENV: str(markers),
        "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), *sys.path]),
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(src), str(tmp_path / "out.jsonl")],
        env=env,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while len(list(markers.iterdir())) < 2:  # both workers are inside the slow build
        assert proc.poll() is None and time.monotonic() < deadline, "workers never started"
        time.sleep(0.05)
    workers = [int(p.name) for p in markers.iterdir()]

    proc.send_signal(signal.SIGINT)
    # Each worker sleeps 300 s in its build: waiting for them would take that long.
    _, err = proc.communicate(timeout=60)
    assert b"KeyboardInterrupt" in err
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)
