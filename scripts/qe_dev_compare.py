"""Compare QE deltas on the dev sets only: MLQE-PE ru-en dev and the held-out WMT21 news dev.

    python scripts/qe_dev_compare.py OLD.safetensors NEW.safetensors \
        [--news artifacts/garble/pseudo.jsonl] [--news-dev-share 0.1] [--mix]

For each delta (torch, fp32, the weights as shipped): Pearson r with DA z on ru-en dev (1,000
rows) and on the news dev set (the WMT21 DA rows whose source ``scripts/train_qe.py
--news-dev-share`` holds out of training; 821 rows at 0.1), word MCC at the file's threshold,
at the best dev threshold and at fixed P(BAD) floors, and the share of dev words above those
floors (how the calibration's confidence floors would read the model). ``--mix`` (two deltas of
one variant) adds r of the weighted mean of their sentence scores; ``--int8`` the int8 ONNX
runtime's figures on ru-en dev beside the fp32 ones. No test split is read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_qe import REPO, load_splits

from mtqa.qe.base import build_bert, build_tokenizer, find_base_file
from mtqa.qe.data import encode_row
from mtqa.qe.e5file import read_e5_file
from mtqa.qe.model import QEModel, apply_delta, read_delta
from mtqa.qe.train import best_threshold, evaluate, mcc, pearson, predict, word_probs

FLOORS = (0.4, 0.5, 0.6, 0.7)


def onnx_agreement(delta: Path, dev: list, fp32_scores, threshold: float, threads: int) -> dict:
    """The int8 ONNX model of ``delta`` (built in a fresh cache folder) on the same dev rows."""
    import tempfile
    import time

    from mtqa.qe.runtime import OnnxQE, QECache

    with tempfile.TemporaryDirectory(prefix="mtqa-qe-cmp-") as tmp:
        started = time.perf_counter()
        model = OnnxQE(delta=delta, cache=QECache(find_base_file(), root=Path(tmp)),
                       threads=threads, progress=lambda _: None)  # fmt: skip
        built = time.perf_counter() - started
        size = sum(f.stat().st_size for f in Path(tmp).rglob("*") if f.is_file())
        s, p = model.run([e.input_ids for e in dev])
    result = evaluate(dev, s, p, threshold)
    return {
        "int8_dev_r": round(result["pearson"], 4),
        "int8_dev_mcc": round(result["mcc"], 4),
        "r_fp32_int8": round(pearson(list(fp32_scores), list(s)), 4),
        "int8_build_s": round(built, 1),
        "int8_cache_mb": round(size / 1e6, 1),
    }


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("deltas", type=Path, nargs="+")
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--news", type=Path, default=REPO / "artifacts" / "garble" / "pseudo.jsonl")
    ap.add_argument("--news-dev-share", type=float, default=0.1)
    ap.add_argument("--mix", action="store_true", help="r of weighted means of two deltas' scores")
    ap.add_argument(
        "--int8", action="store_true", help="also the int8 ONNX runtime's dev r and MCC (agreement)"
    )
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    metas = [read_delta(p) for p in args.deltas]
    variants = {m["variant"] for _, m in metas}
    if len(variants) != 1:
        sys.exit("compare deltas of one variant")
    with_src = variants.pop() == "full"
    splits = load_splits(args.data, extras=[f"{args.news}:sentence"],
                         news_dev_share=args.news_dev_share)  # fmt: skip
    e5 = read_e5_file(find_base_file())
    tok = build_tokenizer(e5)
    sets = {
        name: [encode_row(r, tok, int(metas[0][1]["max_len"]), with_src) for r in rows]
        for name, rows in (
            ("dev", [r for r in splits["dev"] if r["lang_pair"] == "ru-en"]),
            ("news", splits["newsdev"]),
        )
    }
    device = torch.device("cpu")
    scores = []
    for path, (tensors, meta) in zip(args.deltas, metas):
        model = QEModel(build_bert(e5), meta["trained_layers"])
        apply_delta(model, tensors)
        dev = sets["dev"]
        s, p = predict(model, dev, e5.vocab.pad, device)
        ns, npb = predict(model, sets["news"], e5.vocab.pad, device)
        scores.append({"dev": s, "news": ns})
        tags = np.concatenate([np.asarray(e.tags) for e in dev])
        word = np.concatenate([word_probs(e, q) for e, q in zip(dev, p)])
        best = best_threshold(dev, p)
        int8 = onnx_agreement(path, dev, s, meta["threshold"], args.threads) if args.int8 else {}
        print(json.dumps({
            "delta": path.name, "trained_layers": meta["trained_layers"],
            "dev_r": round(evaluate(dev, s, p, meta["threshold"])["pearson"], 4),
            "news_dev_r": round(evaluate(sets["news"], ns, npb, meta["threshold"])["pearson"], 4),
            "threshold": meta["threshold"],
            "dev_mcc": round(mcc(tags, word >= meta["threshold"]), 4),
            "best_threshold": best, "dev_mcc_best": round(mcc(tags, word >= best), 4),
            "dev_mcc_at": {t: round(mcc(tags, word >= t), 4) for t in FLOORS},
            "dev_words_at": {t: round(float((word >= t).mean()), 4) for t in FLOORS},
            "rows": {k: len(v) for k, v in sets.items()}, **int8,
        }), flush=True)  # fmt: skip
    if args.mix and len(scores) == 2:
        for w in (0.25, 0.5, 0.75):
            print(json.dumps({"mix_weight_of_second": w, **{
                k: round(pearson(((1 - w) * scores[0][k] + w * scores[1][k]).tolist(),
                                 [float(e.score or 0.0) for e in v]), 4)
                for k, v in sets.items()}}))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
