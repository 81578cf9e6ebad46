"""Calque flags of the adequacy check alone on sentences with sources: false alarms on clean text.

    python scripts/calque_flags.py CLEAN.jsonl            # rows with "src" and "mt" (or "ref")
    python scripts/calque_flags.py --wmt21-mt 6000        # a sample of WMT21 ru-en system outputs

Prints one line per calque flag (a word-by-word rendering of a set phrase or unit: id, severity,
flagged text, suggestion; with --wmt21-mt also the DA z-score) and a last line with the number of
rows and of rows with a calque flag, per 1,000. WMT21 is tuning material; never run this on a
test split (WMT22, MLQE-PE test).
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DATA = Path(__file__).resolve().parents[2] / "shared/data/eval"


def rows_from(args: argparse.Namespace) -> list[dict]:
    if args.wmt21_mt:
        rows = []
        for name in sorted(glob.glob(str(DATA / "wmt21_da_ru-en_news.part*.jsonl"))):
            with open(name, encoding="utf-8") as f:
                rows += [json.loads(line) for line in f]
        random.seed(args.seed)
        return random.sample(rows, min(len(rows), args.wmt21_mt))
    with open(args.file, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("file", nargs="?", help="JSONL rows with src and mt (or ref)")
    ap.add_argument("--wmt21-mt", type=int, default=0, help="sample this many WMT21 outputs")
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    if not args.file and not args.wmt21_mt:
        ap.error("give a file or --wmt21-mt N")

    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.types import Segment

    check = AdequacyCheck()
    n_rows = n_flagged = 0
    for row in rows_from(args):
        mt = row.get("mt") or row.get("ref")
        if not row.get("src") or not mt:
            continue
        n_rows += 1
        result = check.check_one(Segment(index=0, id=str(row.get("id")), mt=mt, src=row["src"]))
        calques = [f for f in result.flags if " word by word" in f.message]
        n_flagged += bool(calques)
        for f in calques:
            z = f"\t{row['score']:.2f}" if args.wmt21_mt and row.get("score") is not None else ""
            print(f"{row.get('id')}{z}\t{f.severity}\t{mt[f.start : f.end]}\t{f.suggestion}")
    per_k = 1000 * n_flagged / max(1, n_rows)
    print(f"# rows {n_rows}, rows with a calque flag {n_flagged} ({per_k:.1f} per 1,000)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
