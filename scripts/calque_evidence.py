"""What the twelfth round's three kinds of calque evidence find, and what they cost on clean text.

    python scripts/calque_evidence.py acronyms [--clean CLEAN.jsonl] [--known-zipf 1.0]
    python scripts/calque_evidence.py rare-pairs [--min-zipf 3.0] [--tuning TSV] [--alternative]
    python scripts/calque_evidence.py phrases [--min-count 3] [--min-dice 0.5]

``acronyms``: the source check's acronym finding (names.acronym_findings) on the WMT21 ru-en
references (1,000 distinct sources, professional translations), on the WMT21 system outputs (flags
split by whether the reference spells the acronym the same way) and, given ``--clean``, on a
JSONL of clean (src, mt) pairs.

``rare-pairs`` (mechanism 1, measured, not in the product): a source adjective + noun rendered by
two adjacent lowercase English words, each a dictionary rendering of its source word and as common
as ``--min-zipf``, which the frequent-bigram list lacks and the trigram LM has not seen with a PMI
of 0 or more. Prints the sentences of the WMT21 references it fires on and the recall of the
tuning rows (``--tuning``, hand-written, family/src/mt/span). ``--alternative`` also asks for a
pair of other renderings of the two source words that the frequent-bigram list has (the
suggestion).

``phrases`` (mechanism 2, measured, not shipped): adjacent Russian lemma pairs (adjective or noun,
then a noun) of MLQE-PE ru-en train sources, and the English content lemma or adjacent pair of
the post-edit that renders them (Dice); how many phrases the data yields and how many of their
renderings are not word for word.

Tuning material only (WMT21, MLQE-PE train, hand-written tuning rows); never run it on a test split.
"""

from __future__ import annotations

import argparse
import glob
import itertools
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import regex

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared/data"
# A word of either language, with inner apostrophes and hyphens.
WORD = regex.compile(r"\p{L}+(?:['\-]\p{L}+)*")


def wmt21_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted(glob.glob(str(DATA / "eval/wmt21_da_ru-en_news.part*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            rows += [json.loads(line) for line in f if line.strip()]
    if not rows:
        sys.exit(f"no WMT21 ru-en files under {DATA / 'eval'}")
    return rows


def wmt21_references() -> list[tuple[str, str]]:
    """(src, ref) of each distinct WMT21 source, in file order."""
    seen: dict[str, str] = {}
    for r in wmt21_rows():
        seen.setdefault(r["src"], r["ref"])
    return list(seen.items())


def tsv_rows(path: Path) -> Iterator[tuple[str, str, str, str]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            family, src, mt, span = (line.rstrip("\n").split("\t") + ["", "", ""])[:4]
            yield family, src, mt, span


def acronyms(args: argparse.Namespace) -> None:
    from mtqa.checks.source.names import acronym_findings

    def run(pairs: list[tuple[str, str]], label: str) -> None:
        words: Counter[str] = Counter()
        flagged = 0
        for src, mt in pairs:
            found = acronym_findings(src, mt, args.known_zipf)
            flagged += bool(found)
            words.update(mt[f.start : f.end] for f in found)
        print(f"{label}: {flagged} of {len(pairs)} sentences flagged; {dict(words)}")

    run(wmt21_references(), "WMT21 references")
    if args.clean:
        with open(args.clean, encoding="utf-8") as f:
            clean = [json.loads(line) for line in f if line.strip()]
        run([(r["src"], r.get("mt") or r["ref"]) for r in clean], f"clean pairs ({args.clean})")
    differs: Counter[str] = Counter()
    same: Counter[str] = Counter()
    for r in wmt21_rows():
        for f in acronym_findings(r["src"], r["mt"], args.known_zipf):
            word = r["mt"][f.start : f.end]
            (same if word in r["ref"] else differs)[word] += 1
    print(f"WMT21 outputs: reference spells it otherwise {dict(differs)}; the same {dict(same)}")


def rare_pairs(args: argparse.Namespace) -> None:
    from mtqa.checks.lm import common_bigrams, pmi
    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.lexicon.frequency import zipf
    from mtqa.lexicon.lemmas import en_lemma_set, ru_lemmas

    check = AdequacyCheck()
    lex, lm, bigrams = check.lexicon, check.lm, common_bigrams()
    if bigrams is None:
        sys.exit("symspellpy is not installed: no frequent-bigram list")

    def pairs(src: str, mt: str) -> list[str]:
        ru = [(w, {lem.pos for lem in ru_lemmas(w)}) for w in WORD.findall(src)]
        en = list(WORD.finditer(mt))
        out = []
        for (w1, p1), (w2, p2) in itertools.pairwise(ru):
            if "ADJ" not in p1 or "NOUN" not in p2:
                continue
            r1, r2 = set(lex.renderings(w1)), set(lex.renderings(w2))
            for a, b in itertools.pairwise(en):
                t1, t2 = a.group(), b.group()
                if mt[a.end() : b.start()].strip() or not (en_lemma_set(t1) & r1):
                    continue
                if not en_lemma_set(t2) & r2 or not (t1.islower() or a.start() == 0):
                    continue
                if not t2.islower() or bigrams.has(t1, t2):
                    continue
                if min(zipf(t1), zipf(t2)) < args.min_zipf:
                    continue
                if check._seen_words(t1, t2):  # both words known to the model
                    value = pmi(lm, t1.lower(), None, t2.lower())
                    if value is not None and value >= 0.0:
                        continue
                if args.alternative and not any(
                    bigrams.has(x, y) and (x, y) != (t1.lower(), t2.lower())
                    for x in r1
                    for y in r2
                    if " " not in x + y
                ):
                    continue
                out.append(f"{t1} {t2}")
        return out

    refs = wmt21_references()
    fired = 0
    for src, ref in refs:
        found = pairs(src, ref)
        if found:
            fired += 1
            print(f"  clean: {found} | {ref[:120]}")
    print(f"WMT21 references: {fired} of {len(refs)} sentences would be flagged")
    for path in args.tuning:
        hit = total = clean = clean_fired = 0
        for family, src, mt, span in tsv_rows(Path(path)):
            found = pairs(src, mt)
            if family == "clean":
                clean += 1
                clean_fired += bool(found)
            elif family != "acronym":
                total += 1
                hit += any(span.lower() in f.lower() or f.lower() in span.lower() for f in found)
        print(f"{path}: {hit} of {total} garbled spans found; {clean_fired} of {clean} clean rows")


def phrases(args: argparse.Namespace) -> None:
    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.lexicon.lemmas import en_lemmas, ru_lemmas

    pairs = []
    for path in sorted(glob.glob(str(DATA / "train/mlqe_pe_ru-en.train*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row.get("split") == "train" and row.get("pe"):
                    pairs.append((row["src"], row["pe"]))
    if not pairs:
        sys.exit(f"no MLQE-PE ru-en train rows under {DATA / 'train'}")

    def first(lemmas: Any, w: str) -> tuple[str, str]:
        return (lemmas[0].lemma, lemmas[0].pos) if lemmas else (w.lower(), "X")

    c_ru: Counter[str] = Counter()
    c_en: Counter[str] = Counter()
    c_pair: Counter[tuple[str, str]] = Counter()
    for src, pe in pairs:
        ru = [first(ru_lemmas(w), w) for w in WORD.findall(src)]
        en = [first(en_lemmas(w), w) for w in WORD.findall(pe)]
        keys = {
            f"{a[0]} {b[0]}"
            for a, b in itertools.pairwise(ru)
            if a[1] in ("ADJ", "NOUN") and b[1] == "NOUN"
        }
        content = [e for e in en if e[1] not in ("FUNC", "X")]
        targets = {e[0] for e in content} | {
            f"{a[0]} {b[0]}"
            for a, b in itertools.pairwise(en)
            if a[1] not in ("FUNC", "X") and b[1] not in ("FUNC", "X")
        }
        c_ru.update(keys)
        c_en.update(targets)
        c_pair.update((k, t) for k in keys for t in targets)
    best: dict[str, tuple[float, int, str]] = {}
    for (k, t), n in c_pair.items():
        if n < args.min_count:
            continue
        dice = 2.0 * n / (c_ru[k] + c_en[t])
        if dice >= args.min_dice and (k not in best or (dice, n) > best[k][:2]):
            best[k] = (dice, n, t)
    lex = AdequacyCheck().lexicon
    kinds: Counter[str] = Counter()
    for k, (dice, n, t) in sorted(best.items()):
        r1, r2 = k.split()
        e = t.split()
        if len(e) == 2 and e[0] in lex.renderings(r1) and e[1] in lex.renderings(r2):
            kind = "word for word"
        elif len(e) == 1 and (t in lex.renderings(r1) or t in lex.renderings(r2)):
            kind = "one word of it"
        else:
            kind = "other"
            print(f"  {k} -> {t} (Dice {dice:.2f}, {n})")
        kinds[kind] += 1
    for path in args.tuning:
        rows = covered = 0
        for family, src, _, _ in tsv_rows(Path(path)):
            if family in ("clean", "acronym"):
                continue
            ru = [first(ru_lemmas(w), w) for w in WORD.findall(src)]
            keys = {f"{a[0]} {b[0]}" for a, b in itertools.pairwise(ru)}
            rows += 1
            covered += bool(keys & best.keys())
        print(f"{path}: {covered} of {rows} garbled rows hold a phrase with a mined rendering")
    seen = sum(1 for v in c_ru.values() if v >= args.min_count)
    print(
        f"{len(pairs)} sentence pairs; {len(c_ru)} Russian two-word phrases, {seen} seen "
        f"{args.min_count}+ times; {len(best)} with a rendering of Dice >= {args.min_dice}: "
        f"{dict(kinds)}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    sub = ap.add_subparsers(dest="what", required=True)
    a = sub.add_parser("acronyms")
    a.add_argument("--clean", default=None, help="JSONL of clean pairs (src, mt)")
    a.add_argument("--known-zipf", type=float, default=1.0)
    r = sub.add_parser("rare-pairs")
    r.add_argument("--min-zipf", type=float, default=3.0)
    r.add_argument("--tuning", nargs="*", default=[str(ROOT / "tests/data/calque_tuning5.tsv")])
    r.add_argument("--alternative", action="store_true")
    p = sub.add_parser("phrases")
    p.add_argument("--min-count", type=int, default=3)
    p.add_argument("--min-dice", type=float, default=0.5)
    p.add_argument("--tuning", nargs="*", default=[str(ROOT / "tests/data/calque_tuning5.tsv")])
    args = ap.parse_args()
    {"acronyms": acronyms, "rare-pairs": rare_pairs, "phrases": phrases}[args.what](args)


if __name__ == "__main__":
    main()
