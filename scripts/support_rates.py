"""Where the adequacy check's support-verb rule fires on WMT21 (tuning material), alone.

    python scripts/support_rates.py [--show]

Runs :func:`mtqa.checks.source.support.support_flags` (no other mechanism) over the distinct
WMT21 ru-en src/ref pairs (clean), the WMT21 system outputs rated DA z >= 0.6 (mostly good) and
those rated z < -0.5 (mostly bad), at most 2,000 of each (seeded), and prints how many of each
it flags; ``--show`` prints every flag. Never point it at WMT22 (held out).
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "eval")
    args = ap.parse_args(argv)

    from mtqa.checks import Languages
    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.checks.source.support import support_flags
    from mtqa.lexicon.align import align
    from mtqa.types import Segment

    rows = []
    for f in sorted(glob.glob(str(args.data / "wmt21_da_ru-en_news.part*.jsonl"))):
        with open(f, encoding="utf-8") as fh:
            rows += [json.loads(line) for line in fh if line.strip()]
    if not rows:
        raise SystemExit(f"no WMT21 ru-en DA files under {args.data}")
    check = AdequacyCheck(langs=Languages("ru", "en"))

    def run(pairs: list[tuple[str, str]], label: str) -> None:
        hit = 0
        for src, mt in pairs:
            al = align(check.lexicon, src, mt)
            flags = support_flags(check, Segment(index=0, id="x", mt=mt, src=src), al)
            hit += bool(flags)
            if args.show:
                for f in flags:
                    print(f"  [{label}] {f.severity} {mt[f.start : f.end]!r} -> {f.suggestion}")
        print(f"{label}: {hit} of {len(pairs)} flagged", flush=True)

    rng = random.Random(0)
    refs = sorted({(r["src"], r["ref"]) for r in rows if r.get("ref")})
    run(refs[:2000], "WMT21 references")
    high = [(r["src"], r["mt"]) for r in rows if r.get("score") is not None and r["score"] >= 0.6]
    rng.shuffle(high)
    run(high[:2000], "WMT21 outputs, DA z >= 0.6")
    low = [(r["src"], r["mt"]) for r in rows if r.get("score") is not None and r["score"] < -0.5]
    rng.shuffle(low)
    run(low[:2000], "WMT21 outputs, DA z < -0.5")
    return 0


if __name__ == "__main__":
    sys.exit(main())
