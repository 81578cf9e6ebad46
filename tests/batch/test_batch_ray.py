"""--engine ray on a small local Ray instance: the same rows, resume and error rows as local."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from batch_helpers import CHECKS, article, content_rows, rows

from mtqa.batch import BatchConfig, CheckerSpec, run_batch

ray = pytest.importorskip("ray")
# Ray warns about its own deprecated settings when it starts.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_ray_engine_matches_local_and_resumes(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for i in range(4):
        (d / f"{i}.txt").write_text(article(i), encoding="utf-8")
    (d / "bad.txt").write_bytes(b"\xff\xfe broken")
    with zipfile.ZipFile(d / "z.zip", "w") as z:
        for i in range(4, 8):
            z.writestr(f"m/{i}.txt", article(i))
    spec = CheckerSpec(checks=(CHECKS,))
    local = tmp_path / "local.jsonl"
    run_batch(BatchConfig((str(d),), local, spec, progress=False))
    expected = content_rows(local)

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        out = tmp_path / "ray.jsonl"
        result = run_batch(
            BatchConfig((str(d),), out, spec, workers=2, engine="ray", progress=False)
        )
        assert content_rows(out) == expected
        assert (result.run["done"], result.run["failed"]) == (8, 1)

        # Cut the file after the fourth document, as a killed run leaves it, and resume on Ray.
        lines = out.read_bytes().splitlines(keepends=True)
        ends = [
            i
            for i, line in enumerate(lines)
            if line.startswith((b'{"row": "document"', b'{"row": "error"'))
        ]
        out.write_bytes(b"".join(lines[: ends[3] + 1]) + b'{"row": "sentence", "doc')
        result = run_batch(
            BatchConfig((str(d),), out, spec, workers=2, engine="ray", progress=False)
        )
        assert content_rows(out) == expected
        assert (result.run["skipped"], result.run["done"] + result.run["failed"]) == (4, 5)
        assert rows(out)[-1]["row"] == "run"
    finally:
        ray.shutdown()
