"""How often the repetition rules fire on clean-ish English: the post-edits of MLQE-PE.

    python scripts/repetition_rates.py [--rule coordination_repeats] [--show]

Reads the ``pe`` field (human post-edits of MT into English, Wikipedia text) of
../shared/data/train/mlqe_pe_*-en.train.part*.jsonl and runs one rule of the ``rules`` check
(``RulesCheck.hits``) on each; prints the number of sentences and of hits, and with ``--show``
every hit with its context. Post-edits keep some real MT repetitions, so a hit is not always a
false alarm: read them.
"""

from __future__ import annotations

import argparse
import glob
import json
from pathlib import Path

from mtqa.checks import Languages
from mtqa.checks.rules import RulesCheck

DATA = Path(__file__).resolve().parent.parent.parent / "shared/data/train"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rule", default="coordination_repeats")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    check = RulesCheck(langs=Languages("ru", "en"))
    if args.rule not in check.rules:
        raise SystemExit(
            f"repetition_rates: no rule {args.rule!r} (have: {', '.join(check.rules)})"
        )
    paths = sorted(glob.glob(str(DATA / "mlqe_pe_*-en.train.part*.jsonl")))
    if not paths:
        raise SystemExit(f"repetition_rates: no MLQE-PE train files under {DATA}")
    sentences = hits = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                pe = json.loads(line).get("pe")
                if not pe:
                    continue
                sentences += 1
                for hit in check.hits(pe)[args.rule]:
                    hits += 1
                    if args.show:
                        context = pe[max(0, hit.start - 50) : hit.end + 30]
                        print(f"  {pe[hit.start : hit.end]!r} | {context}")
    print(f"{sentences} post-edited sentences, {hits} hits of {args.rule}")


if __name__ == "__main__":
    main()
