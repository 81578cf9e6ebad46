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

Real MT (``--wmt21-mt``, tuning material): the WMT21 DA ru-en system outputs with their sources
and human references. A *reference-attested sense swap* is an MT content word that alone renders
a source word, is not in the reference, while a reference word of its part of speech renders the
same source word by another of its dictionary renderings and is not in the MT ("The company's
actions" where the reference has "shares", both renderings of «акции»). Most swaps are wrong
senses or near-synonyms; their share flagged by the check, per band of DA z-score (``low`` <
-0.5 <= ``mid`` < 0.6 <= ``high``; ``--n`` rows per band, seeded), says how far the check follows
real literal MT: a check that sees wrong senses flags more swaps where people rated the
translation low. Never point it at WMT22 (held out).
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


def sense_swaps(check, src: str, mt: str, ref: str) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    """Reference-attested sense swaps of ``mt`` (see the module docstring): (MT word index,
    source word index, the reference's word)."""
    from mtqa.lexicon.align import align
    from mtqa.lexicon.lemmas import en_lemma_set, en_lemmas

    al = align(check.lexicon, src, mt)
    al_ref = align(check.lexicon, src, ref)
    if [t.text for t in al.src] != [t.text for t in al_ref.src]:
        return []
    mt_lemmas = set().union(*(en_lemma_set(t.text) for t in al.mt)) if al.mt else set()
    ref_lemmas = set().union(*(en_lemma_set(t.text) for t in al_ref.mt)) if al_ref.mt else set()
    out = []
    for j, tok in enumerate(al.mt):
        if not check._judgeable(al, j) or en_lemma_set(tok.text) & ref_lemmas:
            continue
        pos = {lem.pos for lem in en_lemmas(tok.text)}
        for i in al.partners_of_mt(j):
            if not check._renders_alone(al, i, j):
                continue
            renderings = set(check._sense_renderings(al.src[i].text))
            for r in al_ref.partners_of_src(i):
                word = al_ref.mt[r].text
                lemmas = en_lemma_set(word)
                if (
                    al_ref.mt_content[r]
                    and lemmas & renderings
                    and not lemmas & mt_lemmas
                    and {lem.pos for lem in en_lemmas(word)} & pos
                ):
                    out.append((j, i, word))
                    break
            else:
                continue
            break
    return out


def real_mt(check, n: int, seed: int, show: int) -> dict[str, dict[str, int]]:  # type: ignore[no-untyped-def]
    """Sense swaps of WMT21 system outputs and how many the check flags, per DA band."""
    import glob

    from mtqa.lexicon.align import align
    from mtqa.types import Segment

    paths = sorted(glob.glob(str(ROOT.parent / "shared/data/eval/wmt21_da_ru-en_news*.jsonl")))
    if not paths:
        raise SystemExit("adequacy_misses: no WMT21 DA files under ../shared/data/eval")
    bands: dict[str, list[dict]] = defaultdict(list)
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r.get("mt") and r.get("ref") and r.get("score") is not None:
                    z = float(r["score"])
                    bands["low" if z < -0.5 else "mid" if z < 0.6 else "high"].append(r)
    report: dict[str, dict[str, int]] = {}
    for band in ("low", "mid", "high"):
        rows = random.Random(seed).sample(bands[band], min(n, len(bands[band])))
        counts: Counter[str] = Counter(rows=len(rows))
        shown = 0
        for k, r in enumerate(rows):
            swaps = sense_swaps(check, r["src"], r["mt"], r["ref"])
            if not swaps:
                continue
            al = align(check.lexicon, r["src"], r["mt"])
            flags = check.run([Segment(k, str(k), r["mt"], src=r["src"])])[0].flags
            counts["rows_with_swaps"] += 1
            for j, i, ref_word in swaps:
                tok = al.mt[j]
                hits = [f for f in flags if _overlaps((f.start, f.end), (tok.start, tok.end))]
                counts["swaps"] += 1
                counts["flagged"] += bool(hits)
                counts["flagged_major"] += any(f.severity != "minor" for f in hits)
                if shown < show:
                    shown += 1
                    mark = hits[0].severity if hits else "missed"
                    print(
                        f"{band} {mark}: {tok.text!r} for «{al.src[i].text}» (ref: {ref_word!r}) | "
                        f"{r['mt'][:100]}",
                        file=sys.stderr,
                    )
        report[band] = dict(counts)
    return report


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--garble", type=Path, default=ROOT / "artifacts" / "garble" / "train.jsonl")
    ap.add_argument("--n", type=int, default=500, help="rows per family")
    ap.add_argument("--families", default="wrong_sense,calque")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", type=int, default=0, help="examples per outcome (stderr)")
    ap.add_argument(
        "--wmt21-mt",
        action="store_true",
        help="real MT: reference-attested sense swaps in WMT21 system outputs, per DA band",
    )
    args = ap.parse_args()

    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.lexicon.align import align
    from mtqa.types import Segment

    if args.wmt21_mt:
        print(json.dumps(real_mt(AdequacyCheck(), args.n, args.seed, args.show), indent=1))
        return 0

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
