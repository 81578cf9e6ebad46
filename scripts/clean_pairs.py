"""Clean (source, human translation) pairs of the tuning data, and what a family of flags adds to
the clean-article rates; shared by the per-check rate scripts (fidelity_rates.py, tense_rates.py,
collocation_rates.py, support_rates.py, calque_flags.py).

Tuning material only: WMT21 DA ru-en news (references and system outputs) and MLQE-PE ru-en
train (MT and post-edits). The articles of ``added_share`` are scripts/clean_rates.py's.
"""

from __future__ import annotations

import glob
import json
import random
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from mtqa.types import Flag

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared/data"

Pair = tuple[str, str]
Item = TypeVar("Item")


def wmt21_rows(eval_dir: Path = DATA / "eval") -> list[dict[str, Any]]:
    """Every row of the WMT21 DA ru-en news files under ``eval_dir``, in file order."""
    rows: list[dict[str, Any]] = []
    for path in sorted(glob.glob(str(eval_dir / "wmt21_da_ru-en_news.part*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            rows += [json.loads(line) for line in f if line.strip()]
    return rows


# What wmt21_parts can draw: the distinct src/ref pairs, and the system outputs people rated
# high (DA z >= 0.6, mostly good) and low (z < -0.5, mostly bad).
WMT21_PARTS = {
    "refs": "WMT21 references",
    "high": "WMT21 outputs, DA z >= 0.6",
    "low": "WMT21 outputs, DA z < -0.5",
}


def wmt21_parts(
    rows: Sequence[dict[str, Any]], limit: int, parts: Iterable[str] = tuple(WMT21_PARTS)
) -> list[tuple[str, list[Pair]]]:
    """(label, pairs) for each of ``parts`` in WMT21_PARTS order, at most ``limit`` pairs each:
    the distinct (src, ref) pairs sorted, the rated outputs shuffled by one generator seeded 0
    (drawn in that order, so a part's sample depends on which parts come before it)."""
    wanted = set(parts)
    rng = random.Random(0)
    out: list[tuple[str, list[Pair]]] = []
    if "refs" in wanted:
        refs = sorted({(r["src"], r["ref"]) for r in rows if r.get("ref")})
        out.append((WMT21_PARTS["refs"], refs[:limit]))
    for part, rated in (("high", lambda z: z >= 0.6), ("low", lambda z: z < -0.5)):
        if part in wanted:
            pairs = [
                (r["src"], r["mt"])
                for r in rows
                if r.get("score") is not None and rated(r["score"])
            ]
            rng.shuffle(pairs)
            out.append((WMT21_PARTS[part], pairs[:limit]))
    return out


def count_flagged(
    items: Iterable[Item],
    flags_of: Callable[[Item], Sequence[Flag]],
    on_flag: Callable[[Item, Flag], None] | None = None,
) -> tuple[int, int]:
    """(items, items with at least one flag of ``flags_of``); ``on_flag`` sees every flag."""
    n = flagged = 0
    for item in items:
        flags = flags_of(item)
        n += 1
        flagged += bool(flags)
        if on_flag is not None:
            for f in flags:
                on_flag(item, f)
    return n, flagged


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
