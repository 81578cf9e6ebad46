"""Detection rates of the default checks on our own garbled sentences, and flag rates on clean news.

    python scripts/garble_rates.py [--clean N]

Garbled (tuned on): tests/data/garbled_collocations.tsv (wrong-sense collocations) and
tests/data/garbled_misc.tsv (repetitions, spacing, untranslated text, mangled names, wrong
numbers; some with a source). These are the team's own examples, and the checks' thresholds were
tuned on them: their rates are no estimate for real garbled news.
Held out (never tuned on): tests/data/heldout_names_repetition.tsv (names with their Russian
source, repetitions), written after the name and repetition rules, with its clean twins in
tests/data/heldout_clean_names_repetition.tsv.
A garbled sentence counts as detected when a flag covers its garbled word. Clean: the first N
distinct human references of ../shared/data/eval/wmt21_da_ru-en_news (professional English news);
a clean sentence counts as flagged when it has any flag (and, separately, any flag of major
severity or worse). scripts/clean_rates.py measures clean articles in full.
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


def garbled_rows(heldout: bool = False) -> list[tuple[str, str, str | None, str]]:
    """(family, mt, src, garbled words): the tuned-on sets, or the held-out one."""
    rows: list[tuple[str, str, str | None, str]] = []
    files = ["heldout_names_repetition.tsv"] if heldout else ["garbled_misc.tsv"]
    if not heldout:
        text = (ROOT / "tests/data/garbled_collocations.tsv").read_text(encoding="utf-8")
        for line in text.splitlines():
            mt, word = line.split("\t")
            rows.append(("collocation", mt, None, word))
    for name in files:
        with open(ROOT / "tests/data" / name, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                rows.append((r["family"], r["mt"], r["src"] or None, r["garbled"]))
    return rows


def detection(checker: Checker, rows: list[tuple[str, str, str | None, str]], title: str) -> list:
    results = checker.check_segments(
        [Segment(index=i, id=str(i), mt=mt, src=src) for i, (_, mt, src, _) in enumerate(rows)]
    )
    hit: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (family, mt, _, word), res in zip(rows, results):
        starts = [i for i in range(len(mt)) if mt.lower().startswith(word.lower(), i)]
        covered = any(f.start < s + len(word) and s < f.end for f in res.flags for s in starts)
        hit[family][0] += covered
        hit[family][1] += 1
    print(f"{title}: share with a flag on the garbled words")
    total = [0, 0]
    for family, (k, n) in sorted(hit.items()):
        total[0] += k
        total[1] += n
        print(f"  {family:<13} {k:>3}/{n:<3} {k / n:6.1%}")
    print(f"  {'all':<13} {total[0]:>3}/{total[1]:<3} {total[0] / total[1]:6.1%}")
    return results


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
    results = detection(checker, garbled_rows(), "garbled sentences (tuned on)")
    detection(checker, garbled_rows(heldout=True), "held-out garbled names and repetitions")
    with open(ROOT / "tests/data/heldout_clean_names_repetition.tsv", encoding="utf-8") as f:
        twins = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    twin_res = checker.check_segments(
        [Segment(index=i, id=str(i), mt=r["mt"], src=r["src"] or None) for i, r in enumerate(twins)]
    )
    flagged = sum(bool(r.flags) for r in twin_res)
    print(f"held-out clean twins: {flagged}/{len(twins)} with any flag")
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
