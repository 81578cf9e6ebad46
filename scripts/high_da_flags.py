"""False alarms on good real MT: what the default checks flag in WMT21 system outputs people rated high.

    python scripts/high_da_flags.py [--min-da 0.6] [--n 1500] [--seed 0] [--show major]

WMT21 DA ru-en news (tuning material) holds ten systems' outputs per source with a DA z-score;
rows at or above ``--min-da`` are translations people found good, so a flag on them is mostly a
false alarm (not always: strong systems still repeat a word, "suggestions and suggestions").
A seeded sample of ``--n`` such rows, with their sources, is checked with the default profile;
prints the share of rows with any flag and with a major or critical one, both per
check/category, and with ``--show major`` (or ``any``) every such flag with its sentence.
Never point it at WMT22 (held out).
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--min-da", type=float, default=0.6, help="lowest DA z-score kept")
    ap.add_argument("--n", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--show", choices=["none", "major", "any"], default="none")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "eval")
    args = ap.parse_args(argv)

    from mtqa.checks import Languages
    from mtqa.pipeline import Checker
    from mtqa.types import Segment

    rows = []
    for path in sorted(glob.glob(str(args.data / "wmt21_da_ru-en_news.part*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r.get("score") is not None and r["score"] >= args.min_da and r.get("src"):
                    rows.append(r)
    if not rows:
        print(f"high_da_flags: no WMT21 DA rows under {args.data}", file=sys.stderr)
        return 2
    random.Random(args.seed).shuffle(rows)
    rows = rows[: args.n]
    checker = Checker(checks=None, langs=Languages("ru", "en"))
    segments = [Segment(index=i, id=r["id"], mt=r["mt"], src=r["src"]) for i, r in enumerate(rows)]
    results = checker.check_segments(segments)
    any_by: Counter[str] = Counter()
    major_by: Counter[str] = Counter()
    n_any = n_major = 0
    for res in results:
        flags = res.flags
        n_any += bool(flags)
        n_major += any(f.severity != "minor" for f in flags)
        any_by.update({f"{f.check}/{f.category}" for f in flags})
        major_by.update({f"{f.check}/{f.category}" for f in flags if f.severity != "minor"})
        for f in flags:
            if args.show == "any" or (args.show == "major" and f.severity != "minor"):
                print(f"  [{f.severity}] {f.check}/{f.category} {f.text!r}: {f.message}")
                print(f"      | {res.segment.mt}")
    n = len(rows)
    print(f"{n} WMT21 rows with DA z >= {args.min_da} (seed {args.seed}), with their sources")
    print(f"  rows with any flag       {n_any / n:6.1%}  ({n_any})")
    print(f"  rows with a major flag   {n_major / n:6.1%}  ({n_major})")
    for key, count in any_by.most_common():
        print(f"  {key:30s} any {count / n:6.1%}  major {major_by.get(key, 0) / n:6.1%}")
    print(f"signature: {results[0].signature}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
