"""How often the source-fidelity findings fire (final punctuation, letter case, pronoun gender),
on human translations, machine translations and perturbed human translations.

    python scripts/fidelity_rates.py [--show N]            # the findings alone, on pairs
    python scripts/fidelity_rates.py --pipeline wmt21      # what they add to the default's flags

Pairs (tuning material only: WMT21 DA ru-en news, MLQE-PE ru-en train):
  - wmt21-ref: the human references with their sources (one row per segment; clean),
  - wmt21-mt: every system output of the same segments,
  - mlqe-mt / mlqe-pe: MLQE-PE ru-en train sources with the MT and with its post-edit.
Perturbations of wmt21-ref and mlqe-pe (made here, the way a broken pipeline would): the final
mark dropped, the first letter lowercased, everything lowercased, he/she pronouns swapped (all,
or only the first); printed is the share of changed rows that get a finding of the right kind,
and of their clean twins.

`--pipeline PART` reads the clean articles the way scripts/clean_rates.py does (default checks,
target + source) and prints the share of sentences with any flag, with and without the
punctuation/capitalization/gender flags of the source check (WMT21 = tuning, WMT22 = held out).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from clean_pairs import added_share, mlqe, wmt21

from mtqa.checks.source.casing import case_findings
from mtqa.checks.source.gender import gender_findings
from mtqa.checks.source.punctuation import final_punctuation_finding

CATEGORIES = {"punctuation", "capitalization", "gender"}


def _kinds(src: str, mt: str) -> list[str]:
    """The kinds of finding on one pair: punctuation, first_lower, all_lower, gender."""
    out = ["punctuation"] if final_punctuation_finding(src, mt) else []
    out += [c.kind for c in case_findings(src, mt)]
    out += ["gender"] * len(gender_findings(src, mt))
    return out


_SWAP = {
    "he": "she",
    "she": "he",
    "him": "her",
    "his": "her",
    "her": "his",
    "himself": "herself",
    "herself": "himself",
    "hers": "his",
}
_PRONOUN = re.compile(r"\b(?:he|she|him|his|her|himself|herself|hers)\b", re.IGNORECASE)


def _swap(m: re.Match[str]) -> str:
    out = _SWAP[m.group().lower()]
    return out.capitalize() if m.group()[0].isupper() else out


def _first_lower(text: str) -> str:
    i = next((i for i, c in enumerate(text) if c.isalpha()), None)
    return text if i is None else text[:i] + text[i].lower() + text[i + 1 :]


PERTURBATIONS: dict[str, tuple[Callable[[str], str], set[str]]] = {
    "final_punc_removed": (
        lambda t: re.sub(r"[.!?…]+([\"'»”’)]*)\s*$", r"\1", t),
        {"punctuation"},
    ),
    "first_lower": (_first_lower, {"first_lower", "all_lower"}),
    "full_lower": (str.lower, {"first_lower", "all_lower"}),
    "gender_all": (lambda t: _PRONOUN.sub(_swap, t), {"gender"}),
    "gender_first": (lambda t: _PRONOUN.sub(_swap, t, count=1), {"gender"}),
}


def findings(show: int) -> None:
    refs, mts = wmt21()
    mlqe_mt, mlqe_pe = mlqe()
    rng = random.Random(0)
    print("finding rates (share of pairs with a finding; kinds counted over findings)")
    for name, pairs in (
        ("wmt21-ref", refs),
        ("wmt21-mt", mts),
        ("mlqe-mt", mlqe_mt),
        ("mlqe-pe", mlqe_pe),
    ):
        found = [(s, m, k) for s, m in pairs if (k := _kinds(s, m))]
        kinds = Counter(k for _, _, ks in found for k in ks)
        print(f"  {name:10} {len(pairs):5} pairs  {len(found) / len(pairs):6.2%}  {dict(kinds)}")
        for s, m, k in rng.sample(found, min(show, len(found))):
            print(f"      {k}: {m[-160:]!r}\n        src: {s[-160:]!r}")
    print("perturbed human translations: share flagged (clean twin)")
    for name, pairs in (("wmt21-ref", refs), ("mlqe-pe", mlqe_pe)):
        for pert, (change, want) in PERTURBATIONS.items():
            changed = [(s, m, change(m)) for s, m in pairs if change(m) != m]
            hit = sum(bool(want & set(_kinds(s, p))) for s, _, p in changed)
            twin = sum(bool(want & set(_kinds(s, m))) for s, m, _ in changed)
            n = max(1, len(changed))
            print(
                f"  {name:10} {pert:19} {len(changed):5} changed  {hit / n:6.1%}  ({twin / n:.1%})"
            )


def pipeline(part: str) -> None:
    n, flagged, without, ours = added_share(
        part, lambda f: f.check == "source" and f.category in CATEGORIES
    )
    print(f"{part.upper()} (target+source): {n} sentences")
    print(f"  sentences with any flag              {flagged / n:6.2%}")
    print(f"  ... without punctuation/capitalization/gender {without / n:6.2%}")
    added = flagged - without
    print(f"  added by them                        {added / n:6.2%} ({added})")
    print(f"  their flags: {dict(Counter(f'{f.category}/{f.severity}' for f in ours))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="examples per set")
    parser.add_argument("--pipeline", choices=["wmt21", "wmt22"], default=None)
    args = parser.parse_args()
    if args.pipeline:
        pipeline(args.pipeline)
    else:
        findings(args.show)


if __name__ == "__main__":
    main()
