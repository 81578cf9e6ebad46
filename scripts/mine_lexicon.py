"""Mine the shipped ru→en lemma lexicon from MLQE-PE ru-en train (source and post-edit, CC0).

    python scripts/mine_lexicon.py [--data ../shared/data/train] [--out mtqa/data/lexicon/ru-en.tsv.gz]

Only the train split is read (never dev/test). WMT news data is deliberately not used: it has no
licence for redistribution, and its references are what the clean-text figures are measured on.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from mtqa.lexicon.mined import mine, write_tsv


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default="../shared/data/train")
    ap.add_argument("--out", default="mtqa/data/lexicon/ru-en.tsv.gz")
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--min-dice", type=float, default=0.25)
    args = ap.parse_args()
    pairs = []
    for path in sorted(glob.glob(os.path.join(args.data, "mlqe_pe_ru-en.train*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row.get("split") == "train" and row.get("pe"):
                    pairs.append((row["src"], row["pe"]))
    if not pairs:
        sys.exit(f"no MLQE-PE ru-en train rows under {args.data}")
    t = time.time()
    rows = mine(pairs, min_count=args.min_count, min_dice=args.min_dice)
    write_tsv(rows, args.out)
    print(
        f"{len(pairs)} sentence pairs -> {len(rows)} lemma pairs, "
        f"{len({r for r, *_ in rows})} Russian lemmas, {os.path.getsize(args.out)} bytes "
        f"({time.time() - t:.1f} s) -> {args.out}"
    )


if __name__ == "__main__":
    main()
