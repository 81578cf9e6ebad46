"""Probe: does the neural model see the real wrong senses the trigram LM misses?

    python scripts/mine_postedit_senses.py --split dev --out build/postedit-dev.jsonl
    python scripts/postedit_neural_probe.py build/postedit-dev.jsonl [--clean 100] [--out DIR]

Reads rows mined from MLQE-PE post-edits (scripts/mine_postedit_senses.py; the ``dev`` split is
for selection, and nothing here is trained). Every row with a sense correction, and ``--clean``
seeded rows the post-editor left untouched, go through scripts/neural_sense_probe.py's
substitution (each judgeable English word replaced by the other dictionary renderings of its
source word; the QE model and the bare encoder score each variant against the source). A word's
margin per signal is its best alternative's gain; the trigram LM's is the adequacy check's PMI
gain of the same best alternative. Prints, per signal, the word-level AUC of the corrected words
against the words the post-editor kept (0.5: chance), and in how many correction rows the
corrected word has the sentence's largest margin. Also the QE model's own P(BAD) of the word in
the MT (no substitution): note that the QE model was trained on MLQE-PE train word tags, the same
kind of label.
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


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("mined", type=Path)
    ap.add_argument("--clean", type=int, default=100, help="untouched rows as more negatives")
    ap.add_argument("--per-word", type=int, default=6)
    ap.add_argument("--precision", default="int8", choices=["int8", "fp32"])
    ap.add_argument("--out", type=Path, default=Path("build/neuralsense"))
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    from neural_sense_probe import Neural, alt_signals, auc, score_pair

    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.lexicon.align import align

    with open(args.mined, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    if any(r.get("split") not in ("train", "dev") or not r.get("real") for r in rows):
        raise SystemExit("postedit_neural_probe: not a file of mined train/dev rows")
    with_sense = [r for r in rows if r["family"]]
    untouched = [r for r in rows if not r["spans"]]
    random.Random(args.seed).shuffle(untouched)
    chosen = with_sense + untouched[: args.clean]
    check = AdequacyCheck()
    args.out.mkdir(parents=True, exist_ok=True)
    neural = Neural(args.precision, args.out)
    t0 = time.perf_counter()
    words: list[dict] = []  # per judged word: label, per-signal margin
    for k, r in enumerate(chosen):
        res = score_pair(neural, check, r["src"], r["mt"], args.per_word)
        al = align(check.lexicon, r["src"], r["mt"])
        senses = [(s["start"], s["end"]) for s in r["spans"] if s["category"] == "real_sense"]
        edited = [(s["start"], s["end"]) for s in r["spans"] if s["category"] != "real_sense"]
        for j, w in res["words"].items():
            start = w["start"]
            end = start + len(w["word"])
            label = (
                1
                if any(a < end and start < b for a, b in senses)
                else -1
                if any(a < end and start < b for a, b in edited)
                else 0
            )
            if label < 0 or not w["alts"]:
                continue
            best = max(w["alts"], key=lambda a: a[2] + a[3])
            lm_gain = check._gain(al, int(j), int(j) + 1, [best[0]])
            p_bad = neural.qe_scores([r["src"]], [r["mt"]], [(start, end)])[0][1]
            words.append(
                {"row": k, "label": label, "alts": w["alts"], "lm": lm_gain, "p_bad": p_bad}
            )
        if k % 20 == 0:
            print(f"{k + 1}/{len(chosen)} rows {time.perf_counter() - t0:.0f}s", flush=True)
    data = {"wmt": [{"r": {"words": {str(n): {"alts": w["alts"]} for n, w in enumerate(words)}}}]}
    signals = alt_signals(data)
    pos = [w for w in words if w["label"] == 1]
    neg = [w for w in words if w["label"] == 0]
    report: dict[str, object] = {
        "rows": len(chosen),
        "rows_with_sense": len(with_sense),
        "corrections_judged": len(pos),
        "corrections": sum(
            1 for r in with_sense for s in r["spans"] if s["category"] == "real_sense"
        ),
        "kept_words_judged": len(neg),
        "rows_with_a_judged_correction": len({w["row"] for w in pos}),
        "seconds": round(time.perf_counter() - t0),
    }
    aucs: dict[str, object] = {}
    for name in ("qe", "pbad", "qe+pbad", "cos", "cos&qe+pbad", "word-l8", "word-l12"):
        fn = signals[name]
        for w in words:
            w[name] = max(fn(a) for a in w["alts"])
        top = 0
        for row in {w["row"] for w in pos}:
            in_row = [w for w in words if w["row"] == row]
            best = max(in_row, key=lambda w: w[name])
            top += best["label"] == 1
        aucs[name] = {
            "auc": round(auc([w[name] for w in pos], [w[name] for w in neg]), 3),
            "top_in_row": top,
        }
    lm_pos = [w["lm"] for w in pos if w["lm"] is not None]
    lm_neg = [w["lm"] for w in neg if w["lm"] is not None]
    aucs["trigram LM gain (same alternative)"] = {"auc": round(auc(lm_pos, lm_neg), 3)}
    pb_pos = [w["p_bad"] for w in pos if w["p_bad"] == w["p_bad"]]
    pb_neg = [w["p_bad"] for w in neg if w["p_bad"] == w["p_bad"]]
    aucs["QE P(BAD) of the MT word"] = {"auc": round(auc(pb_pos, pb_neg), 3)}
    report["signals"] = aucs
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
