"""Where the adequacy check's support-verb rule fires on WMT21 (tuning material), alone.

    python scripts/support_rates.py [--show]

Runs :func:`mtqa.checks.source.support.support_flags` (no other mechanism) over the distinct
WMT21 ru-en src/ref pairs (clean), the WMT21 system outputs rated DA z >= 0.6 (mostly good) and
those rated z < -0.5 (mostly bad), at most 2,000 of each (seeded), and prints how many of each
it flags; ``--show`` prints every flag. Never point it at WMT22 (held out).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtqa.types import Flag
from scripts.clean_pairs import count_flagged, wmt21_parts, wmt21_rows


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

    rows = wmt21_rows(args.data)
    if not rows:
        raise SystemExit(f"no WMT21 ru-en DA files under {args.data}")
    check = AdequacyCheck(langs=Languages("ru", "en"))

    def flags_of(pair: tuple[str, str]) -> list[Flag]:
        src, mt = pair
        al = align(check.lexicon, src, mt)
        return support_flags(check, Segment(index=0, id="x", mt=mt, src=src), al)

    for label, pairs in wmt21_parts(rows, 2000):

        def show(pair: tuple[str, str], f: Flag, label: str = label) -> None:
            print(f"  [{label}] {f.severity} {pair[1][f.start : f.end]!r} -> {f.suggestion}")

        n, hit = count_flagged(pairs, flags_of, show if args.show else None)
        print(f"{label}: {hit} of {n} flagged", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
