"""Throughput of `mtqa check`'s light offline profile against sacrebleu sentence chrF, side by side.

    python scripts/bench_check.py [--n 10000] [--repeats 3] [--modes mt,mt+src,adequacy,mt+src+ref]
    python scripts/bench_check.py --per-check [--n 10000]
    python scripts/bench_check.py --baseline OTHER_CHECKOUT [--n 10000] [--repeats 1] [--modes ...]

Reads N (mt, src, ref) triples from the WMT ru-en DA files in ../shared/data/eval (real news MT).
Each measurement runs in a fresh process (every cache starts cold): it times sacrebleu's sentence
chrF on (mt, ref), then, in the same process, one of

* ``mt``: the offline profile on mt only (a feed with no source or reference);
* ``mt+src``: the offline profile with the source, so ``adequacy`` runs (the issue's target:
  at least as fast as sentence chrF on the same sentences);
* ``adequacy``: the ``adequacy`` check alone on mt+src;
* ``mt+src+ref``: the offline profile with source and reference (sacrebleu's TER dominates).

It prints sentences per second and the ratio to chrF for each mode (median over the repeats,
which are interleaved with other load on the machine), the same ratio in CPU time (steadier on a
shared machine), and the one-off resource load, timed apart (trigram model, word lists,
dictionary maps, lemmatisers). With PYTHONPATH pointing at another checkout, the same script
measures that checkout's code (pass --data then), so two versions are compared alike.

``--baseline OTHER_CHECKOUT`` measures both in one run: every (repeat, mode) runs once with the
other checkout's code and once with this one's, back to back, so load on a shared machine falls
on both alike; it prints both tables and this checkout's speed-up per mode (CPU time).
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mtqa.types import Segment

MODES = ("mt", "mt+src", "adequacy", "mt+src+ref")
LABELS = {
    "mt": "offline profile, mt only",
    "mt+src": "offline profile, mt+src (adequacy on)",
    "adequacy": "adequacy check alone, mt+src",
    "mt+src+ref": "offline profile, mt+src+ref",
}
# A source and translation that take every path once (dictionary, lemmatisers, a wrong sense the
# language model judges), so one-off loads happen before the clock starts.
WARM_SRC = "Стороны договорились о мирном урегулировании конфликта в Зкщв."
WARM_MT = "The parties in Zqxw agreed on a peaceful warfare of the conflict, officials said."
# ... and names, so the name checks' word lists (the English words names are spelt like, the
# other languages' spelling conventions) load there too, not at the first name of the run.
WARM_NAMES_SRC = "Премьер Греции Мицотакис встретился с Макроном и Зеленским в Киеве."
WARM_NAMES_MT = "Greek Prime Minister Mitsotakis met Makron and Zelenskiy in Kiev."


def warm_segments(with_ref: bool = False) -> list[Segment]:
    """The warm-up: every path once (see above)."""
    from mtqa.types import Segment

    pairs = ((WARM_SRC, WARM_MT), (WARM_NAMES_SRC, WARM_NAMES_MT))
    return [
        Segment(index=k, id=f"w{k}", mt=mt, src=src, ref=mt if with_ref else None)
        for k, (src, mt) in enumerate(pairs)
    ]


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


def measure_once(rows: list[dict[str, str]], mode: str) -> dict[str, float | str]:
    """One cold run in this process: sentence chrF, then mtqa in ``mode`` on the same rows."""
    import sacrebleu

    from mtqa.checks import Languages
    from mtqa.pipeline import Checker
    from mtqa.types import Segment

    t0, c0 = time.perf_counter(), time.process_time()
    chrf = [sacrebleu.sentence_chrf(r["mt"], [r["ref"]]).score for r in rows]
    t_chrf, c_chrf = time.perf_counter() - t0, time.process_time() - c0

    t0 = time.perf_counter()
    langs = Languages("ru", "en")
    checker = Checker(["adequacy"] if mode == "adequacy" else ["offline"], langs=langs)
    checker.check_segments(warm_segments(with_ref=True))
    t_load = time.perf_counter() - t0

    with_src = mode != "mt"
    with_ref = mode == "mt+src+ref"
    segments = [
        Segment(
            index=i,
            id=str(i),
            mt=r["mt"],
            src=r["src"] if with_src else None,
            ref=r["ref"] if with_ref else None,
        )
        for i, r in enumerate(rows)
    ]
    t0, c0 = time.perf_counter(), time.process_time()
    checker.check_segments(segments)
    t_mtqa, c_mtqa = time.perf_counter() - t0, time.process_time() - c0
    return {
        "chrf": t_chrf,
        "mtqa": t_mtqa,
        "chrf_cpu": c_chrf,
        "mtqa_cpu": c_mtqa,
        "load": t_load,
        "chrf_mean": sum(chrf) / len(chrf),
        "signature": checker.signature,
        "maxrss_mb": _peak_memory_mb(),
    }


def _peak_memory_mb() -> float:
    """The process's peak resident memory (MB), or NaN where the platform does not say."""
    try:
        import resource
    except ImportError:  # not on Unix
        return float("nan")
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KB


def per_check(rows: list[dict[str, str]]) -> dict[str, float]:
    """CPU seconds of each check of the offline profile run alone over the rows with their
    source, in one process after a warm-up (``--per-check``): where the time goes."""
    from mtqa.checks import Languages
    from mtqa.pipeline import Checker
    from mtqa.types import Segment

    checker = Checker(["offline"], langs=Languages("ru", "en"))
    checker.check_segments(warm_segments())
    segments = [Segment(index=i, id=str(i), mt=r["mt"], src=r["src"]) for i, r in enumerate(rows)]
    out: dict[str, float] = {}
    # as the pipeline runs them (its collector setting), where this checkout has one
    from mtqa import pipeline

    fewer = getattr(pipeline, "fewer_collections", contextlib.nullcontext)
    for check in checker.checks:
        with fewer():
            c0 = time.process_time()
            check.run(segments)
            out[check.name] = round(time.process_time() - c0, 2)
    c0 = time.process_time()
    for r in rows:
        sacrebleu_chrf(r["mt"], r["ref"])
    out["sacrebleu sentence chrF (for scale)"] = round(time.process_time() - c0, 2)
    return out


def sacrebleu_chrf(mt: str, ref: str) -> float:
    import sacrebleu

    return float(sacrebleu.sentence_chrf(mt, [ref]).score)


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--modes", default=",".join(MODES), help=f"comma-separated, of: {', '.join(MODES)}"
    )
    parser.add_argument("--once", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument(
        "--per-check", action="store_true", help="CPU seconds of each check alone (mt+src)"
    )
    parser.add_argument("--data", type=Path, default=here.parent / "shared" / "data" / "eval")
    parser.add_argument(
        "--baseline", type=Path, help="another checkout's root: measured alongside, run by run"
    )
    args = parser.parse_args()
    rows = load_rows(args.data, args.n)
    if args.once:
        print(json.dumps(measure_once(rows, args.once)))
        return
    if args.per_check:
        seconds = per_check(rows)
        print(f"CPU seconds per check on {len(rows)} sentences with their source, each alone:")
        for name, sec in seconds.items():
            print(f"  {name:40s} {sec:6.2f}")
        return
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        parser.error(f"unknown mode(s): {', '.join(unknown)}")
    # Each (repeat, mode) runs in a fresh process, so every cache starts cold; the modes are
    # interleaved within a repeat, so load on the machine falls on all of them alike.
    # None: the code this process imports (PYTHONPATH as given)
    roots: dict[str, Path | None] = {"this checkout": None}
    if args.baseline is not None:
        roots = {f"baseline ({args.baseline})": args.baseline.resolve(), "this checkout": here}
    by_root: dict[str, dict[str, list[dict[str, float | str]]]] = {
        label: {m: [] for m in modes} for label in roots
    }
    for _ in range(args.repeats):
        for mode in modes:
            for label, root in roots.items():
                env = dict(os.environ) if root is None else dict(os.environ, PYTHONPATH=str(root))
                out = subprocess.run(
                    [
                        sys.executable,
                        __file__,
                        "--once",
                        mode,
                        "--n",
                        str(args.n),
                        "--data",
                        str(args.data.resolve()),
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                    env=env,
                    cwd=None if root is None else str(root),
                )
                by_root[label][mode].append(json.loads(out.stdout))
    for label, runs in by_root.items():
        if len(roots) > 1:
            print(f"== {label}")
        report(runs, modes, len(rows), args.repeats)
    if len(roots) > 1:
        base, this = by_root.values()
        print("== speed-up of this checkout over the baseline (CPU time, median of the runs)")
        for mode in modes:
            ratios = [
                float(b["mtqa_cpu"]) / float(t["mtqa_cpu"]) for b, t in zip(base[mode], this[mode])
            ]
            print(f"{LABELS[mode]:40s} {statistics.median(ratios):6.2f}x")


def report(
    runs: dict[str, list[dict[str, float | str]]], modes: list[str], n: int, repeats: int
) -> None:
    """The table of one checkout's runs."""
    all_runs = [r for rs in runs.values() for r in rs]
    t_chrf_all = statistics.median(float(r["chrf"]) for r in all_runs)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"sentences: {n} (WMT21/22 ru-en news MT), cpu cores: {os.cpu_count()}, "
        f"median of {repeats} runs per mode, load average at the end {load:.2f}"
    )
    print(
        f"{'sacrebleu sentence chrF':40s} {n / t_chrf_all:8.0f} sent/s   "
        f"(mean chrF {float(all_runs[0]['chrf_mean']):.1f})"
    )
    for mode in modes:
        t_mtqa = statistics.median(float(r["mtqa"]) for r in runs[mode])
        # The ratio is taken run by run against the chrF timed in the same process.
        ratio = statistics.median(float(r["chrf"]) / float(r["mtqa"]) for r in runs[mode])
        # The same ratio in CPU time (process time, one thread): steadier than wall time when
        # other jobs share the machine.
        cpu_ratio = statistics.median(
            float(r["chrf_cpu"]) / float(r["mtqa_cpu"]) for r in runs[mode]
        )
        t_load = statistics.median(float(r["load"]) for r in runs[mode])
        peak = statistics.median(float(r.get("maxrss_mb", "nan")) for r in runs[mode])
        print(
            f"{LABELS[mode]:40s} {n / t_mtqa:8.0f} sent/s   ratio {ratio:.2f}x chrF   "
            f"(CPU time {cpu_ratio:.2f}x; one-off load {t_load:.1f} s; peak memory {peak:.0f} MB)"
        )
    by_signature: dict[str, list[str]] = {}
    for mode in modes:
        by_signature.setdefault(str(runs[mode][0]["signature"]), []).append(mode)
    for signature, same in by_signature.items():
        print(f"checks ({', '.join(same)}): {signature}")


if __name__ == "__main__":
    main()
