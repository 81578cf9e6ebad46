"""Names and weekdays in the `source` check: recall on garbles, flags on clean human translations.

    python scripts/names_days_rates.py [--garble artifacts/garble/train.jsonl] [--part wmt21]
                                       [--show N] [--target-only]

Prints:
  - name recall: the share of the garble file's `name` rows (a source name spelled by a wrong
    scheme or from an inflected form) where a `name` flag overlaps the garbled span;
  - clean name flags: the share of clean pairs with a `name` flag - the WMT DA src/ref pairs of
    `--part` and, for `--part wmt21`, MLQE-PE train+dev src/pe (the tuning material);
  - weekdays: every English day in a reference whose source names a day is swapped for the next
    day; the share of swaps flagged, and the clean references flagged.

With `--target-only` the same garble rows and clean translations are read without their sources
by the `vocabulary` check (its `name` flags: kept case endings, transliteration twins, Palladius
spellings, one-edit slips of known names) instead of the `source` check; no weekdays.

The garble files are made by `scripts/make_garbles.py` (train = tuning, dev = tuning, test =
WMT22 references: report only). WMT22 is a test split: report, never tune.
"""

from __future__ import annotations

import argparse
import glob
import json
from pathlib import Path

from mtqa.checks.base import Check, Languages
from mtqa.checks.source import SourceCheck
from mtqa.checks.source.weekdays import EN_DAYS, weekday_findings, weekdays
from mtqa.checks.vocabulary import VocabularyCheck
from mtqa.types import Segment

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared/data/eval"


def _pairs(part: str) -> list[tuple[str, str]]:
    pairs: dict[tuple[str, str], None] = {}
    for path in sorted(glob.glob(str(DATA / f"{part}_da_ru-en_news.part*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row.get("ref"):
                    pairs[(row["src"], row["ref"])] = None
    if part == "wmt21":
        with open(DATA / "mlqe_pe_ru-en.jsonl", encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row["split"] in ("train", "dev"):
                    pairs[(row["src"], row["pe"])] = None
    return list(pairs)


def name_recall(check: Check, path: Path, show: int, with_src: bool = True) -> None:
    with open(path, encoding="utf-8") as f:
        rows = [r for r in map(json.loads, f) if r["family"] == "name"]
    results = check.run(
        [
            Segment(i, str(i), r["mt"], src=r["src"] if with_src else None)
            for i, r in enumerate(rows)
        ]
    )
    hits = 0
    for row, res in zip(rows, results):
        span = row["spans"][0]
        hit = any(
            f.category == "name" and f.start < span["end"] and f.end > span["start"]
            for f in res.flags
        )
        hits += hit
        if not hit and show > 0:
            show -= 1
            print(f"    missed {row['note']}")
    print(f"name recall on {path.name}: {hits}/{len(rows)} = {hits / max(1, len(rows)):.1%}")


def clean_names(check: Check, part: str, show: int, with_src: bool = True) -> None:
    pairs = _pairs(part)
    results = check.run(
        [Segment(i, str(i), m, src=s if with_src else None) for i, (s, m) in enumerate(pairs)]
    )
    flagged = 0
    for (_, mt), res in zip(pairs, results):
        names = [f for f in res.flags if f.category == "name"]
        flagged += bool(names)
        for f in names[: max(0, show)]:
            print(f"    {f.text!r} -> {f.suggestion!r} | {mt[:100]}")
        show -= bool(names)
    print(
        f"clean pairs ({part}) with a name flag: {flagged}/{len(pairs)} = {flagged / len(pairs):.2%}"
    )


def weekday_swaps(part: str) -> None:
    pairs = [(s, r) for s, r in _pairs(part) if weekdays(s, "ru")]
    swaps = hits = 0
    clean = sum(bool(weekday_findings(s, r, "ru", "en")) for s, r in pairs)
    for src, ref in pairs:
        for item in weekdays(ref, "en"):
            day = next(v[1] for v in item.values)
            word = ref[item.start : item.end]
            wrong = EN_DAYS[day % 7] + word[len(EN_DAYS[day - 1]) :]
            mt = ref[: item.start] + wrong + ref[item.end :]
            swaps += 1
            hits += any(f.start == item.start for f in weekday_findings(src, mt, "ru", "en"))
    print(
        f"weekdays ({part}): swapped days flagged {hits}/{swaps}; "
        f"clean references flagged {clean}/{len(pairs)} (sources naming a day)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--garble", default=str(ROOT / "artifacts/garble/train.jsonl"))
    parser.add_argument("--part", choices=["wmt21", "wmt22"], default="wmt21")
    parser.add_argument("--show", type=int, default=0, help="examples to print")
    parser.add_argument(
        "--target-only", action="store_true", help="the vocabulary check, without sources"
    )
    args = parser.parse_args()
    if args.target_only:
        vocabulary = VocabularyCheck(langs=Languages("ru", "en"))
        name_recall(vocabulary, Path(args.garble), args.show, with_src=False)
        clean_names(vocabulary, args.part, args.show, with_src=False)
        return
    check = SourceCheck(langs=Languages("ru", "en"))
    name_recall(check, Path(args.garble), args.show)
    clean_names(check, args.part, args.show)
    weekday_swaps(args.part)


if __name__ == "__main__":
    main()
