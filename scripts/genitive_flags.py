"""The genitive step of ``senses`` alone ("X of Y" -> "Y X", docs/senses.md): how often it
fires on clean sentences, target only and with sources.

    python scripts/genitive_flags.py CLEAN.jsonl [--show 30]      # rows with "mt" (or "ref") and "src"
    python scripts/genitive_flags.py --wmt21-refs [--show 30]     # the WMT21 ru-en references

Prints the flags (id, flagged text, suggestion, gain, source words) and a last JSON line with the
number of rows and of rows flagged, target only and with the source. The step runs switched on
(``genitive: true``) whatever the shipped default. WMT21 is tuning material; never run this on a
test split (WMT22, MLQE-PE test).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def read_rows(args: argparse.Namespace) -> list[dict]:
    if args.wmt21_refs:
        from scripts.clean_pairs import wmt21  # the WMT21 (src, ref) pairs, once per segment

        return [
            {"id": f"wmt21.{i}", "src": src, "mt": ref} for i, (src, ref) in enumerate(wmt21()[0])
        ]
    with open(args.file, encoding="utf-8") as f:
        out = []
        for n, line in enumerate(f):
            if line.strip():
                r = json.loads(line)
                out.append(
                    {"id": r.get("id", n), "src": r.get("src"), "mt": r.get("mt") or r["ref"]}
                )
        return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("file", nargs="?", help="JSONL rows with mt (or ref) and src")
    ap.add_argument("--wmt21-refs", action="store_true", help="the WMT21 ru-en references")
    ap.add_argument("--show", type=int, default=30, help="print at most this many flags")
    args = ap.parse_args()
    if not args.file and not args.wmt21_refs:
        ap.error("give a file or --wmt21-refs")

    from mtqa.checks.genitive import GenitiveStep
    from mtqa.checks.lm import common_bigrams, english_lm
    from mtqa.checks.senses import SenseCheck

    senses = SenseCheck()
    step = GenitiveStep(
        {"genitive": True}, english_lm(), common_bigrams(), senses.trip, senses.lexicon
    )
    rows = read_rows(args)
    counts = {"rows": len(rows), "target_only": 0, "with_src": 0, "rows_with_src": 0}
    shown = 0
    for r in rows:
        for mode, src in (("target_only", None), ("with_src", r.get("src"))):
            if mode == "with_src":
                if not src:
                    continue
                counts["rows_with_src"] += 1
            got = step.find(r["mt"], src)
            if got:
                counts[mode] += 1
                for g in got:
                    if shown < args.show:
                        shown += 1
                        print(
                            f"{r['id']}\t{mode}\t{r['mt'][g.start : g.end]}\t{g.suggestion}\t{g.gain:.2f}\t{g.source or ''}"
                        )
    counts["target_only_per_1000"] = round(1000 * counts["target_only"] / max(1, counts["rows"]), 2)
    counts["with_src_per_1000"] = round(
        1000 * counts["with_src"] / max(1, counts["rows_with_src"]), 2
    )
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
