"""DEMETR pair accuracy of the `qe` score alone for each QE runtime, and its speed, in one run.

    python scripts/bench_qe_pairs.py [--pairs 600] [--data ../shared/data]

For a deterministic sample of DEMETR ru-en pairs (the first N rows by sha256 of ``0:<id>``, with
the source) prints, for int8 ONNX, fp32 ONNX and fp32 torch, the share of pairs where the
unperturbed translation scores strictly higher, and sentences per second (first use included:
run it twice for warm figures). DEMETR is a test set: report, never tune.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

from mtqa.checks import Languages
from mtqa.checks.qe import QECheck
from mtqa.types import Segment


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=600)
    ap.add_argument(
        "--data", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "data")
    )
    args = ap.parse_args()
    path = Path(args.data) / "eval" / "demetr_ru-en.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows.sort(key=lambda r: hashlib.sha256(("0:" + r["id"]).encode()).hexdigest())
    rows = rows[: args.pairs]
    segs = []
    for i, r in enumerate(rows):
        segs.append(Segment(index=2 * i, id=f"{i}g", mt=r["mt_good"], src=r["src"]))
        segs.append(Segment(index=2 * i + 1, id=f"{i}b", mt=r["mt"], src=r["src"]))
    print(f"DEMETR ru-en, {len(rows)} pairs with the source, qe score alone")
    for params in (
        {"backend": "onnx", "precision": "int8"},
        {"backend": "onnx", "precision": "fp32"},
        {"backend": "torch"},
    ):
        check = QECheck(params, Languages("ru", "en"))
        started = time.monotonic()
        out = check.run(segs)
        seconds = time.monotonic() - started
        q = [o.scores["qe"] for o in out]
        accuracy = sum(q[2 * i] > q[2 * i + 1] for i in range(len(rows))) / len(rows)
        label = "+".join(str(v) for v in params.values())
        print(f"{label:12} pair accuracy {accuracy:.3f}  {len(segs) / seconds:6.1f} sent/s")


if __name__ == "__main__":
    main()
