"""The QE model on CPU, fp32 torch against int8 ONNX Runtime, side by side in one run.

    python scripts/bench_qe.py [--n 256] [--threads 2] [--repeat 3] [--dev 1000] [--data DIR]

Prints, for the source-aware (``full``) and target-only (``target``) models:

* speed: sentences per second on N WMT ru-en news pairs (real news MT, ../shared/data/eval),
  batched, one process, ``--threads`` threads, best of ``--repeat`` interleaved runs;
* agreement on MLQE-PE ru-en dev (the split the models were selected on; never test): Pearson r
  of the sentence scores with the human DA z-scores and word MCC on the official tags, for both
  runtimes, their differences, and r between the two runtimes' scores;
* start-up, each in a fresh process: first use (int8 export into an empty cache folder), cache
  size, a later process's load time, and peak memory (resident set) of each process.

Load on the machine changes every speed and time figure: the script prints the 1-minute load
average at its start and end, and the CPU seconds of the start-up processes (which load
changes much less); compare runs made on an idle machine.
Needs ``pip install 'mtqa[qe]'``.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VARIANTS = ("full", "target")


def load_pairs(data_dir: Path, n: int) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for path in sorted(glob.glob(str(data_dir / "wmt2[12]_da_ru-en_news.part*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row.get("mt") and row.get("src"):
                    pairs.append((row["src"], row["mt"]))
                if len(pairs) >= n:
                    return pairs
    if not pairs:
        sys.exit(f"no WMT DA files under {data_dir}")
    return pairs


def dev_rows(data_dir: Path, n: int) -> list[dict]:
    with open(data_dir / "mlqe_pe_ru-en.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    return [r for r in rows if r["split"] == "dev"][:n]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(mode: str, backend: str, threads: int, n: int, data: Path) -> None:
    """One fresh process: load both variants (building the cache if empty), optionally run."""
    started = time.perf_counter()
    if backend == "onnx":
        from mtqa.qe.runtime import OnnxQE

        models = {v: OnnxQE(v, threads=threads, progress=lambda _: None) for v in VARIANTS}
    else:
        from mtqa.qe.base import load_base
        from mtqa.qe.predict import QEPredictor

        base = load_base()
        models = {v: QEPredictor(v, base=base, threads=threads) for v in VARIANTS}
    loaded = time.perf_counter() - started
    if mode == "run":
        pairs = load_pairs(data, n)
        models["full"].predict([m for _, m in pairs], [s for s, _ in pairs])
        models["target"].predict([m for _, m in pairs])
    use = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps({"load_s": loaded, "peak_mb": peak_mb(), "cpu_s": use.ru_utime + use.ru_stime})
    )


def run_child(mode: str, backend: str, args: argparse.Namespace, cache: Path) -> dict:
    env = {**os.environ, "MTQA_CACHE_DIR": str(cache)}
    cmd = [sys.executable, __file__, "--child", mode, "--backend", backend,
           "--threads", str(args.threads), "--n", str(args.n), "--data", str(args.data)]  # fmt: skip
    t = time.perf_counter()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - t
    return result


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def speed(models: dict, pairs: list[tuple[str, str]], repeat: int) -> dict[tuple[str, str], float]:
    srcs, mts = [p[0] for p in pairs], [p[1] for p in pairs]
    rates: dict[tuple[str, str], float] = {}
    for name, model in models.items():  # warm-up
        model.predict(mts[:16], srcs[:16] if name[1] == "full" else None)
    for _ in range(repeat):  # interleaved; the best run counts
        for (backend, variant), model in models.items():
            t = time.perf_counter()
            model.predict(mts, srcs if variant == "full" else None)
            rate = len(mts) / (time.perf_counter() - t)
            rates[backend, variant] = max(rates.get((backend, variant), 0.0), rate)
    return rates


def agreement(torch_models: dict, onnx_models: dict, rows: list[dict]) -> dict[str, dict]:
    import numpy as np
    import torch

    from mtqa.qe.data import encode_row
    from mtqa.qe.train import evaluate, pearson, predict

    out = {}
    for variant in VARIANTS:
        fp32, int8 = torch_models[variant], onnx_models[variant]
        examples = [encode_row(r, fp32.tokenizer, fp32.max_len, variant == "full") for r in rows]
        with torch.no_grad():
            s1, p1 = predict(fp32.model, examples, 1, torch.device("cpu"), batch_size=32)
        s2, p2 = int8.run([e.input_ids for e in examples])
        e1 = evaluate(examples, s1, p1, fp32.threshold)
        e2 = evaluate(examples, s2, p2, int8.threshold)
        same_ids = sum(
            int8.tokenizer.encode(*_texts(r, variant)).ids == e.input_ids
            for r, e in zip(rows, examples)
        )
        out[variant] = {
            "fp32": e1, "int8": e2, "r_between": pearson(s1, s2),
            "max_abs_diff": float(np.abs(np.asarray(s1) - np.asarray(s2)).max()),
            "same_tokens": same_ids, "n": len(rows),
        }  # fmt: skip
    return out


def _texts(row: dict, variant: str) -> tuple[str, ...]:
    from mtqa.qe.base import prepare_text

    mt = prepare_text(row["mt"])
    return (prepare_text(row["src"]), mt) if variant == "full" else (mt,)


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=256, help="news pairs timed")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--dev", type=int, default=1000, help="MLQE-PE ru-en dev rows for agreement")
    ap.add_argument("--data", type=Path, default=here.parent / "shared" / "data" / "eval")
    ap.add_argument("--child", choices=["load", "run"], help=argparse.SUPPRESS)
    ap.add_argument("--backend", default="onnx", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.backend, args.threads, args.n, args.data)
        return

    load_start = os.getloadavg()[0]
    print(f"cores {len(os.sched_getaffinity(0))}, 1-min load at start {load_start:.2f}, "
          f"threads {args.threads}")  # fmt: skip

    # Start-up, in fresh processes: an empty int8 cache first, then a warm one.
    with tempfile.TemporaryDirectory(prefix="mtqa-bench-") as tmp:
        cache = Path(tmp)
        first = run_child("load", "onnx", args, cache)
        cache_mb = folder_mb(cache / "qe-onnx")
        later = run_child("load", "onnx", args, cache)
        running = run_child("run", "onnx", args, cache)
    from mtqa.qe.base import cache_root, load_base

    base = load_base()  # builds the fp32 base cache if this machine has none, so "later" is later
    torch_later = run_child("load", "torch", args, cache_root())  # the user's fp32 base cache
    torch_running = run_child("run", "torch", args, cache_root())
    base_mb = folder_mb(cache_root() / "qe-base") if (cache_root() / "qe-base").is_dir() else 0.0

    from mtqa.qe.predict import QEPredictor
    from mtqa.qe.runtime import OnnxQE

    torch_models = {v: QEPredictor(v, base=base, threads=args.threads) for v in VARIANTS}
    onnx_models = {v: OnnxQE(v, threads=args.threads) for v in VARIANTS}
    pairs = load_pairs(args.data, args.n)
    models = {("fp32", v): m for v, m in torch_models.items()}
    models.update({("int8", v): m for v, m in onnx_models.items()})
    rates = speed(models, pairs, args.repeat)
    agree = agreement(torch_models, onnx_models, dev_rows(args.data, args.dev))

    w = 34
    print(f"\n{'':<{w}} {'fp32 torch':>12} {'int8 onnx':>12} {'int8/fp32':>10}")
    for variant, label in (("full", "with source"), ("target", "target only")):
        f, i = rates["fp32", variant], rates["int8", variant]
        name = f"sent/s {label} ({len(pairs)} news)"
        print(f"{name:<{w}} {f:>12.1f} {i:>12.1f} {i / f:>9.2f}x")
    for variant in VARIANTS:
        a = agree[variant]
        for key, label in (("pearson", "Pearson r (DA z)"), ("mcc", "word MCC")):
            f, i = a["fp32"][key], a["int8"][key]
            name = f"{variant}: {label}, dev n={a['n']}"
            print(f"{name:<{w}} {f:>12.4f} {i:>12.4f} {i - f:>+10.4f}")
        name = f"{variant}: r(fp32, int8) | max |diff|"
        print(f"{name:<{w}} {a['r_between']:>12.4f} "
              f"{a['max_abs_diff']:>12.4f}   same tokens {a['same_tokens']}/{a['n']}")  # fmt: skip
    print(f"{'first use (both, empty cache), s':<{w}} {'':>12} {first['wall_s']:>12.1f}")
    print(f"{'  the same, CPU seconds':<{w}} {'':>12} {first['cpu_s']:>12.1f}")
    print(f"{'cache size, MB':<{w}} {base_mb:>12.0f} {cache_mb:>12.0f}")
    print(f"{'later load (both), s':<{w}} {torch_later['load_s']:>12.1f} {later['load_s']:>12.1f}")
    print(
        f"{'process wall (load both), s':<{w}} {torch_later['wall_s']:>12.1f} {later['wall_s']:>12.1f}"
    )
    print(f"{'  the same, CPU seconds':<{w}} {torch_later['cpu_s']:>12.1f} {later['cpu_s']:>12.1f}")
    print(f"{'peak memory, first use, MB':<{w}} {'':>12} {first['peak_mb']:>12.0f}")
    print(
        f"{'peak memory, load, MB':<{w}} {torch_later['peak_mb']:>12.0f} {later['peak_mb']:>12.0f}"
    )
    name = f"peak memory, load + {len(pairs)} x2, MB"
    print(f"{name:<{w}} {torch_running['peak_mb']:>12.0f} "
          f"{running['peak_mb']:>12.0f}")  # fmt: skip
    print(f"\n1-min load at end {os.getloadavg()[0]:.2f} (speed figures need an idle machine)")


if __name__ == "__main__":
    main()
