"""How often the `senses` check's gapped step ("X's Y", "X of [the] Y" against the source) or
its homograph step (``--step homograph``) fires.

    python scripts/gapped_sense_rates.py --tsv tests/data/sense_tuning5.tsv   # a hand-written file
    python scripts/gapped_sense_rates.py --jsonl FILE [--limit N]              # src/mt JSON lines
    python scripts/gapped_sense_rates.py --wmt21-refs                          # WMT21 ru-en references
    python scripts/gapped_sense_rates.py --wmt21-outputs 0.6                   # outputs rated high
    python scripts/gapped_sense_rates.py --wmt21-outputs -0.5                  # outputs rated low
    python scripts/gapped_sense_rates.py --set gapped_gain_min=1.5 ...

Runs the step alone (``GappedStep.find`` or ``HomographStep.find`` with the check's resources)
and prints each find (family, span, message - the gapped step's names its suggestion - and the
translation); then counts. ``--tsv``: garbled rows count as found when a find
overlaps the garbled span; clean rows are counted apart. ``--set key=value`` overrides a
setting (JSON value).
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mtqa.checks.gapped import GappedStep
from mtqa.checks.homograph import HomographStep
from mtqa.checks.senses import SenseCheck

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "eval"


def _lines(path: str | Path) -> list[str]:
    with open(path, encoding="utf-8") as f:
        return f.readlines()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tsv", help="hand-written rows: family, src, mt, garbled span")
    ap.add_argument("--jsonl", help="src/mt JSON lines, all counted as clean")
    ap.add_argument("--wmt21-refs", action="store_true", help="WMT21 ru-en references (clean)")
    ap.add_argument(
        "--wmt21-outputs",
        type=float,
        metavar="Z",
        help="WMT21 ru-en system outputs with DA z >= Z (clean-ish) or, negative, z <= Z",
    )
    ap.add_argument("--limit", type=int, default=0, help="the first N rows only (0: all)")
    ap.add_argument(
        "--step", choices=["gapped", "homograph"], default="gapped", help="which step to run"
    )
    ap.add_argument("--set", action="append", default=[], help="key=value (JSON value)")
    args = ap.parse_args()
    params = {k: json.loads(v) for k, v in (s.split("=", 1) for s in args.set)}
    check = SenseCheck(params)
    if check.trip is None:
        sys.exit("gapped_sense_rates: no dictionary installed")
    step: GappedStep | HomographStep = (
        GappedStep(check._p, check.lm, check.trip, check.lexicon.renders)
        if args.step == "gapped"
        else HomographStep(check._p, check.lm, check.trip)
    )
    rows: list[tuple[str, str, str, str]] = []  # family, src, mt, span
    if args.tsv:
        for line in _lines(args.tsv):
            if line.startswith("#") or not line.strip():
                continue
            fam, src, mt, span = (line.rstrip("\n").split("\t") + [""])[:4]
            rows.append((fam, src, mt, span))
    if args.jsonl:
        for line in _lines(args.jsonl):
            r = json.loads(line)
            rows.append(("clean", r["src"], r["mt"], ""))
    if args.wmt21_refs:
        seen = set()
        for path in sorted(glob.glob(str(DATA / "wmt21_da_ru-en_news.part*.jsonl"))):
            for line in _lines(path):
                r = json.loads(line)
                if r.get("ref") and r["src"] not in seen:
                    seen.add(r["src"])
                    rows.append(("clean", r["src"], r["ref"], ""))
    if args.wmt21_outputs is not None:
        z = args.wmt21_outputs
        for path in sorted(glob.glob(str(DATA / "wmt21_da_ru-en_news.part*.jsonl"))):
            for line in _lines(path):
                r = json.loads(line)
                if r["score"] is None or (r["score"] < z if z >= 0 else r["score"] > z):
                    continue
                rows.append(("clean" if z >= 0 else "output", r["src"], r["mt"], ""))
    if args.limit:
        rows = rows[: args.limit]
    found = garbled = clean = clean_hit = 0
    for fam, src, mt, span in rows:
        finds = step.find(mt, src)
        if fam == "clean":
            clean += 1
            clean_hit += bool(finds)
        else:
            garbled += 1
            at = mt.find(span) if span else -(10**9)
            found += any(f.start < at + len(span) and at < f.end for f in finds)
        for f in finds:
            print(f"{fam}\t{mt[f.start : f.end]}\t{f.message}\t{mt}")
    if garbled:
        print(f"garbled found: {found} of {garbled}")
    print(f"clean flagged: {clean_hit} of {clean}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
