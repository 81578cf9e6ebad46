"""How often the closed-class comparisons fire (degree, time words, focus adverbs; ru → en).

    python scripts/closed_classes.py                      # WMT21 system outputs and references,
                                                          # MLQE-PE ru-en train + dev outputs
    python scripts/closed_classes.py --pairs FILE.jsonl   # any {src, mt} pairs (clean ones: every
                                                          # finding there is a false alarm)
    python scripts/closed_classes.py --show               # print every finding with its pair

Runs only mtqa/checks/source/{degree,timewords,focus}.py (the generic degrees with the system
dictionary when it is installed), so it takes seconds. All of this is tuning material (WMT21,
MLQE-PE train/dev); never point it at a test split to tune. For the WMT21 outputs a finding is
counted as a likely real slip when the same finder is silent on the human reference.
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mtqa.checks.source.degree import degree_findings
from mtqa.checks.source.focus import focus_findings
from mtqa.checks.source.timewords import time_findings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared/data"


Finder = tuple[str, Callable[[str, str], list[Any]]]


def _read(pattern: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted(glob.glob(str(DATA / pattern))):
        with open(path, encoding="utf-8") as f:
            rows += [json.loads(line) for line in f]
    return rows


def finders() -> list[Finder]:
    """The three finders; the generic degrees read the system dictionary (when installed)."""
    from mtqa.lexicon.lookup import load_lexicon

    links = load_lexicon().links_word
    return [
        ("degree", lambda s, m: degree_findings(s, m, links)),
        ("time", time_findings),
        ("focus", focus_findings),
    ]


def run(name: str, rows: Iterable[dict[str, Any]], found_by: list[Finder], show: bool) -> None:
    count: Counter[str] = Counter()
    slips: Counter[str] = Counter()
    n = 0
    for row in rows:
        n += 1
        ref = row.get("ref") or ""
        for cls, find in found_by:
            found = find(row["src"], row["mt"])
            # a finding is a likely real slip when the finder is silent on the reference
            ref_silent = bool(found) and bool(ref) and not find(row["src"], ref)
            for f in found:
                count[f"{cls}:{f.severity}"] += 1
                if ref_silent:
                    slips[f"{cls}:{f.severity}"] += 1
                if show:
                    print(f"  [{cls} {f.severity}] {row['mt'][f.start : f.end]!r}: {f.message}")
                    print(f"      src: {row['src']}\n      mt:  {row['mt']}")
                    if ref:
                        print(f"      ref: {ref}")
    print(json.dumps({"set": name, "pairs": n, "findings": dict(count), "ref_silent": dict(slips)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=Path, help="a JSONL file of {src, mt} pairs")
    parser.add_argument("--show", action="store_true", help="print every finding")
    args = parser.parse_args()
    found_by = finders()
    if args.pairs:
        with open(args.pairs, encoding="utf-8") as f:
            pairs = [json.loads(line) for line in f if line.strip()]
        run(args.pairs.name, pairs, found_by, args.show)
        return
    wmt21 = _read("eval/wmt21_da_ru-en_news.part*.jsonl")
    outputs = list({(r["src"], r["mt"]): r for r in wmt21}.values())
    refs = list({r["src"]: {"src": r["src"], "mt": r["ref"]} for r in wmt21}.values())
    mlqe = _read("train/mlqe_pe_ru-en.train.part*.jsonl")
    mlqe += [r for r in _read("eval/mlqe_pe_ru-en.jsonl") if r.get("split") == "dev"]
    for r in mlqe:
        r["ref"] = r.get("pe")
    run("wmt21 system outputs (distinct)", outputs, found_by, args.show)
    run("wmt21 references (distinct)", refs, found_by, args.show)
    run("mlqe-pe ru-en train+dev outputs", mlqe, found_by, args.show)


if __name__ == "__main__":
    main()
