"""Benchmark `mtqa batch`: throughput with 1 and 2 workers, peak memory against input size, and
overhead against `mtqa check` on the same text. Ratios are measured side by side in one run.

    python scripts/bench_batch.py                      # 100,000 sentences, --checks fluency
    python scripts/bench_batch.py --sentences 20000    # a quicker look
    python scripts/bench_batch.py --sentences 30000 --workers-only   # 1 vs 2 workers vs auto

Targets (from issue 5): 2 workers >= 1.7x one; peak memory flat with 10x the input; batch within
10% of `mtqa check`. On a machine shared with other jobs, timings carry their noise: rerun.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import psutil

SENTENCES = [
    "The minister said the talks would resume next week in Geneva.",
    "Officials confirmed that the bridge will reopen after repairs.",
    "Prices for fuel rose sharply in the northern regions this winter.",
    "The court postponed the hearing until the end of the month.",
    "Local schools will receive new computers before the autumn term.",
    "Farmers expect a smaller harvest because of the long drought.",
    "The company denied reports that it plans to close the factory.",
]
PER_DOC = 20  # sentences per article: 4 paragraphs of 5


def article(i: int) -> str:
    paras = []
    for p in range(PER_DOC // 5):
        paras.append(" ".join(SENTENCES[(i * 3 + p * 5 + k) % len(SENTENCES)] for k in range(5)))
    return "\n\n".join(paras) + "\n"


def make_archive(path: Path, docs: int) -> None:
    """A tar.gz of ``docs`` articles in folders of 500, written member by member."""
    with tarfile.open(path, "w:gz") as t:
        for i in range(docs):
            data = article(i).encode()
            info = tarfile.TarInfo(f"{i // 500:04d}/{i:07d}.txt")
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))


def measure(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB, the process and its children summed)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            rss = ps.memory_info().rss + sum(
                c.memory_info().rss for c in ps.children(recursive=True)
            )
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.05)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}")
    return time.perf_counter() - start, peak / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sentences", type=int, default=100_000)
    ap.add_argument("--checks", default="fluency", help="checks for the timed runs")
    ap.add_argument("--memory-scale", type=int, default=10)
    ap.add_argument(
        "--workers-only",
        action="store_true",
        help="only time 1 worker, 2 workers and --workers auto (with the load average)",
    )
    args = ap.parse_args()
    from mtqa.batch.cores import default_workers, free_cores, usable_cores

    load_start = [round(x, 2) for x in psutil.getloadavg()]
    mtqa = [sys.executable, "-m", "mtqa.cli"]
    docs = args.sentences // PER_DOC
    results: dict[str, object] = {
        "sentences": docs * PER_DOC,
        "documents": docs,
        "checks": args.checks,
    }
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        archive = tmp / "archive.tar.gz"
        make_archive(archive, docs)
        batch = [*mtqa, "batch", "--checks", args.checks, "--no-progress", "--no-summary"]

        t1, m1 = measure([*batch, str(archive), "--out", str(tmp / "w1.jsonl"), "--workers", "1"])
        t2, m2 = measure([*batch, str(archive), "--out", str(tmp / "w2.jsonl"), "--workers", "2"])
        results["throughput"] = {
            "workers_1_s": round(t1, 1),
            "workers_2_s": round(t2, 1),
            "workers_1_sent_per_s": round(docs * PER_DOC / t1),
            "speedup_2_vs_1": round(t1 / t2, 2),
            "peak_mib_1": round(m1),
            "peak_mib_2": round(m2),
        }
        auto = default_workers()
        ta, _ = measure([*batch, str(archive), "--out", str(tmp / "wa.jsonl"), "--workers", "auto"])
        results["auto"] = {
            "workers": auto,
            "seconds": round(ta, 1),
            "free_cores": free_cores(),
            "usable_cores": usable_cores(),
        }
        if args.workers_only:
            results["load_average_at_start"] = load_start
            results["load_average_at_end"] = [round(x, 2) for x in psutil.getloadavg()]
            print(json.dumps(results, indent=2))
            return

        # Overhead: the whole text as one article for `mtqa check`, and as the archive for batch.
        whole = tmp / "whole.txt"
        with open(whole, "w", encoding="utf-8") as f:
            for i in range(docs):
                f.write(article(i) + "\n")
        tc, _ = measure(
            [
                *mtqa,
                "check",
                str(whole),
                "--checks",
                args.checks,
                "-f",
                "jsonl",
                "-o",
                str(tmp / "check.jsonl"),
            ]
        )
        tb, _ = measure([*batch, str(whole), "--out", str(tmp / "whole.jsonl")])
        results["overhead"] = {
            "check_whole_s": round(tc, 1),
            "batch_whole_s": round(tb, 1),
            "batch_archive_s": round(t1, 1),
            "batch_whole_vs_check": round(tb / tc, 3),
            "batch_archive_vs_check": round(t1 / tc, 3),
        }

        # Memory against input size: the reading/writing path with no checks, 1x and Nx documents.
        big = tmp / "big.tar.gz"
        make_archive(big, docs * args.memory_scale)
        probe = (
            "import sys; from pathlib import Path; from mtqa.batch import *; "
            "run_batch(BatchConfig((sys.argv[1],), Path(sys.argv[2]), CheckerSpec(checks=()), progress=False))"
        )
        ts, ms = measure([sys.executable, "-c", probe, str(archive), str(tmp / "m1.jsonl")])
        tl, ml = measure([sys.executable, "-c", probe, str(big), str(tmp / "m10.jsonl")])
        results["memory"] = {
            "scale": args.memory_scale,
            "peak_mib_1x": round(ms),
            "peak_mib_nx": round(ml),
            "ratio": round(ml / ms, 2),
            "seconds_1x": round(ts, 1),
            "seconds_nx": round(tl, 1),
            "output_mib_nx": round((tmp / "m10.jsonl").stat().st_size / 2**20),
        }
    results["cpu_count"] = psutil.cpu_count()
    results["load_average_at_start"] = load_start
    results["load_average_at_end"] = [round(x, 2) for x in psutil.getloadavg()]
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
