"""Clean (source, human translation) pairs of the tuning data, and what a family of flags adds to
the clean-article rates; shared by the per-check rate scripts (fidelity_rates.py, tense_rates.py).

Tuning material only: WMT21 DA ru-en news (references and system outputs) and MLQE-PE ru-en
train (MT and post-edits). The articles of ``added_share`` are scripts/clean_rates.py's.
"""

from __future__ import annotations

import glob
import json
import sys
from collections.abc import Callable
from pathlib import Path

from mtqa.types import Flag

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared/data"

Pair = tuple[str, str]


def wmt21() -> tuple[list[Pair], list[Pair]]:
    """(src, ref) once per segment, and every (src, mt) of WMT21 DA ru-en news."""
    refs: dict[tuple[str, int], Pair] = {}
    mts: list[Pair] = []
    for path in sorted(glob.glob(str(DATA / "eval/wmt21_da_ru-en_news.part*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row.get("ref"):
                    refs[(row["doc_id"], int(row["seg_id"]))] = (row["src"], row["ref"])
                mts.append((row["src"], row["mt"]))
    return list(refs.values()), mts


def mlqe() -> tuple[list[Pair], list[Pair]]:
    """(src, mt) and (src, post-edit) of MLQE-PE ru-en train."""
    mt: list[Pair] = []
    pe: list[Pair] = []
    for path in sorted(glob.glob(str(DATA / "train/mlqe_pe_ru-en.train.part*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                mt.append((row["src"], row["mt"]))
                pe.append((row["src"], row["pe"]))
    return mt, pe


def added_share(part: str, ours: Callable[[Flag], bool]) -> tuple[int, int, int, list[Flag]]:
    """The default profile on the clean articles of ``part`` read with their sources, as
    scripts/clean_rates.py --with-src reads them: (sentences, sentences with any flag, sentences
    with a flag that is not ``ours``, our flags). Prints the checker's signature."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import clean_rates

    from mtqa.checks import Languages
    from mtqa.pipeline import Checker

    checker = Checker(langs=Languages("ru", "en"))
    print(checker.signature)
    results = clean_rates.check(checker, clean_rates.articles(part), True)
    sents = [r for art in results for r in art]
    flagged = sum(bool(r.flags) for r in sents)
    without = sum(any(not ours(f) for f in r.flags) for r in sents)
    return len(sents), flagged, without, [f for r in sents for f in r.flags if ours(f)]
