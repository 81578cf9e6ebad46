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
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mtqa.types import Flag
from scripts.clean_pairs import count_flagged, wmt21_rows


def rows_from(args: argparse.Namespace) -> list[dict]:
    if args.wmt21_mt:
        rows = wmt21_rows()
        return random.Random(args.seed).sample(rows, min(len(rows), args.wmt21_mt))
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
    rows = [r for r in rows_from(args) if r.get("src") and (r.get("mt") or r.get("ref"))]

    def calques(row: dict) -> list[Flag]:
        mt = row.get("mt") or row.get("ref")
        result = check.check_one(Segment(index=0, id=str(row.get("id")), mt=mt, src=row["src"]))
        return [f for f in result.flags if " word by word" in f.message]

    def show(row: dict, f: Flag) -> None:
        mt = row.get("mt") or row.get("ref")
        z = f"\t{row['score']:.2f}" if args.wmt21_mt and row.get("score") is not None else ""
        print(f"{row.get('id')}{z}\t{f.severity}\t{mt[f.start : f.end]}\t{f.suggestion}")

    n_rows, n_flagged = count_flagged(rows, calques, show)
    per_k = 1000 * n_flagged / max(1, n_rows)
    print(f"# rows {n_rows}, rows with a calque flag {n_flagged} ({per_k:.1f} per 1,000)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
