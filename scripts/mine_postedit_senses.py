"""Mine real wrong senses from MLQE-PE ru-en post-edits, as rows for scripts/train_adequacy.py.

    python scripts/mine_postedit_senses.py --split train --out build/postedit-train.jsonl
    python scripts/mine_postedit_senses.py --split dev --out build/postedit-dev.jsonl [--show 20]

Reads the MLQE-PE ru-en ``train`` files (../shared/data/train) or the ``dev`` split of
../shared/data/eval/mlqe_pe_ru-en.jsonl; any other split is refused (test20/test21 are test
sets). Each row's MT tokens are labelled by mtqa.lexicon.postedits: ``sense`` when the post-editor
replaced a BAD word by another dictionary rendering (Mueller alone, not the mined lexicon) of its
source word, ``kept`` when tagged OK, ``other`` for the rest. Rows are written in the generator's
format (``src``, ``mt``, ``spans`` with ``category`` ``real_sense`` for sense corrections and
``postedit`` for other BAD words, which training leaves out) with ``real: true``. Prints the
counts as JSON; ``--show N`` prints N sense corrections (tuning material). ``--why`` also
counts, per sense correction, what keeps it from the learned decision: whether the adequacy check
makes the MT word a candidate at all (else the first stage that drops it: a word the check does
not judge, a linked word whose source word another English word renders too, a central rendering
that fits its neighbours, another reason), whether the candidate's best alternative is the
post-editor's word, and whether the trigram LM prefers the post-editor's word in place (the PMI
gain the check computes for an alternative: > 0).
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REAL_SENSE, POSTEDIT = "real_sense", "postedit"


def read_rows(data: Path, split: str) -> list[dict]:
    if split == "train":
        paths = sorted(glob.glob(str(data / "train" / "mlqe_pe_ru-en.train.part*.jsonl")))
    elif split == "dev":
        paths = [str(data / "eval" / "mlqe_pe_ru-en.jsonl")]
    else:
        raise SystemExit(f"mine_postedit_senses: split {split} is not a training/dev split")
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                if r.get("split") == split:
                    rows.append(r)
    if not rows:
        raise SystemExit(f"mine_postedit_senses: no {split} rows under {data}")
    return rows


def why(
    check: Any, seg: Any, al: Any, j: int, word: str, replacement: str, cands: dict
) -> tuple[str, str, str]:
    """(stage, LM's view, best alternative) of one sense correction at MT word ``j`` (--why)."""
    from mtqa.checks.source.adequacy import _inflect_like
    from mtqa.lexicon.lemmas import en_lemma_set

    if j in cands:
        stage = "candidate"
    elif not check._judgeable(al, j):
        stage = "not judged (function word, name, unknown to the LM...)"
    elif al.partners_of_mt(j):
        own = [i for i in al.partners_of_mt(j) if check._renders_alone(al, i, j)]
        if not own:
            stage = "linked; its source word rendered by another English word too"
        elif any(en_lemma_set(word) & check._central(al.src[i].text) for i in own):
            stage = "linked; a central rendering that fits its neighbours"
        else:
            stage = "linked; no alternative scored"
    else:
        stage = "unlinked; no alternative scored"
    lemmas = sorted(en_lemma_set(replacement))
    form = _inflect_like(lemmas[0], word) if lemmas else replacement
    gain = check._gain(al, j, j + 1, [form])
    lm = check.lm
    if gain is None:
        view = "LM does not know a word"
    else:
        gain -= (lm.unigram(form.lower()) or 0.0) - (lm.unigram(word.lower()) or 0.0)
        view = "LM prefers the post-edit word" if gain > 0 else "LM prefers the MT word"
    best = ""
    if j in cands:
        same = en_lemma_set(cands[j].form) & en_lemma_set(replacement)
        best = "best alternative is the post-edit word" if same else "another best alternative"
    return stage, view, best


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--split", choices=("train", "dev"), default="train")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--show", type=int, default=0, help="print this many sense corrections")
    ap.add_argument("--seed", type=int, default=0, help="which examples --show picks")
    ap.add_argument("--why", action="store_true", help="count what keeps corrections unflagged")
    args = ap.parse_args()

    from mtqa.checks.source.adequacy import AdequacyCheck
    from mtqa.checks.source.decision import sense_candidates
    from mtqa.lexicon.align import align
    from mtqa.lexicon.lookup import load_lexicon
    from mtqa.lexicon.postedits import KEPT, OTHER, SENSE, label_postedit
    from mtqa.types import Segment

    dictionary = load_lexicon(mined=False)
    if not dictionary.names:
        raise SystemExit("mine_postedit_senses: no dictionary (install mueller7-dict)")
    check = AdequacyCheck({"learned_decision": 0})
    rows = read_rows(args.data, args.split)
    counts: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    examples: list[dict] = []
    t0 = time.time()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        for k, r in enumerate(rows):
            al = align(check.lexicon, r["src"], r["mt"])
            labels = label_postedit(dictionary, al, r["mt"], r["mt_tok"], r["mt_tags"], r["pe"])
            spans = []
            for w in labels:
                counts[w.label] += 1
                if w.label == KEPT:
                    continue
                spans.append(
                    {
                        "start": w.start,
                        "end": w.end,
                        "category": REAL_SENSE if w.label == SENSE else POSTEDIT,
                    }
                )
                if w.label == SENSE and args.why:
                    j = next(
                        (n for n, t in enumerate(al.mt) if t.start < w.end and w.start < t.end),
                        None,
                    )
                    if j is not None:
                        seg = Segment(k, str(k), r["mt"], src=r["src"])
                        cands = {c.j: c for c in sense_candidates(check, seg, al)}
                        for part in why(check, seg, al, j, w.word, w.replacement, cands):
                            if part:
                                reasons[part] += 1
                if w.label == SENSE:
                    examples.append(
                        {
                            "id": r["id"],
                            "mt_word": w.word,
                            "pe_word": w.replacement,
                            "src_word": w.source,
                            "mt": r["mt"],
                        }
                    )
            counts["rows"] += 1
            counts["rows_with_sense"] += any(w.label == SENSE for w in labels)
            rec = {
                "id": r["id"],
                "split": args.split,
                "real": True,
                "src": r["src"],
                "mt": r["mt"],
                "spans": spans,
                "family": REAL_SENSE if any(w.label == SENSE for w in labels) else None,
            }
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            if (k + 1) % 1000 == 0:
                print(
                    f"[mine {k + 1}/{len(rows)} rows, {time.time() - t0:.0f} s]",
                    file=sys.stderr,
                    flush=True,
                )
    report = {
        "split": args.split,
        "rows": counts["rows"],
        "rows_with_sense": counts["rows_with_sense"],
        "words": {SENSE: counts[SENSE], KEPT: counts[KEPT], OTHER: counts[OTHER]},
    }
    if args.why:
        report["why"] = dict(reasons.most_common())
    print(json.dumps(report, ensure_ascii=False))
    if args.show:
        rng = random.Random(args.seed)
        for ex in rng.sample(examples, min(args.show, len(examples))):
            print(f"{ex['id']}\t{ex['mt_word']} -> {ex['pe_word']}\t«{ex['src_word']}»\t{ex['mt']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
