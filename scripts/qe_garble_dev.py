"""Compare QE deltas on a synthetic garble dev set: do their word probabilities find the garbles?

    python scripts/qe_garble_dev.py artifacts/garble/dev.jsonl DELTA [DELTA ...] [--max-clean 0.08]

The dev set is scripts/make_garbles.py's ``dev.jsonl`` (MLQE-PE ru-en dev pairs garbled; never
trained on), so this is for choosing a model, not for reporting. For each delta (its variant
decides whether the source is read) it predicts P(BAD) for every word and prints:

- ``at_model``: at the delta's own threshold, the share of garbled spans with a word at or above
  it (recall per family and their mean) and the share of clean rows with any such word;
- ``at_budget``: the same at the lowest threshold that flags at most ``--max-clean`` of the
  clean rows (how much the model can find at a fixed false-alarm budget).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import numpy as np
import torch

from mtqa.qe.base import build_bert, build_tokenizer, find_base_file
from mtqa.qe.data import encode_row, read_rows
from mtqa.qe.e5file import read_e5_file
from mtqa.qe.model import QEModel, apply_delta, read_delta
from mtqa.qe.train import predict, word_probs


def recall_at(rows: list[dict], word: list[np.ndarray], t: float) -> dict:
    found: dict[str, list[bool]] = defaultdict(list)
    clean = []
    for row, w in zip(rows, word):
        tags = (row.get("mt_tags") or "").split()
        if not row.get("family"):
            clean.append(bool(len(w) and w.max() >= t))
            continue
        bad = [i for i, tag in enumerate(tags) if tag == "BAD" and i < len(w)]
        found[row["family"]].append(any(w[i] >= t for i in bad))
    per = {f: round(float(np.mean(v)), 3) for f, v in sorted(found.items())}
    return {
        "threshold": round(t, 3),
        "mean": round(float(np.mean(list(per.values()))), 3) if per else 0.0,
        "clean_flagged": round(float(np.mean(clean)), 3) if clean else 0.0,
        "recall": per,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("data", type=Path)
    ap.add_argument("deltas", type=Path, nargs="+")
    ap.add_argument("--max-clean", type=float, default=0.08)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    e5 = read_e5_file(find_base_file())
    tokenizer = build_tokenizer(e5)
    rows = read_rows([args.data])
    for delta in args.deltas:
        tensors, meta = read_delta(delta)
        model = QEModel(build_bert(e5), meta["trained_layers"])
        apply_delta(model, tensors)
        with_src = meta["variant"] == "full"
        examples = [encode_row(r, tokenizer, meta.get("max_len", 128), with_src) for r in rows]
        _, probs = predict(model, examples, e5.vocab.pad, torch.device("cpu"))
        word = [word_probs(e, p) for e, p in zip(examples, probs)]
        clean_top = np.array(
            [w.max() if len(w) else 0.0 for r, w in zip(rows, word) if not r.get("family")]
        )
        grid = np.round(np.arange(0.05, 0.996, 0.005), 3)
        ok = [t for t in grid if float((clean_top >= t).mean()) <= args.max_clean]
        budget = float(ok[0]) if ok else float(grid[-1])
        print(
            json.dumps(
                {
                    "delta": str(delta),
                    "variant": meta["variant"],
                    "at_model": recall_at(rows, word, float(meta["threshold"])),
                    "at_budget": recall_at(rows, word, budget),
                }
            ),
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
