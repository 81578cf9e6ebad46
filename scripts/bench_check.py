"""Throughput of `mtqa check`'s default checks against sacrebleu sentence chrF, side by side.

    python scripts/bench_check.py [--n 10000] [--data DIR]

Reads N (mt, src, ref) triples from the WMT ru-en DA files in ../shared/data/eval (real news MT),
times sentence-level chrF on (mt, ref), then mtqa's default checker on the same sentences with
mt only (a feed with no source or reference) and with mt+src+ref, and prints sentences per second
and the ratio mtqa / chrF. The trigram model's one-off load is timed separately.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import statistics
import subprocess
import time
from pathlib import Path


def load_rows(data_dir: Path, n: int) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted(glob.glob(str(data_dir / "wmt2[12]_da_ru-en_news.part*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row.get("mt") and row.get("ref") and row.get("src"):
                    rows.append({"mt": row["mt"], "src": row["src"], "ref": row["ref"]})
                if len(rows) >= n:
                    return rows
    if not rows:
        sys.exit(f"no WMT DA files under {data_dir}")
    while len(rows) < n:  # repeat if the files hold fewer rows than asked for
        rows.extend(rows[: n - len(rows)])
    return rows


def measure_once(rows: list[dict[str, str]]) -> dict[str, float | str]:
    """One cold run in this process: chrF, then mtqa on mt only, then on mt+src+ref."""
    import sacrebleu

    from mtqa.checks import Languages
    from mtqa.pipeline import Checker
    from mtqa.types import Segment

    t0 = time.perf_counter()
    chrf = [sacrebleu.sentence_chrf(r["mt"], [r["ref"]]).score for r in rows]
    t_chrf = time.perf_counter() - t0

    t0 = time.perf_counter()
    checker = Checker(langs=Languages("ru", "en"))
    # Load the lazily loaded resources (trigram model, word lists) once, as a long run would
    # (an unknown word loads the word lists of both languages, a source and a reference the rest).
    warm = "The talks in Zqxw resumed on Monday, officials said."
    checker.check_segments([Segment(index=0, id="w", mt=warm, src="Переговоры.", ref=warm)])
    t_load = time.perf_counter() - t0

    mt_only = [Segment(index=i, id=str(i), mt=r["mt"]) for i, r in enumerate(rows)]
    full = [
        Segment(index=i, id=str(i), mt=r["mt"], src=r["src"], ref=r["ref"])
        for i, r in enumerate(rows)
    ]
    t0 = time.perf_counter()
    checker.check_segments(mt_only)
    t_mt = time.perf_counter() - t0
    t0 = time.perf_counter()
    checker.check_segments(full)
    t_full = time.perf_counter() - t0
    return {
        "chrf": t_chrf,
        "mt": t_mt,
        "full": t_full,
        "load": t_load,
        "chrf_mean": sum(chrf) / len(chrf),
        "signature": checker.signature,
    }


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, default=here.parent / "shared" / "data" / "eval")
    args = parser.parse_args()
    rows = load_rows(args.data, args.n)
    if args.once:
        print(json.dumps(measure_once(rows)))
        return
    # Each repeat runs in a fresh process, so every cache starts cold; repeats are interleaved
    # with other load on the machine and the median is reported.
    runs = []
    for _ in range(args.repeats):
        out = subprocess.run(
            [sys.executable, __file__, "--once", "--n", str(args.n), "--data", str(args.data)],
            capture_output=True, text=True, check=True,
        )
        runs.append(json.loads(out.stdout))
    t_chrf, t_mt, t_full, t_load = (
        statistics.median(r[k] for r in runs) for k in ("chrf", "mt", "full", "load")
    )
    chrf_mean = runs[0]["chrf_mean"]
    signature = runs[0]["signature"]

    n = len(rows)
    chrf_sps = n / t_chrf
    print(f"sentences: {n} (WMT21/22 ru-en news MT), cpu cores: {os.cpu_count()}, "
          f"median of {args.repeats} interleaved runs")
    print(f"sacrebleu sentence chrF:        {chrf_sps:10.0f} sent/s   (mean chrF {chrf_mean:.1f})")
    print(f"mtqa default, mt only:          {n / t_mt:10.0f} sent/s   ratio {(n / t_mt) / chrf_sps:.2f}x chrF")
    print(f"mtqa default, mt+src+ref:       {n / t_full:10.0f} sent/s   ratio {(n / t_full) / chrf_sps:.2f}x chrF")
    print(f"one-off resource load: {t_load:.2f} s; checks: {signature}")


if __name__ == "__main__":
    main()
