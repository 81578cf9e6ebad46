"""Why the adequacy check misses synthetic wrong senses and calques: each miss by mechanism.

    python scripts/adequacy_misses.py [--garble artifacts/garble/train.jsonl] [--n 500]
        [--families wrong_sense,calque] [--seed 7] [--show 5]

Training material only (the generator's train.jsonl; the script refuses rows of another split).
For a sample of ``--n`` rows per family, runs the adequacy check (default parameters, the
shipped decision) and sorts every garbled span into one outcome:

wrong_sense
  found:major / found:minor   a flag overlaps the span
  not_judgeable               the English word is a function word, a name mid-sentence, or
                              unknown to (or rarer than ``min_logprob`` in) the trigram LM
  linked_central              it renders its source word by one of that word's central
                              renderings (first two in the dictionary, or its commonest) and the
                              LM has seen it with both neighbours: never a candidate (a central
                              rendering that misfits a neighbour is one, for the learned decision
                              only; the synthetic replacement is often a near-synonym)
  linked_no_candidate         linked, not central, but no candidate: another English word
                              renders the same source word, or no rendering the LM knows
  unlinked_no_candidate       renders no source word, and no uncovered source word of its kind
                              nearby offers an alternative
  lm_veto                     a candidate, but the LM prefers no alternative (gain <= 0)
  below_threshold             a candidate the LM prefers, below the decision's threshold
calque
  found:major / found:minor
  no_unit                     the dictionary has no set phrase or unit for the source words
  not_word_by_word            a unit is known, but its source words do not each link to one of
                              adjacent English words (a source word without partner...)
  collocation                 the English span is a pair (or "X of Y") the LM knows
  rejected                    the calque test turns it down: the LM does not prefer the
                              dictionary's phrase by the margin, or (a source preposition) the
                              English preposition is not just before the span

The generator's note ("src phrase: unit") names the source words of a calque. Prints counts as
JSON, and ``--show`` examples per outcome on stderr.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def wrong_sense_outcome(check, seg, al, span: tuple[int, int]) -> str:  # type: ignore[no-untyped-def]
    from mtqa.checks.source.decision import sense_candidates, vector
    from mtqa.lexicon.lemmas import en_lemma_set

    decision = check.decision
    cands = {c.j: c for c in sense_candidates(check, seg, al)}
    outcome = "no_token"
    for j, tok in enumerate(al.mt):
        if not _overlaps((tok.start, tok.end), span):
            continue
        if not check._judgeable(al, j):
            outcome = "not_judgeable" if outcome == "no_token" else outcome
            continue
        cand = cands.get(j)
        if cand is None:
            if al.mt_linked(j):
                lemmas = en_lemma_set(tok.text)
                central = any(lemmas & check._central(al.src[i].text) for i in al.partners_of_mt(j))
                outcome = "linked_central" if central else "linked_no_candidate"
            else:
                outcome = "unlinked_no_candidate"
            continue
        prob = decision.probability(vector(decision, cand)) if decision else 0.0
        kind = "linked" if al.mt_linked(j) else "unlinked"
        outcome = ("lm_veto" if cand.gain <= 0 else "below_threshold") + f"/{kind}"
        if prob >= (decision.minor if decision else 1.0):
            outcome = "decided_elsewhere"
    return outcome


def calque_outcome(check, seg, al, note: str) -> str:  # type: ignore[no-untyped-def]
    from mtqa.lexicon.align import source_phrases, source_units
    from mtqa.lexicon.lemmas import en_lemma_set

    want = note.split(":")[0].strip().lower()
    src = seg.src
    found = [
        (i, n, key, ph, unit)
        for units, group in ((False, source_phrases), (True, source_units))
        for i, n, key, ph in group(check.lexicon, src)
        for unit in (units,)
        if src[al.src[i].start : al.src[i + n - 1].end].lower() == want
    ]
    if not found:
        return "no_unit"
    mt_sets = [en_lemma_set(t.text) for t in al.mt]
    outcome = "not_word_by_word"
    for i, n, _, phrase, unit in found:
        src_idx = [a for a in range(i, i + n) if al.src_content[a]]
        js = (
            check._phrase_partners(al, src_idx, check._function_partners(al, src_idx))
            if src_idx
            else None
        )
        if js is None:
            continue
        lo, hi = min(js), max(js) + 1
        if any(check._known_pair(al, j) for j in range(lo, hi - 1)):
            outcome = "collocation"
            continue
        if check._calque(seg, al, mt_sets, i, n, phrase, "", unit) is None:
            outcome = "rejected" if outcome != "collocation" else outcome
    return outcome


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--garble", type=Path, default=ROOT / "artifacts" / "garble" / "train.jsonl")
    ap.add_argument("--n", type=int, default=500, help="rows per family")
    ap.add_argument("--families", default="wrong_sense,calque")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", type=int, default=0, help="examples per outcome (stderr)")
    args = ap.parse_args()

    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.lexicon.align import align
    from mtqa.types import Segment

    rows = []
    with open(args.garble, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("split") not in (None, "synthetic", "train"):
                raise SystemExit(f"adequacy_misses: row {r['id']} is from split {r['split']}")
            rows.append(r)
    check = AdequacyCheck()
    report: dict[str, dict[str, int]] = {}
    for family in [f.strip() for f in args.families.split(",") if f.strip()]:
        pool = [r for r in rows if r.get("family") == family]
        rng = random.Random(args.seed)
        sample = rng.sample(pool, min(args.n, len(pool)))
        counts: Counter[str] = Counter()
        shown: dict[str, int] = defaultdict(int)
        for k, r in enumerate(sample):
            seg = Segment(k, str(k), r["mt"], src=r["src"])
            span = (r["spans"][0]["start"], r["spans"][0]["end"])
            hits = [f for f in check.run([seg])[0].flags if _overlaps((f.start, f.end), span)]
            if hits:
                outcome = "found:" + max(hits, key=lambda f: f.severity == "major").severity
            else:
                al = align(check.lexicon, r["src"], r["mt"])
                if family == "calque":
                    outcome = calque_outcome(check, seg, al, r.get("note", ""))
                else:
                    outcome = wrong_sense_outcome(check, seg, al, span)
            counts[outcome] += 1
            if shown[outcome] < args.show:
                shown[outcome] += 1
                print(
                    f"{family} {outcome}: {r['mt'][span[0] : span[1]]!r} ({r.get('note', '')})",
                    file=sys.stderr,
                )
        report[family] = dict(counts.most_common())
        report[family]["rows"] = len(sample)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
