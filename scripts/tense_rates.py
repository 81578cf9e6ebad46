"""How often the tense finding fires, on human translations, machine translations and on human
translations with one verb's tense changed.

    python scripts/tense_rates.py [--show N] [--perturbed-show N]

Pairs (tuning material only: WMT21 DA ru-en news, MLQE-PE ru-en train):
  - wmt21-ref: the human references with their sources (one row per segment; clean),
  - wmt21-mt: every system output of the same segments,
  - mlqe-mt / mlqe-pe: MLQE-PE ru-en train sources with the MT and with its post-edit.
Perturbations of wmt21-ref (made here, independently of the finding's own verb groups, and
kept apart from the clean counts): one English verb moved to another time — a past verb
("said", "took", "was") to the future ("will say", "will take", "will be"), a future
("will hold") to the past ("held"), a present copula to the past ("is" → "was") — printed is
the share of changed rows that get a finding, of their clean twins, and per source profile.

    python scripts/tense_rates.py --pipeline wmt21 [--show 1]   # tuning
    python scripts/tense_rates.py --pipeline wmt22              # held out: run once

reads the clean articles the way scripts/clean_rates.py --with-src does (default checks, target
+ source) and prints the share of sentences with any flag, with and without the tense flags.
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

from mtqa.checks.source.tense import FUTURE, PAST, source_tense, tense_findings

_WORD = re.compile(r"[A-Za-z]+")
_PRONOUN = {"he", "she", "it", "they", "we", "i", "you", "who"}


def _forms(word: str) -> tuple[str, dict[str, tuple[str, ...]]]:
    from lemminflect import getAllInflections, getAllLemmas

    lemmas = getAllLemmas(word.lower()).get("VERB")
    if not lemmas:
        return "", {}
    return lemmas[0], getAllInflections(lemmas[0], "VERB")


def past_to_future(text: str, rng: random.Random) -> str | None:
    """One past verb after a pronoun or a capitalised word moved to the future."""
    words = list(_WORD.finditer(text))
    options = []
    for k, m in enumerate(words[1:], 1):
        w = m.group()
        prev = words[k - 1].group()
        if w in ("was", "were"):
            options.append((m, "will be"))
            continue
        lemma, forms = _forms(w)
        past = lemma and w in forms.get("VBD", ()) and w not in forms.get("VB", ())
        if past and (prev.lower() in _PRONOUN or prev[:1].isupper()):
            options.append((m, f"will {lemma}"))
    if not options:
        return None
    m, new = rng.choice(options)
    return text[: m.start()] + new + text[m.end() :]


def future_to_past(text: str, rng: random.Random) -> str | None:
    """One "will VERB" moved to the past."""
    options = []
    for m in re.finditer(r"\bwill (be|[a-z]+)\b", text):
        verb = m.group(1)
        if verb == "be":
            new = "was"
        else:
            lemma, forms = _forms(verb)
            if not lemma or verb != lemma or not forms.get("VBD"):
                continue
            new = forms["VBD"][0]
        options.append((m, new))
    if not options:
        return None
    m, new = rng.choice(options)
    return text[: m.start()] + new + text[m.end() :]


def present_to_past(text: str, rng: random.Random) -> str | None:
    """One present copula moved to the past."""
    options = [
        (m, "was" if m.group() == "is" else "were") for m in re.finditer(r"\b(?:is|are)\b", text)
    ]
    if not options:
        return None
    m, new = rng.choice(options)
    return text[: m.start()] + new + text[m.end() :]


PERTURBATIONS: dict[str, Callable[[str, random.Random], str | None]] = {
    "past_to_future": past_to_future,
    "future_to_past": future_to_past,
    "present_to_past": present_to_past,
}


def _profile(src: str) -> str:
    st = source_tense(src)
    if st.possible == {PAST} and st.shown[PAST]:
        return "all-past"
    if st.possible == {FUTURE} and st.shown[FUTURE] and not st.participles:
        return "all-future"
    return "mixed/none"


def clean(show: int, rng: random.Random) -> None:
    refs, mts = wmt21()
    mlqe_mt, mlqe_pe = mlqe()
    print("clean pairs: share with a tense finding")
    for name, pairs in (
        ("wmt21-ref", refs),
        ("wmt21-mt", mts),
        ("mlqe-mt", mlqe_mt),
        ("mlqe-pe", mlqe_pe),
    ):
        found = [(s, m, f) for s, m in pairs if (f := tense_findings(s, m))]
        kinds = Counter(f"{x.source_tense}->{x.mt_tense}" for _, _, fs in found for x in fs)
        profiles = Counter(_profile(s) for s, _ in pairs)
        print(
            f"  {name:10} {len(pairs):6} pairs  {len(found) / len(pairs):6.2%} ({len(found)})"
            f"  {dict(kinds)}  sources: {dict(profiles)}"
        )
        for s, m, fs in rng.sample(found, min(show, len(found))):
            print(f"      {[(f.message[:60], f.suggestion) for f in fs]}")
            print(f"        mt:  {m[:200]!r}\n        src: {s[:200]!r}")


def perturbed(show: int, rng: random.Random) -> None:
    refs, _ = wmt21()
    print("perturbed wmt21 references: share flagged (clean twin), by source profile")
    for name, change in PERTURBATIONS.items():
        rows = [(s, m, p) for s, m in refs if (p := change(m, rng)) is not None]
        hit = [(s, m, p) for s, m, p in rows if tense_findings(s, p)]
        twin = sum(bool(tense_findings(s, m)) for s, m, _ in rows)
        n = max(1, len(rows))
        by: Counter[str] = Counter()
        by_hit: Counter[str] = Counter()
        for s, _m, _p in rows:
            by[_profile(s)] += 1
        for s, _m, _p in hit:
            by_hit[_profile(s)] += 1
        detail = "  ".join(f"{k}: {by_hit[k]}/{v}" for k, v in sorted(by.items()))
        print(f"  {name:16} {len(rows):5} changed  {len(hit) / n:6.1%}  ({twin / n:.1%})  {detail}")
        for s, _m, p in rng.sample(hit, min(show, len(hit))):
            print(f"      {p[:200]!r}\n        src: {s[:200]!r}")


def pipeline(part: str, show: bool) -> None:
    """The clean articles read the way scripts/clean_rates.py --with-src reads them: the share
    of sentences with any flag, and what the tense flags add to it."""
    n, flagged, without, ours = added_share(part, lambda f: f.category == "tense")
    print(f"{part.upper()} (target+source): {n} sentences")
    print(f"  sentences with any flag         {flagged / n:6.2%}")
    print(f"  ... without the tense flags     {without / n:6.2%}")
    print(f"  added by them                   {(flagged - without) / n:6.2%} ({flagged - without})")
    print(f"  tense flags: {len(ours)}")
    if show:
        for f in ours:
            print(f"    {f.message} -> {f.suggestion}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0, help="clean examples per set")
    parser.add_argument("--perturbed-show", type=int, default=0, help="perturbed examples")
    parser.add_argument("--pipeline", choices=["wmt21", "wmt22"], default=None)
    args = parser.parse_args()
    if args.pipeline:
        pipeline(args.pipeline, args.show > 0 and args.pipeline == "wmt21")
        return
    clean(args.show, random.Random(0))
    perturbed(args.perturbed_show, random.Random(0))


if __name__ == "__main__":
    main()
