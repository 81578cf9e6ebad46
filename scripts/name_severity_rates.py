"""How often the `source` check's name flags are major on clean translations with their sources.

    python scripts/name_severity_rates.py [--major-zipf 2.0] [--convention-zipf 3.0] [--show]

Clean pairs (tuning material): the WMT21 ru-en references with their sources (one per segment,
../shared/data/eval/wmt21_da_ru-en_news*.jsonl) and the MLQE-PE ru-en train post-edits
(detokenised) with their sources (../shared/data/train). Only the `source` check runs (no QE
model, so no corroboration). Prints, per part, the name flags and how many are major, and each
major one (a clean translation's name flagged major is a false alarm or an error of the human
translator: read them). ``--major-zipf`` / ``--convention-zipf`` set the check's params
``name_major_zipf`` / ``name_convention_major_zipf`` (docs/names-and-precision.md).
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_garbles import detokenise

from mtqa.checks.base import Languages
from mtqa.checks.source import SourceCheck
from mtqa.types import Segment

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared/data"


def clean_pairs() -> dict[str, list[tuple[str, str]]]:
    """(source, clean translation) pairs per part."""
    wmt: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for path in sorted(glob.glob(str(SHARED / "eval/wmt21_da_ru-en_news.part*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                key = (row["doc_id"], str(row["seg_id"]))
                if row.get("ref") and key not in seen:
                    seen.add(key)
                    wmt.append((row["src"], row["ref"]))
    mlqe: list[tuple[str, str]] = []
    for path in sorted(glob.glob(str(SHARED / "train/mlqe_pe_ru-en.train.part*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                mlqe.append((row["src"], detokenise(row["pe"])))
    if not wmt and not mlqe:
        sys.exit(f"name_severity_rates: no data under {SHARED}")
    return {"WMT21 src/ref": wmt, "MLQE-PE train src/pe": mlqe}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--major-zipf", type=float, default=None)
    parser.add_argument("--convention-zipf", type=float, default=None)
    args = parser.parse_args()
    params: dict[str, float] = {}
    if args.major_zipf is not None:
        params["name_major_zipf"] = args.major_zipf
    if args.convention_zipf is not None:
        params["name_convention_major_zipf"] = args.convention_zipf
    check = SourceCheck(langs=Languages("ru", "en"), params=params)
    for part, pairs in clean_pairs().items():
        segments = [Segment(i, str(i), mt, src) for i, (src, mt) in enumerate(pairs)]
        results = []
        for i in range(0, len(segments), 500):
            results += check.run(segments[i : i + 500])
        flags = [(seg, f) for seg, r in zip(segments, results) for f in r.flags]
        names = [(seg, f) for seg, f in flags if f.category == "name"]
        major = [(seg, f) for seg, f in names if f.severity != "minor"]
        print(f"{part}: {len(pairs)} pairs, {len(names)} name flags, {len(major)} major")
        for seg, f in major:
            print(f"    {f.text!r} -> {f.suggestion!r} | {seg.mt[:90]} | {(seg.src or '')[:70]}")


if __name__ == "__main__":
    main()
