"""Corrupt clean ru-en pairs into a synthetic training set and a held-out synthetic test set.

    python scripts/make_garbles.py [--out artifacts/garble] [--seed 0] [--dictionary PATH]
    python scripts/make_garbles.py --coverage     # how many pairs each family applies to

Train: the distinct (src, ref) pairs of WMT21 DA ru-en news (released for training) and the
MLQE-PE ru-en train (src, post-edit) pairs, the post-edit detokenised. Test: the distinct
(src, ref) pairs of WMT22 DA ru-en news - a test split, so only ever scored, never trained or
tuned on. Dev: the MLQE-PE ru-en dev (src, post-edit) pairs, for choosing models and
thresholds (never trained on). Each clean pair gets one error of one family (docs/garble.md), or stays clean (a share
``--clean-share`` on purpose, the rest where no family applies). Rows are MLQE-PE-like JSONL
(``mt``, ``src``, ``mt_tok``/``mt_tags`` on whitespace tokens, ``spans`` with ``severity`` and
the family as ``category``, ``family``, ``clean``). Prints the counts per family as JSON and
writes them to ``counts.json``. Senses come from mtqa.lexicon (the dictionary the adequacy check
reads: ``--dictionary``, else $MTQA_DICTIONARY, else the system's Mueller), else a tiny builtin
table.
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

from mtqa.errors import MtqaError
from mtqa.garble import FAMILIES, Pair, SenseSource, default_senses, generate, to_row
from mtqa.garble.generate import resolve_families

REPO = Path(__file__).resolve().parents[1]
# MLQE-PE ru-en train rows that repeat a test20/test21 translation (as in scripts/train_qe.py).
OVERLAP = {"mlqe-pe.ru-en.train.1419", "mlqe-pe.ru-en.train.1581", "mlqe-pe.ru-en.train.1914"}


def detokenise(text: str) -> str:
    """Undo Moses-style tokenisation of an MLQE-PE post-edit (close enough for clean English)."""
    text = text.replace("@-@", "-").replace(" @-@ ", "-")
    text = re.sub(r" ([.,;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r'" (.*?) "', r'"\1"', text)
    return text.replace("&quot;", '"').replace("&amp;", "&").replace("&apos;", "'")


def read_jsonl(pattern: str) -> list[dict]:
    rows: list[dict] = []
    for path in sorted(glob.glob(pattern)):
        with open(path, encoding="utf-8") as f:
            rows += [json.loads(line) for line in f if line.strip()]
    if not rows:
        sys.exit(f"no rows match {pattern}")
    return rows


def wmt_pairs(pattern: str, tag: str) -> list[Pair]:
    pairs, seen = [], set()
    for r in read_jsonl(pattern):
        if r["seg_id"] in seen or not r.get("ref"):
            continue
        seen.add(r["seg_id"])
        pairs.append(Pair(r["src"], r["ref"], f"{tag}.{r['seg_id']}"))
    return pairs


def mlqe_pairs(pattern: str, split: str | None = None) -> list[Pair]:
    """(source, detokenised post-edit) pairs of MLQE-PE rows (of ``split`` when given)."""
    return [
        Pair(r["src"], detokenise(r["pe"]), r["id"])
        for r in read_jsonl(pattern)
        if r["id"] not in OVERLAP and r.get("pe") and (split is None or r.get("split") == split)
    ]


def write(
    path: Path,
    pairs: list[Pair],
    seed: int,
    clean_share: float,
    families,
    split: str,
    senses: SenseSource,
) -> dict:
    counts: Counter[str] = Counter()
    with open(path, "w", encoding="utf-8") as f:
        samples = generate(pairs, seed, families, senses=senses, clean_share=clean_share)
        for i, sample in enumerate(samples):
            counts[sample.garble.family if sample.garble else "clean"] += 1
            f.write(
                json.dumps(to_row(sample, f"garble.{split}.{i}", split), ensure_ascii=False) + "\n"
            )
    return {"rows": len(pairs), **dict(sorted(counts.items()))}


def coverage(pairs: list[Pair], seed: int, families, senses: SenseSource) -> dict:
    """How many pairs each family applies to (finds a place for its error), and how many none."""
    counts: Counter[str] = Counter()
    for pair in pairs:
        found = [f for f in families if FAMILIES[f](pair, random.Random(seed), senses)]
        counts.update(found or ["none"])
    return {"pairs": len(pairs), **{f: counts[f] for f in (*families, "none")}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=REPO / "artifacts" / "garble")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--dictionary",
        default=None,
        help="dictd dictionary (NAME.index); default $MTQA_DICTIONARY or the system's Mueller",
    )
    ap.add_argument("--families", default="", help="comma list (default: all)")
    ap.add_argument(
        "--clean-share", type=float, default=0.2, help="train pairs kept clean on purpose"
    )
    ap.add_argument("--test-clean-share", type=float, default=0.3, help="test pairs kept clean")
    ap.add_argument(
        "--limit", type=int, default=0, help="at most this many pairs per source (smoke runs)"
    )
    ap.add_argument(
        "--coverage",
        action="store_true",
        help="write nothing; print how many pairs each family applies to, per split",
    )
    args = ap.parse_args(argv)
    families = resolve_families(args.families.split(",") if args.families else None)
    t0 = time.time()
    try:
        senses = default_senses(dictionary=args.dictionary)
    except MtqaError as e:
        sys.exit(f"make_garbles: error: {e}")
    senses_seconds = time.time() - t0
    train = wmt_pairs(str(args.data / "eval" / "wmt21_da_ru-en_news.part*.jsonl"), "wmt21")
    mlqe = mlqe_pairs(str(args.data / "train" / "mlqe_pe_ru-en.train*.jsonl"))
    test = wmt_pairs(str(args.data / "eval" / "wmt22_da_ru-en_news.part*.jsonl"), "wmt22")
    dev = mlqe_pairs(str(args.data / "eval" / "mlqe_pe_ru-en.jsonl"), split="dev")
    if args.limit:
        train, mlqe, test = train[: args.limit], mlqe[: args.limit], test[: args.limit]
    if args.coverage:
        report = {
            "senses": senses.name,
            "train": coverage(train + mlqe, args.seed, families, senses),
            "test": coverage(test, args.seed, families, senses),
        }
        print(json.dumps(report))
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    counts = {
        "senses": senses.name,
        "senses_seconds": round(senses_seconds, 2),
        "seed": args.seed,
        "train": write(
            args.out / "train.jsonl",
            train + mlqe,
            args.seed,
            args.clean_share,
            families,
            "synthetic",
            senses,
        ),
        "test": write(
            args.out / "test.jsonl",
            test,
            args.seed + 1,
            args.test_clean_share,
            families,
            "synthetic-test",
            senses,
        ),
        "dev": write(
            args.out / "dev.jsonl",
            dev,
            args.seed + 2,
            args.test_clean_share,
            families,
            "synthetic-dev",
            senses,
        ),
        "seconds": round(time.time() - t0),
    }
    (args.out / "counts.json").write_text(json.dumps(counts, indent=1))
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
