"""Why a verb rendered in a wrong sense with its object is missed: the first stage that blocks.

    python scripts/verb_misses.py [TSV ...] [--show]

Tuning material only (default: tests/data/collocation_tuning.tsv, sense_tuning.tsv,
sense_calque_tuning2.tsv). Reads the garbled rows whose garbled span opens with an English verb
(family ``verb_object``, or a one-word span that is a verb form), runs the whole adequacy check
and the collocation rule alone, and, for a miss, walks the collocation rule's stages in order
and prints the first that blocks:

  found             the adequacy check flags the span (``colloc`` when the collocation rule
                    alone does)
  c:en_pair         no English verb + object pair opens at the verb (mtqa.checks.source.
                    collocation.english_pairs)
  a:not_linked      the English verb is not linked to the source verb although the dictionary
                    (with the verb's aspect partners, as the wrong-sense test reads it) has it
  b:no_wrong        not linked, and the dictionary lacks the English (wrong) rendering
  c:src_pair        linked (or not), but no source verb + noun relation is found for the pair
                    (the noun unlinked, too far, or the source verb covered by another word)
  b:no_right        the dictionary lacks the right rendering (the verb of the corrected
                    translation, where the file has one)
  d:lm_knows_wrong  the LM knows the English pair itself (association above the rule's maximum)
  d:lm_right_pair   the LM does not join the right verb to the noun (below ``colloc_alt_assoc_min``)
  e:margin          all of that holds, but the LM's gain is below ``colloc_gain_verb``
  e:elsewhere       the rule's own test passes; lost later (common-word floor, overlap)

The source verb is the source verb the dictionary renders by the English verb, else the nearest
source verb before the noun's source word. The right verb is the corrected row's verb linked to
that source verb. Prints one line per row and the counts per stage.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_FILES = [
    ROOT / "tests/data/collocation_tuning.tsv",
    ROOT / "tests/data/sense_tuning.tsv",
    ROOT / "tests/data/sense_calque_tuning2.tsv",
]


def read_rows(path: Path) -> list[dict]:
    """Garbled rows (family, src, mt, span) and a map src -> corrected translation."""
    rows, clean = [], {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            family, src, mt, garbled = (line.rstrip("\n").split("\t") + ["", "", ""])[:4]
            if family == "clean":
                clean.setdefault(src, mt)
                continue
            at = mt.find(garbled) if garbled else -1
            if at >= 0 and src:
                rows.append(
                    {"where": f"{path.name}:{n}", "family": family, "src": src, "mt": mt,
                     "span": (at, at + len(garbled))}
                )  # fmt: skip
    for r in rows:
        r["clean"] = clean.get(r["src"])
    return rows


def verb_index(al, row: dict) -> int | None:  # type: ignore[no-untyped-def]
    """The English verb opening the garbled span, or None when the row is no verb row."""
    from mtqa.lexicon.lemmas import en_pos, penn_tag

    start, end = row["span"]
    toks = [j for j, t in enumerate(al.mt) if t.start >= start and t.end <= end]
    if not toks:
        return None
    j = toks[0]
    word = al.mt[j].text.lower()
    if "VERB" not in en_pos(word):
        return None
    if row["family"] == "verb_object":
        return j
    from mtqa.checks.source.collocation import english_pairs

    tag = penn_tag(word)
    opens_pair = any(p.first == j and p.kind == "verb" for p in english_pairs(al, row["mt"]))
    verbal = (tag is not None and tag.startswith("VB")) or opens_pair
    return j if len(toks) == 1 and verbal else None


def source_verb(check, al, j: int, noun: int | None) -> int | None:  # type: ignore[no-untyped-def]
    from mtqa.lexicon.lemmas import en_lemma_set, ru_pos

    lemmas = en_lemma_set(al.mt[j].text)
    verbs = [i for i, t in enumerate(al.src) if "VERB" in ru_pos(t.text)]
    for i in verbs:
        if lemmas & set(check._sense_renderings(al.src[i].text)):
            return i
    anchors = list(al.partners_of_mt(noun)) if noun is not None else []
    for a in anchors:
        before = [i for i in verbs if i < a]
        if before:
            return before[-1]
    if not verbs:
        return None
    return min(verbs, key=lambda i: al.relative_position(i, j))


def right_verb(check, row: dict, v: int) -> str | None:  # type: ignore[no-untyped-def]
    """The corrected translation's verb that renders source word ``v`` (its lemma)."""
    from mtqa.lexicon.align import align
    from mtqa.lexicon.lemmas import en_lemmas

    if not row["clean"]:
        return None
    al = align(check.lexicon, row["src"], row["clean"])
    for j in al.partners_of_src(v):
        for lem in en_lemmas(al.mt[j].text):
            if lem.pos == "VERB":
                return lem.lemma
    return None


def diagnose(check, row: dict) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
    from mtqa.checks.source.collocation import (
        DEFAULTS,
        _judge,
        collocation_flags,
        english_pairs,
        source_pairs,
    )
    from mtqa.lexicon.align import align
    from mtqa.lexicon.lemmas import en_lemma_set
    from mtqa.types import Segment

    al = align(check.lexicon, row["src"], row["mt"])
    j = verb_index(al, row)
    if j is None:
        return None
    seg = Segment(0, "x", row["mt"], src=row["src"])
    s, e = row["span"]

    def hit(flags) -> bool:  # type: ignore[no-untyped-def]
        return any(f.start < e and s < f.end for f in flags)

    verb = al.mt[j].text
    if hit(collocation_flags(check, seg, al)):
        return "found:colloc", verb
    found = hit(check.run([seg])[0].flags)
    pairs = [p for p in english_pairs(al, row["mt"]) if p.first == j and p.kind == "verb"]
    pair = pairs[0] if pairs else None
    v = source_verb(check, al, j, pair.second if pair else None)
    if v is None:
        return ("found:other" if found else "c:src_pair"), f"{verb} (no source verb)"
    src_verb = al.src[v].text
    rend = check._sense_renderings(src_verb)
    wrong_in = bool(en_lemma_set(verb) & set(rend))
    right = right_verb(check, row, v)
    desc = f"{verb}/«{src_verb}» right={right or '?'}"
    if found:
        return "found:other", desc
    if pair is None:
        return "c:en_pair", desc
    linked = v in al.partners_of_mt(j)
    src_pairs = [sp for sp in source_pairs(check, seg, al, pair) if sp[0] == v]
    if not src_pairs:
        if not linked:
            return ("a:not_linked" if wrong_in else "b:no_wrong"), desc
        return "c:src_pair", desc + f" noun partners={al.partners_of_mt(pair.second)}"
    if right is not None and right not in rend:
        return "b:no_right", desc
    trace: list[tuple] = []
    for r1, r2, lk in src_pairs:
        _judge(check, al, pair, r1, r2, lk, trace=trace)
    mine = [t for t in trace if t[7] == verb]
    if right is not None:
        mine = [t for t in mine if right in en_lemma_set(t[1])] or mine
    if not mine:
        return "d:lm_right_pair", desc + " (no alternative the LM knows)"
    best = max(mine, key=lambda t: t[6])
    _, form, lk, orig_assoc, known, alt_assoc, gain, _, _ = best
    nums = f" alt={form} orig={orig_assoc:.2f} known={known:.2f} alt_assoc={alt_assoc:.2f} gain={gain:.2f}"
    param = check.param
    if max(orig_assoc, known) > param("colloc_orig_assoc_max", DEFAULTS["colloc_orig_assoc_max"]):
        return "d:lm_knows_wrong", desc + nums
    if alt_assoc < param("colloc_alt_assoc_min", DEFAULTS["colloc_alt_assoc_min"]):
        return "d:lm_right_pair", desc + nums
    need = param("colloc_gain_verb", DEFAULTS["colloc_gain_verb"]) + (
        0.0 if lk else param("colloc_gain_unlinked", DEFAULTS["colloc_gain_unlinked"])
    )
    if gain < need:
        return "e:margin", desc + nums
    return "e:elsewhere", desc + nums


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    args = ap.parse_args(argv)

    from mtqa.checks import Languages
    from mtqa.checks.source.adequacy import AdequacyCheck

    check = AdequacyCheck(langs=Languages("ru", "en"))
    counts: Counter[str] = Counter()
    for path in args.files:
        for row in read_rows(path):
            out = diagnose(check, row)
            if out is None:
                continue
            stage, desc = out
            counts[stage] += 1
            print(f"{stage:18} {row['where']:32} {desc}", flush=True)
    print()
    for stage, n in sorted(counts.items()):
        print(f"{stage:18} {n}")
    print(f"{'rows':18} {sum(counts.values())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
