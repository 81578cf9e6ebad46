"""Dump the adequacy check's wrong-sense candidates with WordNet coherence (tenth round).

    python scripts/wordnet_sense_probe.py --tuning tests/data/sense_tuning.tsv ... \
        --garble artifacts/garble/train.jsonl --limit 1500 --wmt21 --out build/wordnet-probe.jsonl
    python scripts/wordnet_sense_probe.py --load build/wordnet-probe.jsonl     # figures only
    python scripts/wordnet_sense_probe.py --speed 600     # the adequacy check, WordNet off / on

Every candidate of the learned decision (mtqa.checks.source.decision.sense_candidates) with its
probability and severity under the shipped decision, and the WordNet coherence
(mtqa.lexicon.wordnet) of the English word and of the decision's best alternative with the
sentence's other content words. A candidate is labelled positive when it overlaps a garbled span
(any hand-written family, or the generator's wrong_sense/calque/polarity/derivation), negative
otherwise; rows without spans are clean. Tuning material only (no test split is read). Prints
the AUC of the coherence gain over the candidates of each set, and for a grid of gate settings
(decision probability floor, coherence gain) how many garbled rows the gate adds beyond the
flags the check already raises and how many clean sentences it newly flags.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

POSITIVE = ("wrong_sense", "calque", "polarity", "derivation", "real_sense")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def tuning_rows(path: Path) -> list[dict]:
    from garble_recall import read_tests

    rows = read_tests(path)
    for r in rows:
        r["set"] = path.stem
        for sp in r["spans"]:
            sp["positive"] = True
    return rows


def garble_rows(path: Path, limit: int, seed: int) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    if any(r.get("split", "").startswith("test") for r in rows):
        raise SystemExit("wordnet_sense_probe: refusing a test split")
    random.Random(seed).shuffle(rows)
    out = []
    for r in rows[:limit]:
        if not r.get("src"):
            continue
        for sp in r["spans"]:
            sp["positive"] = sp["category"] in POSITIVE
        out.append(
            {"id": r["id"], "src": r["src"], "mt": r["mt"], "spans": r["spans"], "set": "garble"}
        )
    return out


def wmt21_rows() -> list[dict]:
    from clean_rates import articles

    from mtqa.io.readers import parse_article

    out = []
    for a in articles("wmt21"):
        for seg in parse_article(a.ref, a.doc_id, (a.doc_id + ".ru", a.src), None, "ru", "en"):
            if seg.src:
                out.append(
                    {"id": seg.id, "src": seg.src, "mt": seg.mt, "spans": [], "set": "wmt21"}
                )
    return out


def probe(rows: list[dict], out_path: Path) -> list[dict]:
    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.checks.source.decision import sense_candidates, vector
    from mtqa.lexicon.align import align
    from mtqa.lexicon.wordnet import Coherence, context_lemmas, load_wordnet
    from mtqa.types import Segment

    check = AdequacyCheck({})
    decision = check.decision
    assert decision is not None
    wn = load_wordnet()
    if wn is None:
        raise SystemExit("wordnet_sense_probe: no WordNet (apt-get install wordnet-base)")
    coh = Coherence(wn)
    records = []
    t0 = time.time()
    with open(out_path, "w", encoding="utf-8") as f:
        for k, r in enumerate(rows):
            seg = Segment(k, str(r["id"]), r["mt"], src=r["src"])
            flags = check.check_one(seg).flags
            al = align(check.lexicon, r["src"], r["mt"])
            words = [t.text for t in al.mt]
            cands = []
            for c in sense_candidates(check, seg, al):
                tok = al.mt[c.j]
                prob = decision.probability(vector(decision, c))
                ctx = coh.context(context_lemmas(words, c.j))
                w = coh.word_score(tok.text, ctx)
                a = coh.word_score(c.form, ctx)
                label = 0
                for sp in r["spans"]:
                    if sp["start"] < tok.end and tok.start < sp["end"]:
                        label = 1 if sp["positive"] else -1
                lo, hi = min(c.j, c.n), max(c.j, c.n)
                cands.append(
                    {
                        "word": tok.text,
                        "alt": c.form,
                        "start": al.mt[lo].start,
                        "end": al.mt[hi].end,
                        "label": label,
                        "prob": round(prob, 4),
                        "gain": round(c.gain, 3),
                        "sev": decision.severity(prob, c),
                        "wn_word": None if w is None else round(w, 4),
                        "wn_alt": None if a is None else round(a, 4),
                    }
                )
            rec = {
                "set": r["set"],
                "id": r["id"],
                "mt": r["mt"],
                "spans": [[s["start"], s["end"], s["category"], s["positive"]] for s in r["spans"]],
                "flags": [[fl.start, fl.end, fl.severity] for fl in flags],
                "cands": cands,
            }
            records.append(rec)
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            if (k + 1) % 200 == 0:
                log(f"{k + 1}/{len(rows)} rows, {(k + 1) / (time.time() - t0):.1f} rows/s")
    return records


def auc(pos: list[float], neg: list[float]) -> float | None:
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def wn_gain(c: dict) -> float | None:
    if c["wn_word"] is None or c["wn_alt"] is None:
        return None
    return float(c["wn_alt"] - c["wn_word"])


def report(records: list[dict]) -> None:
    sets = sorted({r["set"] for r in records})
    print("# AUC of the coherence gain, positive candidates vs negatives (known to WordNet)")
    for s in [*sets, "all-tuning"]:
        rs = [
            r
            for r in records
            if (r["set"] == s if s != "all-tuning" else r["set"] not in ("garble", "wmt21"))
        ]
        pos = [
            g for r in rs for c in r["cands"] if c["label"] == 1 and (g := wn_gain(c)) is not None
        ]
        neg = [
            g for r in rs for c in r["cands"] if c["label"] == 0 and (g := wn_gain(c)) is not None
        ]
        lm_pos = [c["gain"] for r in rs for c in r["cands"] if c["label"] == 1]
        lm_neg = [c["gain"] for r in rs for c in r["cands"] if c["label"] == 0]
        pr_pos = [c["prob"] for r in rs for c in r["cands"] if c["label"] == 1]
        pr_neg = [c["prob"] for r in rs for c in r["cands"] if c["label"] == 0]
        a, b, d = auc(pos, neg), auc(lm_pos, lm_neg), auc(pr_pos, pr_neg)
        print(
            f"{s:24s} pos {len(pos):4d} neg {len(neg):5d}  wordnet {a if a is None else round(a, 3)}"
            f"  lm-gain {b if b is None else round(b, 3)}  decision {d if d is None else round(d, 3)}"
        )
    print("# gate: flag a candidate the decision leaves unflagged when prob >= FLOOR and the")
    print(
        "# coherence gain >= GAIN; new garbled spans found (tuning files, garble) / new clean rows"
    )
    for floor in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5):
        for gain in (0.5, 1.0, 1.5, 2.0, 3.0):
            found = {"tuning": 0, "garble": 0}
            clean = {"tuning": 0, "garble": 0, "wmt21": 0}
            for r in records:
                kind = r["set"] if r["set"] in ("garble", "wmt21") else "tuning"
                new = [
                    c
                    for c in r["cands"]
                    if c["sev"] is None
                    and c["prob"] >= floor
                    and (g := wn_gain(c)) is not None
                    and g >= gain
                    and not any(c["start"] < e and s < c["end"] for s, e, _ in r["flags"])
                ]
                if not new:
                    continue
                if not r["spans"]:
                    clean[kind] += 1
                    continue
                for s0, e0, _, positive in r["spans"]:
                    hit = any(c["start"] < e0 and s0 < c["end"] for c in new)
                    already = any(s < e0 and s0 < e for s, e, _ in r["flags"])
                    if hit and not already and positive:
                        found[kind] += 1
            print(f"floor {floor:.1f} gain {gain:.1f}: found {found}  new clean {clean}")


def speed(n: int) -> None:
    """Sentences/s of the adequacy check alone on the first ``n`` WMT21 sentences with sources,
    WordNet off then on, twice (the second pass with warm caches)."""
    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.types import Segment

    rows = wmt21_rows()[:n]
    segs = [Segment(k, str(r["id"]), r["mt"], src=r["src"]) for k, r in enumerate(rows)]
    for attempt in (1, 2):
        for on in (0, 1):
            check = AdequacyCheck({"wordnet": on})
            check.run(segs[:5])  # loads the lexicon, the LM, the decision (and WordNet)
            t0 = time.time()
            check.run(segs[5:])
            dt = time.time() - t0
            print(
                f"pass {attempt}, wordnet {on}: {len(segs) - 5} sentences, {(len(segs) - 5) / dt:.0f}/s"
            )


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--tuning", type=Path, nargs="*", default=[])
    ap.add_argument("--garble", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--wmt21", action="store_true", help="the clean WMT21 references with sources")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "wordnet-probe.jsonl")
    ap.add_argument("--load", type=Path, default=None, help="report on an earlier dump")
    ap.add_argument("--speed", type=int, default=0, help="time the check on N WMT21 sentences")
    args = ap.parse_args()
    if args.speed:
        speed(args.speed)
        return 0
    if args.load:
        with open(args.load, encoding="utf-8") as f:
            records = [json.loads(line) for line in f]
    else:
        rows: list[dict] = []
        for p in args.tuning:
            rows += tuning_rows(p)
        if args.garble:
            rows += garble_rows(args.garble, args.limit, args.seed)
        if args.wmt21:
            rows += wmt21_rows()
        log(f"{len(rows)} rows")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        records = probe(rows, args.out)
    report(records)
    return 0


if __name__ == "__main__":
    sys.exit(main())
