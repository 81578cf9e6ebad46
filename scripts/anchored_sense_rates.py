"""How often the `senses` check's anchored step fires on clean pairs and on hand-written garbles.

    python scripts/anchored_sense_rates.py          # WMT21 references and good outputs, MLQE-PE post-edits
    python scripts/anchored_sense_rates.py --tsv tests/data/sense_tuning.tsv
    python scripts/anchored_sense_rates.py --set anchored_more_central=false

Runs the step alone (``SenseCheck._find_anchored`` on every adjacent pair of each translation
with its source), prints every pair it would flag with its alternative, gain, the ranks of the
alternative and of the word among the source word's renderings, and whether the alternative pair
is on the frequent-bigram list; then the count per set. Clean pairs (scripts/clean_pairs.py, all
tuning material): the WMT21 ru-en references (once per segment), 2,000 WMT21 system outputs
people rated high (DA z >= 0.6) and the 7,000 MLQE-PE ru-en train post-edits. ``--tsv`` reads a hand-written file (garbled rows and clean rows apart).
``--set key=value`` overrides a setting of the check (JSON values).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mtqa.checks.senses import SenseCheck, _source_positions
from mtqa.text import words


def fired(check: SenseCheck, pairs: list[tuple[str, str]], label: str) -> int:
    """Print what the step finds in each (src, mt) pair; the number of pairs with a find."""
    n = 0
    for src, mt in pairs:
        toks = words(mt)
        positions = _source_positions(src)
        hit = False
        for pair in check._pairs(mt, toks):
            if pair.mid is not None:
                continue
            x, y = toks[pair.i].text.lower(), toks[pair.j].text.lower()
            found = check._find_anchored(x, y, positions)
            if found is None:
                continue
            gain, alt, side, _ = found
            assert hasattr(alt, "form")
            ax, ay = (alt.form, y) if side == "left" else (x, alt.form)
            common = check.common is not None and check.common.has(ax, ay)
            print(
                f"{label}\t{x} {y} -> {ax} {ay}\tgain {gain:.2f} rank {alt.rank} "
                f"word rank {alt.orig_rank} frequent-bigram {common}"
            )
            hit = True
        n += hit
    print(f"{label}: {n} of {len(pairs)} flagged", file=sys.stderr)
    return n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tsv", help="a hand-written test file (family, src, mt, span)")
    ap.add_argument("--set", action="append", default=[], help="key=value (JSON value)")
    args = ap.parse_args()
    params = {k: json.loads(v) for k, v in (s.split("=", 1) for s in args.set)}
    check = SenseCheck(params)
    if check.trip is None:
        raise SystemExit("no dictionary: install mueller7-dict")
    if args.tsv:
        from scripts.garble_recall import read_tests

        rows = read_tests(Path(args.tsv))
        fired(check, [(t["src"], t["mt"]) for t in rows if t["spans"] and t["src"]], "garbled")
        fired(check, [(t["src"], t["mt"]) for t in rows if not t["spans"] and t["src"]], "clean")
        return 0
    from scripts.clean_pairs import mlqe, wmt21, wmt21_parts, wmt21_rows

    refs, _ = wmt21()
    fired(check, refs, "WMT21 references")
    for label, pairs in wmt21_parts(wmt21_rows(), 2000, ["high"]):
        fired(check, pairs, label)
    _, post_edits = mlqe()
    fired(check, post_edits, "MLQE-PE post-edits")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
