"""More wrong-sense and calque garbles for the garble tagger, over the MLQE-PE ru-en TRAIN pairs.

    python scripts/make_tagger_rows.py OUT.jsonl [--seeds 11,12] [--families wrong_sense,calque] \
        [--keep wrong_sense]

One pass of scripts/make_garbles.py's generator per seed, restricted to ``--families``, over the
MLQE-PE ru-en train (source, post-edit) pairs only (never WMT21, which the tagger holds out, nor
WMT22); ``--keep`` writes only the rows of those families (the generator still chooses among
all of ``--families``); pairs no family applies to are left out (their clean twins come from the main set). Rows
have split ``synthetic`` and ids ``garble.synthetic-extra<seed>.<i>``. Prints the counts.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from make_garbles import mlqe_pairs

from mtqa.garble import default_senses, generate, to_row
from mtqa.garble.generate import resolve_families


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("out", type=Path)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--seeds", default="11")
    ap.add_argument("--families", default="wrong_sense,calque")
    ap.add_argument("--keep", default="", help="write only these families (default: all)")
    args = ap.parse_args(argv)
    keep = set(args.keep.split(",")) - {""}
    families = resolve_families(args.families.split(","))
    senses = default_senses()
    pairs = mlqe_pairs(str(args.data / "train" / "mlqe_pe_ru-en.train*.jsonl"))
    counts: Counter[str] = Counter()
    with open(args.out, "w", encoding="utf-8") as f:
        for seed in (int(s) for s in args.seeds.split(",")):
            for i, sample in enumerate(generate(pairs, seed, families, senses=senses)):
                if sample.garble is None or (keep and sample.garble.family not in keep):
                    continue
                row = to_row(sample, f"garble.synthetic-extra{seed}.{i}", "synthetic")
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
                counts[f"{seed}.{sample.garble.family}"] += 1
    print(json.dumps({"pairs": len(pairs), **dict(sorted(counts.items()))}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
