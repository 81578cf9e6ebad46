"""How many synthetic garbles a set of mtqa checks finds, and how often it flags clean sentences.

    python scripts/garble_recall.py artifacts/garble/test.jsonl            # runs the default checks
    python scripts/garble_recall.py artifacts/garble/test.jsonl --no-src   # target only
    python scripts/garble_recall.py artifacts/garble/test.jsonl --checks qe --min-severity major
    python scripts/garble_recall.py tests/data/garbled_src_heldout.tsv     # hand-written, with src

    mtqa check artifacts/garble/test.jsonl -f jsonl -o results.jsonl      # or any earlier output
    python scripts/garble_recall.py artifacts/garble/test.jsonl results.jsonl

The test file is the one scripts/make_garbles.py writes (rows with ``id``, ``spans``, ``family``),
or a TSV of hand-written garbles (see ``read_tests``);
the results file is ``mtqa check -f jsonl`` output on it (one row per test row, same ``id``).
Without a results file the script runs the checks itself (``--checks``, the default profile when
not given; ``--no-src`` hides the sources). A corrupted span counts as found when a flag overlaps
it (a flag at severity ``--min-severity`` or worse). Prints recall per family, the unweighted
mean over families, the share of uncorrupted sentences with any such flag, and how well
``quality`` ranks garbled below uncorrupted sentences (``garbled_below_clean``: the AUC over all
garbled × uncorrupted rows, 0.5 = no better than chance; when every result has a quality), as
JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mtqa.types import SEVERITY_RANK


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_tests(path: Path) -> list[dict]:
    """Test rows: scripts/make_garbles.py's JSONL, or a TSV of hand-written garbles (``family``,
    ``src``, ``mt``, the garbled words as they stand in ``mt``; family ``clean`` for a clean row;
    ``#`` lines are comments), as tests/data/garbled_src_heldout.tsv."""
    if path.suffix != ".tsv":
        return read_jsonl(path)
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            family, src, mt, garbled = (line.rstrip("\n").split("\t") + ["", "", ""])[:4]
            spans = []
            if family != "clean":
                at = mt.find(garbled) if garbled else -1
                if at < 0:
                    raise SystemExit(f"{path.name}:{n}: {garbled!r} is not in the translation")
                spans = [{"start": at, "end": at + len(garbled), "category": family}]
            rows.append({"id": f"{path.stem}.{n}", "src": src or None, "mt": mt, "spans": spans})
    return rows


def check_rows(
    test: Sequence[dict], checks: Sequence[str] | None = None, use_src: bool = True
) -> list[dict]:
    """Run mtqa's checks over the test rows; results as ``mtqa check -f jsonl`` rows (id, mt,
    flags with start, end, severity, check)."""
    from mtqa.checks import Languages
    from mtqa.pipeline import Checker
    from mtqa.types import Segment

    checker = Checker(checks=list(checks) if checks else None, langs=Languages("ru", "en"))
    segments = [
        Segment(index=i, id=t["id"], mt=t["mt"], src=t.get("src") if use_src else None)
        for i, t in enumerate(test)
    ]
    return [
        {
            "id": r.segment.id,
            "mt": r.segment.mt,
            "signature": r.signature,
            "quality": r.quality,
            "flags": [
                {"start": f.start, "end": f.end, "severity": f.severity, "check": f.check}
                for f in r.flags
            ],
        }
        for r in checker.check_segments(segments)
    ]


def recall(test: list[dict], results: list[dict], min_severity: str = "minor") -> dict:
    by_id = {r["id"]: r for r in results}
    missing = [t["id"] for t in test if t["id"] not in by_id]
    if missing:
        raise SystemExit(f"{len(missing)} test rows have no result (first: {missing[0]})")
    floor = SEVERITY_RANK[min_severity]
    found: dict[str, list[int]] = defaultdict(list)
    clean_flagged = clean = 0
    quality: dict[bool, list[float]] = {True: [], False: []}  # garbled? → qualities
    for t in test:
        r = by_id[t["id"]]
        if isinstance(r.get("quality"), (int, float)):
            quality[bool(t["spans"])].append(float(r["quality"]))
        if r["mt"] != t["mt"]:
            raise SystemExit(f"row {t['id']}: the result is for another text")
        flags = [f for f in r.get("flags", []) if SEVERITY_RANK.get(f["severity"], 0) >= floor]
        if not t["spans"]:
            clean += 1
            clean_flagged += bool(flags)
            continue
        for span in t["spans"]:
            hit = any(f["start"] < span["end"] and span["start"] < f["end"] for f in flags)
            found[span["category"]].append(int(hit))
    per_family = {fam: round(sum(v) / len(v), 4) for fam, v in sorted(found.items())}
    return {
        "min_severity": min_severity,
        "recall": per_family,
        "spans": {fam: len(v) for fam, v in sorted(found.items())},
        "family_mean_recall": round(sum(per_family.values()) / max(1, len(per_family)), 4),
        "clean_sentences": clean,
        "clean_flagged_share": round(clean_flagged / max(1, clean), 4),
        "garbled_below_clean": _ranking(quality, len(test)),
    }


def _ranking(quality: dict[bool, list[float]], rows: int) -> float | None:
    """AUC of quality, garbled rows below uncorrupted ones; None unless every row has a quality."""
    from mtqa.evaluate.metrics import garbled_below_clean

    if len(quality[True]) + len(quality[False]) != rows:
        return None
    auc = garbled_below_clean(quality[True], quality[False])
    return None if math.isnan(auc) else round(auc, 4)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("test", type=Path)
    ap.add_argument("results", type=Path, nargs="?", help="mtqa check -f jsonl output (optional)")
    ap.add_argument("--min-severity", choices=list(SEVERITY_RANK), default="minor")
    ap.add_argument("--checks", default=None, help="comma-separated checks to run (no results)")
    ap.add_argument("--no-src", action="store_true", help="hide the sources (no results file)")
    args = ap.parse_args(argv)
    test = read_tests(args.test)
    if args.results is not None:
        if args.checks or args.no_src:
            ap.error("--checks and --no-src run the checks: give them without a results file")
        results = read_jsonl(args.results)
    else:
        checks = [c.strip() for c in args.checks.split(",") if c.strip()] if args.checks else None
        results = check_rows(test, checks, use_src=not args.no_src)
    print(json.dumps(recall(test, results, args.min_severity)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
