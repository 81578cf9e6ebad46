"""Pseudo word labels for WMT21 DA ru-en news: every system output TER-aligned to its reference.

    python scripts/pseudo_labels.py [--out artifacts/garble/pseudo.jsonl]

WMT21 DA ru-en is released for training (../shared/data/eval/README.md). Each output's words are
tagged OK/BAD by a TER alignment with shifts to the reference (mtqa.garble.pseudo), the row keeps
its DA z-score as ``score`` and gets a ``weight`` (how far the edit rate agrees with the human
DA). Rows are MLQE-PE-like JSONL that scripts/train_qe.py --pretrain reads. Prints counts.
"""

from __future__ import annotations

import argparse
import glob
import json
import time
from pathlib import Path

from mtqa.garble.pseudo import pseudo_row

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=REPO / "artifacts" / "garble" / "pseudo.jsonl")
    ap.add_argument("--limit", type=int, default=0, help="only the first N rows (smoke runs)")
    ap.add_argument("--shifted-ok", action="store_true", help="tag shifted words OK, not BAD")
    args = ap.parse_args(argv)
    t0 = time.time()
    paths = sorted(glob.glob(str(args.data / "eval" / "wmt21_da_ru-en_news.part*.jsonl")))
    if not paths:
        raise SystemExit(f"no WMT21 DA ru-en files under {args.data / 'eval'}")
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            rows += [json.loads(line) for line in f if line.strip()]
    rows = [r for r in rows if r.get("ref") and r.get("mt")]
    if args.limit:
        rows = rows[: args.limit]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    bad = total = 0
    weights = []
    with open(args.out, "w", encoding="utf-8") as f:
        for r in rows:
            out = pseudo_row(r, shifted_bad=not args.shifted_ok)
            tags = str(out["mt_tags"]).split()
            bad += tags.count("BAD")
            total += len(tags)
            weights.append(float(out["weight"]))  # type: ignore[arg-type]
            f.write(json.dumps(out, ensure_ascii=False) + "\n")
    print(
        json.dumps(
            {
                "rows": len(rows),
                "bad_token_share": round(bad / max(1, total), 4),
                "mean_weight": round(sum(weights) / max(1, len(weights)), 4),
                "seconds": round(time.time() - t0),
                "out": str(args.out.relative_to(REPO))
                if args.out.is_relative_to(REPO)
                else str(args.out),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
