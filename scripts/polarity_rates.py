"""Polarity, derivation and negation against the source: what fires on clean pairs and on garbles.

    python scripts/polarity_rates.py [--garble artifacts/garble] [--show N] [--scramble]

Tuning material only: the clean pairs are the distinct (src, ref) pairs of WMT21 DA ru-en news
(../shared/data/eval/wmt21_da_ru-en_news.part*.jsonl) and the uncorrupted rows of the
generator's train.jsonl; the garbles are train.jsonl's ``negation`` rows. Prints, as JSON,

* ``adequacy_clean``: clean pairs on which the adequacy check raises a polarity or derivation
  flag (its messages start "polarity:" / "derivation:"), per part, with ``--show N`` of them;
* ``negation_clean``: clean pairs with a negation finding (mtqa.checks.source.negation);
* ``negation_garbles``: train.jsonl negation rows whose garbled span a finding overlaps;
* with ``--scramble``, a probe that is not in the product: how often two adjacent English
  clauses (split at ", " and "; ") have their linked source words in the opposite order (each
  clause with three or more links, the later clause's first three quarters before the earlier
  one's last three quarters), on 300 train.jsonl scramble rows (seed 3) and the clean pairs.

Never point it at test.jsonl or WMT22 (held out).
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def clean_pairs(garble: Path) -> list[tuple[str, str, str]]:
    """(part, src, mt) of every clean pair: WMT21 references, then train.jsonl's clean rows."""
    seen: set[tuple[str, str]] = set()
    out = []
    pattern = str(ROOT.parent / "shared/data/eval/wmt21_da_ru-en_news.part*.jsonl")
    for path in sorted(glob.glob(pattern)):
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                key = (row["src"], row.get("ref") or "")
                if key[1] and key not in seen:
                    seen.add(key)
                    out.append(("wmt21", *key))
    for row in _rows(garble):
        if row.get("family") is None:
            out.append(("train-clean", row["src"], row["mt"]))
    return out


def _rows(garble: Path) -> list[dict]:
    with open(garble / "train.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _swapped(check: object, src: str, mt: str) -> bool:
    import re

    from mtqa.lexicon.align import align

    al = align(check.lexicon, src, mt)  # type: ignore[attr-defined]
    bounds = [0] + [m.start() for m in re.finditer(r"[,;] ", mt)] + [len(mt)]
    chunks = []
    for a, b in pairwise(bounds):
        chunks.append(
            sorted(
                i
                for j, t in enumerate(al.mt)
                if a <= t.start < b and al.mt_content[j]
                for i in al.partners_of_mt(j)
                if al.src_content[i]
            )
        )
    return any(
        len(x) >= 3 and len(y) >= 3 and min(x[len(x) // 4 :]) > max(y[: len(y) * 3 // 4 + 1])
        for x, y in pairwise(chunks)
    )


def scramble_probe(check: object, pairs: list[tuple[str, str, str]], garble: Path) -> dict:
    import random

    rows = [r for r in _rows(garble) if r.get("family") == "scramble"]
    sample = random.Random(3).sample(rows, min(300, len(rows)))
    out = {"scramble": [sum(_swapped(check, r["src"], r["mt"]) for r in sample), len(sample)]}
    for part in ("wmt21", "train-clean"):
        mine = [(s, m) for p, s, m in pairs if p == part]
        out[part] = [sum(_swapped(check, s, m) for s, m in mine), len(mine)]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--garble", type=Path, default=ROOT / "artifacts" / "garble")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--scramble", action="store_true", help="also run the clause-order probe")
    args = ap.parse_args(argv)

    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.checks.source.negation import negation_findings
    from mtqa.types import Segment

    pairs = clean_pairs(args.garble)
    check = AdequacyCheck()
    flagged: dict[str, int] = {}
    totals: dict[str, int] = {}
    shown: list[str] = []
    negation_clean = 0
    for start in range(0, len(pairs), 200):
        chunk = pairs[start : start + 200]
        segments = [
            Segment(start + k, str(start + k), mt, src=src) for k, (_, src, mt) in enumerate(chunk)
        ]
        for (part, src, mt), result in zip(chunk, check.run(segments)):
            totals[part] = totals.get(part, 0) + 1
            mine = [f for f in result.flags if f.message.startswith(("polarity:", "derivation:"))]
            if mine:
                flagged[part] = flagged.get(part, 0) + 1
                for f in mine:
                    if len(shown) < args.show:
                        shown.append(
                            f"[{part}] {f.severity} {mt[f.start : f.end]!r} -> "
                            f"{f.suggestion!r}: {f.message} | {mt}"
                        )
            negation_clean += bool(negation_findings(src, mt))
    found = total = 0
    for row in _rows(args.garble):
        if row.get("family") != "negation":
            continue
        span = row["spans"][0]
        total += 1
        found += any(
            f.start < span["end"] and span["start"] < f.end
            for f in negation_findings(row["src"], row["mt"])
        )
    report = {
        "adequacy_clean": {p: [flagged.get(p, 0), n] for p, n in totals.items()},
        "negation_clean": [negation_clean, len(pairs)],
        "negation_garbles": [found, total],
    }
    if args.scramble:
        report["scramble_probe"] = scramble_probe(check, pairs, args.garble)
    print(json.dumps(report))
    for line in shown:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
