"""Where the adequacy check's collocation rule fires on clean text (tuning material), alone.

    python scripts/collocation_rates.py [--show] [--clean FILE.jsonl] [--limit N]
        [--tuning FILE.tsv] [--parts refs,high,low] [--set KEY=VALUE ...]

Runs :func:`mtqa.checks.source.collocation.collocation_flags` (no other mechanism) over the
distinct WMT21 ru-en src/ref pairs (clean), the WMT21 system outputs rated DA z >= 0.6 (mostly
good) and those rated z < -0.5 (mostly bad), at most ``--limit`` of each (seeded), and, with
``--clean``, the rows of a JSONL file of clean pairs (``src``, ``mt``), and prints how many of
each it flags, per 1,000; ``--show`` prints every flag. ``--tuning`` also runs it over a
hand-written TSV (tests/data/collocation_tuning.tsv) and prints the garbled spans it finds per
family and the clean rows it flags. ``--set colloc_kinds=verb,of,mod`` (repeatable) changes a
parameter of the rule (a comma makes a tuple, numbers are numbers). Never point it at WMT22 or
at a held-out file.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtqa.types import Flag
from scripts.clean_pairs import WMT21_PARTS, count_flagged, wmt21_parts, wmt21_rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "eval")
    ap.add_argument("--clean", type=Path, default=None, help="JSONL of clean src/mt pairs")
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--parts", default="refs,high,low")
    ap.add_argument("--tuning", type=Path, default=None, help="hand-written TSV (tuning only)")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    args = ap.parse_args(argv)
    params: dict[str, object] = {}
    for item in args.set:
        key, _, raw = item.partition("=")
        params[key] = _value(raw)

    from mtqa.checks import Languages
    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.checks.source.collocation import collocation_flags
    from mtqa.lexicon.align import align
    from mtqa.types import Segment

    check = AdequacyCheck(params=params or None, langs=Languages("ru", "en"))
    if args.tuning is not None:
        from scripts.garble_recall import read_tests

        found: dict[str, list[int]] = {}
        for t in read_tests(args.tuning):
            seg = Segment(index=0, id=t["id"], mt=t["mt"], src=t["src"])
            flags = collocation_flags(check, seg, align(check.lexicon, t["src"], t["mt"]))
            if args.show:
                for f in flags:
                    print(f"  [tuning] {t['mt'][f.start : f.end]!r} -> {f.suggestion}")
            if not t["spans"]:
                found.setdefault("clean rows flagged", []).append(int(bool(flags)))
            for span in t["spans"]:
                hit = any(f.start < span["end"] and span["start"] < f.end for f in flags)
                found.setdefault(span["category"], []).append(int(hit))
        for family, hits in sorted(found.items()):
            print(f"{args.tuning.name}: {family} {sum(hits)} of {len(hits)}", flush=True)

    def run(pairs: list[tuple[str, str]], label: str) -> None:
        def flags_of(pair: tuple[str, str]) -> list[Flag]:
            src, mt = pair
            al = align(check.lexicon, src, mt)
            return collocation_flags(check, Segment(index=0, id="x", mt=mt, src=src), al)

        def show(pair: tuple[str, str], f: Flag) -> None:
            print(f"  [{label}] {f.severity} {pair[1][f.start : f.end]!r} -> {f.suggestion}")

        n, hit = count_flagged(pairs, flags_of, show if args.show else None)
        per = 1000 * hit / max(1, n)
        print(f"{label}: {hit} of {n} flagged ({per:.1f} per 1,000)", flush=True)

    parts = set(args.parts.split(","))
    rows = wmt21_rows(args.data)
    if not rows and parts & set(WMT21_PARTS):
        raise SystemExit(f"no WMT21 ru-en DA files under {args.data}")
    for label, pairs in wmt21_parts(rows, args.limit, parts):
        run(pairs, label)
    if args.clean is not None:
        with open(args.clean, encoding="utf-8") as fh:
            clean = [json.loads(line) for line in fh if line.strip()]
        run([(r["src"], r["mt"]) for r in clean], f"clean pairs of {args.clean.name}")
    return 0


def _value(raw: str) -> object:
    if "," in raw:
        return tuple(_value(part) for part in raw.split(",") if part)
    try:
        return float(raw) if "." in raw else int(raw)
    except ValueError:
        return raw


if __name__ == "__main__":
    sys.exit(main())
