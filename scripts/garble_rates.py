"""Detection rates of the default checks on our own garbled sentences, and flag rates on clean news.

    python scripts/garble_rates.py [--clean N]

Garbled: tests/data/garbled_collocations.tsv (wrong-sense collocations) and
tests/data/garbled_misc.tsv (repetitions, spacing, untranslated text, mangled names, wrong
numbers; some with a source). A garbled sentence counts as detected when a flag covers its garbled
word. Clean: the first N distinct human references of ../shared/data/eval/wmt21_da_ru-en_news
(professional English news); a clean sentence counts as flagged when it has any flag (and,
separately, any flag of major severity or worse).
"""

from __future__ import annotations

import argparse
import csv
import glob
import json
from collections import defaultdict
from pathlib import Path

from mtqa.checks import Languages
from mtqa.pipeline import Checker
from mtqa.types import Segment

ROOT = Path(__file__).resolve().parent.parent


def garbled_rows() -> list[tuple[str, str, str | None, str]]:
    rows = []
    for line in (ROOT / "tests/data/garbled_collocations.tsv").read_text(encoding="utf-8").splitlines():
        mt, word = line.split("\t")
        rows.append(("collocation", mt, None, word))
    with open(ROOT / "tests/data/garbled_misc.tsv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            rows.append((r["family"], r["mt"], r["src"] or None, r["garbled"]))
    return rows


def clean_refs(n: int) -> list[str]:
    refs: list[str] = []
    pattern = str(ROOT.parent / "shared/data/eval/wmt21_da_ru-en_news.part*.jsonl")
    for path in sorted(glob.glob(pattern)):
        with open(path, encoding="utf-8") as f:
            for line in f:
                ref = json.loads(line)["ref"]
                if ref and ref not in refs:
                    refs.append(ref)
                if len(refs) >= n:
                    return refs
    return refs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clean", type=int, default=1000)
    args = parser.parse_args()
    checker = Checker(langs=Languages("ru", "en"))
    rows = garbled_rows()
    results = checker.check_segments(
        [Segment(index=i, id=str(i), mt=mt, src=src) for i, (_, mt, src, _) in enumerate(rows)]
    )
    hit: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (family, mt, _, word), res in zip(rows, results):
        starts = [i for i in range(len(mt)) if mt.lower().startswith(word.lower(), i)]
        covered = any(
            f.start < s + len(word) and s < f.end for f in res.flags for s in starts
        )
        hit[family][0] += covered
        hit[family][1] += 1
    print("garbled sentences: share with a flag on the garbled words")
    total = [0, 0]
    for family, (k, n) in sorted(hit.items()):
        total[0] += k
        total[1] += n
        print(f"  {family:<13} {k:>3}/{n:<3} {k / n:6.1%}")
    print(f"  {'all':<13} {total[0]:>3}/{total[1]:<3} {total[0] / total[1]:6.1%}")
    refs = clean_refs(args.clean)
    clean = checker.check_segments([Segment(index=i, id=str(i), mt=t) for i, t in enumerate(refs)])
    anyflag = sum(bool(r.flags) for r in clean)
    major = sum(any(f.severity != "minor" for f in r.flags) for r in clean)
    by_cat: dict[str, int] = defaultdict(int)
    for r in clean:
        for cat in {f.category for f in r.flags}:
            by_cat[cat] += 1
    print(f"clean references (WMT21 ru-en news, n={len(refs)}): share of sentences flagged")
    print(f"  any flag      {anyflag / len(refs):6.1%}")
    print(f"  major or worse {major / len(refs):5.1%}")
    for cat, k in sorted(by_cat.items(), key=lambda kv: -kv[1]):
        print(f"  {cat:<13} {k / len(refs):6.1%}")
    quality = sum(r.quality for r in clean) / len(clean)
    gq = sum(r.quality for r in results) / len(results)
    print(f"mean quality: garbled {gq:.1f}, clean {quality:.1f}")


if __name__ == "__main__":
    main()
