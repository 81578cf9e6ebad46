"""Throughput of mtqa's QE model on CPU: sentences per second, batched vs one at a time.

    python scripts/bench_qe.py [--n 256] [--threads 2] [--repeat 3] [--data DIR]

Reads N (src, mt) pairs of WMT ru-en news from ../shared/data/eval (real news MT), loads the
shipped source-aware and target-only models once (load time printed separately) and times
``QEPredictor.predict`` with batch size 1 and 32 for each, interleaved, best of ``--repeat``
runs; prints sentences per second and the batched / unbatched ratio. Needs ``pip install 'mtqa[qe]'``.
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
import time
from pathlib import Path


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


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--n", type=int, default=256)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--data", type=Path, default=here.parent / "shared" / "data" / "eval")
    args = ap.parse_args()

    import torch

    from mtqa.qe.base import load_base
    from mtqa.qe.predict import QEPredictor

    torch.set_num_threads(args.threads)
    pairs = load_pairs(args.data, args.n)
    srcs, mts = [p[0] for p in pairs], [p[1] for p in pairs]
    t = time.perf_counter()
    base = load_base()
    models = {v: QEPredictor(v, base=base) for v in ("full", "target")}
    print(f"load (base from the user cache + 2 deltas): {time.perf_counter() - t:.1f} s")
    print(f"{len(pairs)} WMT ru-en news sentences, {args.threads} torch threads")
    for variant, model in models.items():
        given = srcs if variant == "full" else None
        model.predict(mts[:32], given[:32] if given else None, batch_size=32)  # warm-up
        rates = {1: 0.0, 32: 0.0}
        for _ in range(args.repeat):  # interleaved; the best of the runs counts
            for batch in (1, 32):
                t = time.perf_counter()
                model.predict(mts, given, batch_size=batch)
                rates[batch] = max(rates[batch], len(mts) / (time.perf_counter() - t))
        print(
            f"{variant:>6}: batch 1 {rates[1]:6.1f} sent/s | batch 32 {rates[32]:6.1f} sent/s"
            f" | batched/unbatched {rates[32] / rates[1]:.2f}x"
        )


if __name__ == "__main__":
    main()
