"""Count candidate real wrong senses in MT per shape (possessive, "X of Y", verb + determiner +
object, homograph, other), on tuning material: WMT21 ru-en system outputs rated low (DA z <
-0.3) against their references, and MLQE-PE ru-en train outputs against their post-edits.

    python scripts/sense_shape_counts.py [--rows 12000] [--examples 25]

A candidate is an MT content word missing from the reference (lemmas) that renders a source
lemma (Mueller, `senses`' round trip, rank <= 15) while the reference has another of that
lemma's first 8 renderings; or, failing that, renders one reading of an ambiguous source form
while the reference renders another reading (homograph). Most candidates are synonyms a
reference chose ("assistance"/"help"): the counts say where wrong senses *can* hide, not how
many there are; the printed examples say which are real. Rows are shuffled with
``random.Random(3)`` and the first ``--rows`` kept.
"""

from __future__ import annotations

import argparse
import collections
import glob
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mtqa.checks.senses import SenseCheck
from mtqa.lexicon.lemmas import EN_FUNCTION_WORDS, en_lemmas, ru_lemmas
from mtqa.text import words

DATA = ROOT.parent / "shared" / "data"
# WMT21 outputs rated below this DA z-score are read (as the docstring says).
LOW_Z = -0.3
# A content word renders a source lemma at this round-trip rank or better ...
ORIG_RANK_MAX = 15
# ... and the reference has another of that lemma's first this many renderings.
FIRST_RENDERINGS = 8
DET = {"the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those"}
POSS = ("'s", "’s")


def _lem(w: str) -> set[str]:
    return {lem.lemma for lem in en_lemmas(w)} | {w}


def _rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for p in sorted(glob.glob(str(DATA / "eval" / "wmt21_da_ru-en_news.part*.jsonl"))):
        with open(p, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r["score"] is not None and r["score"] < LOW_Z and r.get("ref"):
                    rows.append(("wmt21", r["src"], r["mt"], r["ref"]))
    for p in sorted(glob.glob(str(DATA / "train" / "mlqe_pe_ru-en.train.part*.jsonl"))):
        with open(p, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r.get("pe") and r["pe"] != r["mt"]:
                    rows.append(("mlqe", r["src"], r["mt"], r["pe"]))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rows", type=int, default=12000)
    ap.add_argument("--examples", type=int, default=25)
    args = ap.parse_args()
    check = SenseCheck()
    if check.trip is None:
        sys.exit("sense_shape_counts: no dictionary installed")
    trip, renders = check.trip, check.lexicon.renders
    rows = _rows()
    random.Random(3).shuffle(rows)
    rows = rows[: args.rows]
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    examples: dict[str, list[str]] = collections.defaultdict(list)
    for kind, src, mt, ref in rows:
        stoks = [t.text.lower() for t in words(src)]
        forms = [[lem.lemma for lem in ru_lemmas(t)] for t in stoks]
        src_lem = {lem for ls in forms for lem in ls}
        ref_lem: set[str] = set()
        for t in words(ref):
            ref_lem |= _lem(t.text.lower())
        mtt = [t.text for t in words(mt)]
        low = [t.lower() for t in mtt]
        for i, raw in enumerate(low):
            w = raw.replace("’s", "").replace("'s", "")
            if not w.isalpha() or w in EN_FUNCTION_WORDS or len(w) < 3 or _lem(w) & ref_lem:
                continue
            hit = None
            rendered = trip.russian(w, ORIG_RANK_MAX)  # asked once per word
            own = _lem(w)
            for ru, _ in rendered:
                if ru in src_lem:
                    first = renders.get(ru)[:FIRST_RENDERINGS]
                    good = [a for a in first if a not in own and a in ref_lem]
                    if good:
                        hit = ("sense", ru, good[0])
                        break
            if hit is None:
                rendered_ru = {ru for ru, _ in rendered}
                for k, ls in enumerate(forms):
                    if len(set(ls)) < 2:
                        continue
                    mine = [lem for lem in ls if lem in rendered_ru]
                    others = [lem for lem in set(ls) if lem not in mine]
                    good = [
                        a
                        for lem in others
                        for a in renders.get(lem)[:FIRST_RENDERINGS]
                        if a in ref_lem
                    ]
                    if mine and good:
                        hit = ("homograph", stoks[k], good[0])
                        break
            if hit is None:
                continue
            prev = low[i - 1] if i else ""
            prev2 = low[i - 2] if i > 1 else ""
            nxt = low[i + 1] if i + 1 < len(low) else ""
            if hit[0] == "homograph":
                shape = "homograph"
            elif (
                prev.endswith(POSS)
                or raw.endswith(POSS)
                or (prev2.endswith(POSS) and prev.isalpha())
            ):
                shape = "possessive"
            elif nxt == "of" or prev == "of" or (prev in DET and prev2 == "of"):
                shape = "X of Y"
            elif (prev in DET and prev2.isalpha() and prev2 not in EN_FUNCTION_WORDS) or nxt in DET:
                shape = "verb det object"
            else:
                shape = "adjacent/other"
            counts[(kind, shape)] += 1
            if len(examples[shape]) < args.examples:
                examples[shape].append(
                    f"{kind}: {' '.join(mtt[max(0, i - 3) : i + 4])}  [{w} <- {hit[1]}; ref has {hit[2]}]"
                )
    print(f"{len(rows)} rows")
    for key, n in sorted(counts.items()):
        print(f"{key[0]}\t{key[1]}\t{n}")
    for shape, lines in examples.items():
        print(f"== {shape}")
        for line in lines:
            print("   " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
