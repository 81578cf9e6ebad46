"""What the checks flag on clean translations read with their sources, by check/category: the
classes of false alarms to sort (docs/names-and-precision.md, "Eleventh pass").

    python scripts/precision_classes.py [--part mlqe-dev|mlqe-train|wmt21-refs]
        [--checks source,vocabulary,...] [--category name] [--show N]
    python scripts/precision_classes.py --built-words

Parts (tuning material only; never point it at WMT22 or a test split):

- ``mlqe-dev``: the 1,000 MLQE-PE ru-en dev post-edits (detokenised as
  scripts/adequacy_precision.py does, seeded order 1) with their sources;
- ``mlqe-train``: the 7,000 MLQE-PE ru-en train post-edits with their sources (detokenised as
  scripts/name_severity_rates.py does);
- ``wmt21-refs``: the WMT21 ru-en references with their sources, once per segment.

Prints the rows with any flag and with a major or critical one, then per check/category the
rows with such a flag; ``--category`` keeps only flags of that category, ``--show N`` prints N
flags per check/category with their source and translation. ``--checks`` runs those checks
alone (the default profile otherwise).

``--built-words`` counts the Russian words of the WMT21 sources and MLQE-PE train sources
(four letters or more) whose BGN transliteration no English list has, and how many of those
the vocabulary check's built_word reads as English coinages (how often a transliterated word
would pass as one).
"""

from __future__ import annotations

import argparse
import glob
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

DATA = ROOT.parent / "shared/data"


def pairs(part: str) -> list[tuple[str, str]]:
    """(source, clean translation) pairs of one part."""
    if part == "mlqe-dev":
        from adequacy_precision import load

        return [(r["src"], r["mt"]) for r in load("mlqe-dev", DATA / "eval", 1000, 1, 0.4)]
    if part == "mlqe-train":
        from clean_pairs import mlqe
        from make_garbles import detokenise

        return [(src, detokenise(pe)) for src, pe in mlqe()[1]]
    from clean_pairs import wmt21

    return wmt21()[0]


def built_words() -> None:
    from mtqa.checks.source.names import transliterate
    from mtqa.checks.vocabulary import DEFAULTS, built_word, frequency_dict

    words: set[str] = set()
    paths = glob.glob(str(DATA / "eval/wmt21_da_ru-en_news.part*.jsonl"))
    paths += glob.glob(str(DATA / "train/mlqe_pe_ru-en.train.part*.jsonl"))
    for path in sorted(paths):
        with open(path, encoding="utf-8") as f:
            for row in map(json.loads, f):
                words.update(w.lower() for w in re.findall(r"[а-яё]{4,}", row["src"], re.I))
    listed = frequency_dict("en")
    latin = {t for t in (transliterate(w).lower() for w in words) if t.isalpha()}
    unlisted = sorted(t for t in latin if t not in listed)
    part, compound = DEFAULTS["built_part_zipf"], DEFAULTS["built_compound_zipf"]
    passed = [t for t in unlisted if built_word(t, "en", part, compound)]
    print(f"{len(words)} source words, {len(unlisted)} transliterations no English list has,")
    print(f"{len(passed)} of them read as English coinages: {' '.join(passed)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=["mlqe-dev", "mlqe-train", "wmt21-refs"], default="mlqe-dev")
    ap.add_argument("--checks", default=None, help="comma-separated checks (default: mtqa's)")
    ap.add_argument("--category", default=None, help="only flags of this category")
    ap.add_argument("--show", type=int, default=0, help="flags shown per check/category")
    ap.add_argument("--built-words", action="store_true", help="see the module docstring")
    args = ap.parse_args()
    if args.built_words:
        built_words()
        return

    from mtqa.checks import Languages
    from mtqa.pipeline import Checker
    from mtqa.types import Segment

    data = pairs(args.part)
    checks = args.checks.split(",") if args.checks else None
    checker = Checker(checks=checks, langs=Languages("ru", "en"))
    print(checker.signature)
    segments = [Segment(index=i, id=str(i), mt=mt, src=src) for i, (src, mt) in enumerate(data)]
    results = checker.check_segments(segments)
    n_any = n_major = 0
    by_key: Counter[str] = Counter()
    shown: dict[str, list[str]] = defaultdict(list)
    for (src, mt), res in zip(data, results):
        flags = [f for f in res.flags if args.category in (None, f.category)]
        n_any += bool(flags)
        n_major += any(f.severity != "minor" for f in flags)
        by_key.update({f"{f.check}/{f.category}" for f in flags})
        for f in flags:
            key = f"{f.check}/{f.category}"
            if len(shown[key]) < args.show:
                shown[key].append(
                    f"[{f.severity}] {f.text!r} -> {f.suggestion!r}: {f.message[:160]}\n"
                    f"      SRC {src[:160]}\n      MT  {mt[:160]}"
                )
    print(
        f"{args.part}: {len(data)} clean pairs; rows with any flag {n_any}, with a major {n_major}"
    )
    for key, count in by_key.most_common():
        print(f"  {key:30s} {count}")
    for key, lines in shown.items():
        print(f"--- {key}")
        for line in lines:
            print("   ", line)


if __name__ == "__main__":
    main()
