"""Throughput of the `senses` check alone (target only), caches cold and then warm.

    python scripts/bench_senses.py [--n 10000] [--data DIR] [--with-src] [--no-anchored]

Reads the first N machine translations of the WMT ru-en DA files in ../shared/data/eval, times
the one-off load (dictionary maps, trigram model, lemmatisers) apart, then the check over the
sentences twice: cold (every word and pair seen for the first time) and warm (cached).
``--with-src`` gives each translation its source (the anchored step runs); ``--no-anchored``
switches that step off (``anchored_gain_min: null``) to time it apart.
"""

from __future__ import annotations

import argparse
import glob
import json
import time
from pathlib import Path

from mtqa.checks.senses import SenseCheck
from mtqa.types import Segment


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--data", type=Path, default=here.parent / "shared" / "data" / "eval")
    parser.add_argument("--with-src", action="store_true", help="give the sources too")
    parser.add_argument("--no-anchored", action="store_true", help="switch the anchored step off")
    args = parser.parse_args()
    segs: list[Segment] = []
    for path in sorted(glob.glob(str(args.data / "wmt2[12]_da_ru-en_news.part*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                src = row["src"] if args.with_src else None
                segs.append(Segment(index=len(segs), id=str(len(segs)), mt=row["mt"], src=src))
    segs = segs[: args.n]
    check = SenseCheck({"anchored_gain_min": None} if args.no_anchored else None)
    t = time.perf_counter()
    check.check_one(Segment(index=0, id="load", mt="The armed powers were alerted."))
    print(f"one-off load: {time.perf_counter() - t:.2f} s  ({check.signature()})")
    for label in ("cold", "warm"):
        t = time.perf_counter()
        check.check_batch(segs)
        dt = time.perf_counter() - t
        print(f"{label}: {len(segs)} sentences in {dt:.2f} s = {len(segs) / dt:.0f} sentences/s")


if __name__ == "__main__":
    main()
