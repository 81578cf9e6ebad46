"""How often the vocabulary check's spelling suggestion is the word a typo was made from.

    python scripts/typo_suggestions.py [--part wmt21] [--n 2000] [--seed 0] [--show 10]

Typos are generated from real words of the WMT21 ru-en human references (tuning material; never
run it on wmt22, held out): lowercase alphabetic words of five letters or more that the English
word list has, one slip each, of four kinds drawn in turn:

- ``swap``: two adjacent different letters exchanged (warned → wanred);
- ``drop``: one letter left out (warned → waned... kept only when the result is no listed word);
- ``double``: one letter typed twice (warned → warrned);
- ``adjacent``: one letter replaced by a neighbour on a QWERTY keyboard (warned → warbed).

A typo that is itself a listed word is skipped (the check does not flag it; it cannot suggest).
Prints, per kind and overall, the share of typos whose suggestion is the original word, the share
with no suggestion, as JSON; ``--show N`` prints N wrong suggestions per kind.
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared/data/eval"
KINDS = ("swap", "drop", "double", "adjacent")
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def keyboard_neighbours() -> dict[str, str]:
    """Letters next to each letter on a QWERTY keyboard (same row, and the rows above/below at
    the same or the next position)."""
    pos = {ch: (r, c) for r, row in enumerate(_ROWS) for c, ch in enumerate(row)}
    # Each row sits half a key right of the one above: above are columns c and c+1, below c-1, c.
    offsets = {-1: (0, 1), 0: (-1, 1), 1: (-1, 0)}
    out: dict[str, str] = {}
    for ch, (r, c) in pos.items():
        near = [o for o, (r2, c2) in pos.items() if abs(r2 - r) <= 1 and c2 - c in offsets[r2 - r]]
        out[ch] = "".join(sorted(near))
    return out


def reference_words(part: str) -> list[str]:
    """Distinct lowercase words of the part's references, in first-seen order."""
    seen: dict[str, None] = {}
    for path in sorted(glob.glob(str(DATA / f"{part}_da_ru-en_news.part*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                ref = json.loads(line).get("ref") or ""
                for w in re.findall(r"[A-Za-z]+", ref):
                    seen.setdefault(w, None)
    return list(seen)


def make_typo(word: str, kind: str, rng: random.Random, near: dict[str, str]) -> str | None:
    n = len(word)
    if kind == "swap":
        spots = [i for i in range(n - 1) if word[i] != word[i + 1]]
        if not spots:
            return None
        i = rng.choice(spots)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        i = rng.randrange(n)
        return word[:i] + word[i + 1 :]
    if kind == "double":
        i = rng.randrange(n)
        return word[: i + 1] + word[i] + word[i + 1 :]
    i = rng.randrange(n)
    if not near.get(word[i]):
        return None
    return word[:i] + rng.choice(near[word[i]]) + word[i + 1 :]


def _shares(c: Counter[str]) -> dict[str, object]:
    """Typos made, and the shares of right suggestions and of none (None: no typo of the kind)."""
    n = sum(c.values())
    return {
        "typos": n,
        "right": round(c["right"] / n, 4) if n else None,
        "none": round(c["none"] / n, 4) if n else None,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--part", choices=["wmt21"], default="wmt21")
    ap.add_argument("--n", type=int, default=2000, help="typos generated")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--show", type=int, default=0, help="wrong suggestions shown per kind")
    args = ap.parse_args(argv)

    from mtqa.checks import Languages
    from mtqa.checks.vocabulary import VocabularyCheck

    check = VocabularyCheck(langs=Languages("ru", "en"))
    words = [w for w in reference_words(args.part) if w.islower() and len(w) >= 5]
    words = [w for w in words if check.known(w)]
    rng = random.Random(args.seed)
    near = keyboard_neighbours()
    hits: dict[str, Counter[str]] = defaultdict(Counter)
    wrong: dict[str, list[str]] = defaultdict(list)
    made = 0
    while made < args.n:
        word = rng.choice(words)
        kind = KINDS[made % len(KINDS)]
        typo = make_typo(word, kind, rng, near)
        if typo is None or typo == word or check.known(typo):
            continue
        made += 1
        match = check.suggest(typo)
        outcome = "none" if match is None else ("right" if match[0] == word else "wrong")
        hits[kind][outcome] += 1
        if outcome == "wrong" and len(wrong[kind]) < args.show:
            wrong[kind].append(f"{typo} -> {match[0] if match else None} (was {word})")
    report: dict[str, object] = {}
    total: Counter[str] = Counter()
    for kind in KINDS:
        c = hits[kind]
        total.update(c)
        report[kind] = _shares(c)
    report["all"] = _shares(total)
    print(json.dumps(report, indent=1))
    for kind, rows in wrong.items():
        if not rows:
            continue
        print(f"--- {kind}")
        for row in rows:
            print("   ", row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
