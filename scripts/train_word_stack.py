"""Train the stacked word tagger of the ``qe`` check (mtqa/qe/stack.py) on MLQE-PE ru-en tags.

    python scripts/train_word_stack.py extract --cache /tmp/stack/raw      # model runs, cached
    python scripts/train_word_stack.py fit --cache /tmp/stack/raw --out mtqa/data/qe/word-stack.json
    python scripts/train_word_stack.py test --cache /tmp/stack/raw --stack mtqa/data/qe/word-stack.json

A second stage over the shipped QE model's word P(BAD): per MT word, cheap features the check
has at hand (the word's and its neighbours' P(BAD), the sentence's score and P(BAD) profile,
lexical facts, and with a source the dictionary aligner's links), combined by a logistic
regression whose weights ship as JSON and are evaluated with numpy.

- ``extract`` runs the int8 ONNX model (both variants) once over ru-en train, dev, test20 and
  test21 and caches each row's sentence score and word P(BAD) under ``--cache`` (JSON lines per
  split and variant); a later run reuses what is there. Progress goes to ``--log``.
- ``fit`` computes the stack features (cached too, ``features-<variant>-<split>.npz``), fits on
  the chosen fitting material, picks the regularisation and the threshold by word MCC on ru-en
  dev (never a test split) and writes the JSON. The shipped model was fitted on ``dev`` by
  5-fold cross-validation (the QE model was trained on the train rows, so its P(BAD) there is
  over-confident: ``--fit-on train`` is kept to show it).
- ``test`` scores test20 and test21 once, raw P(BAD) against the stack, at the dev thresholds.

Word MCC is computed on the official ``mt_tok`` tokens: a token's probability is the highest of
the check's words that overlap it (as ``mtqa evaluate`` turns flags into tags).
Seeded (``--seed``); every number goes to the log.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
SPLITS = ("train", "dev", "test20", "test21")
VARIANTS = ("full", "target")
# ru-en train rows whose translation reappears in test20/test21 (as scripts/train_qe.py).
OVERLAP = {"mlqe-pe.ru-en.train.1419", "mlqe-pe.ru-en.train.1581", "mlqe-pe.ru-en.train.1914"}

_LOG: Any = None


def log(msg: str) -> None:
    line = f"{time.strftime('%H:%M:%S')} {msg}"
    print(line, flush=True)
    if _LOG is not None:
        _LOG.write(line + "\n")
        _LOG.flush()


def read_split(split: str) -> list[dict[str, Any]]:
    if split == "train":
        paths = sorted((DATA / "train").glob("mlqe_pe_ru-en.train.part*.jsonl"))
    else:
        paths = [DATA / "eval" / "mlqe_pe_ru-en.jsonl"]
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row.get("split") == split and row["id"] not in OVERLAP and row.get("mt_tok"):
                    rows.append(row)
    return rows


def raw_path(cache: Path, variant: str, split: str) -> Path:
    return cache / f"raw-{variant}-{split}.jsonl"


def extract(args: argparse.Namespace) -> None:
    from mtqa.qe.runtime import OnnxQE

    args.cache.mkdir(parents=True, exist_ok=True)
    for variant in args.variants:
        model = OnnxQE(variant, precision="int8", threads=args.threads)
        for split in args.splits:
            out = raw_path(args.cache, variant, split)
            if out.exists():
                log(f"extract {variant} {split}: cached {out}")
                continue
            rows = read_split(split)
            t0 = time.time()
            part = out.with_suffix(".part")
            with open(part, "w", encoding="utf-8") as f:
                for b in range(0, len(rows), 200):
                    batch = rows[b : b + 200]
                    srcs = [r["src"] for r in batch] if variant == "full" else None
                    outs = model.predict([r["mt"] for r in batch], srcs)
                    for r, o in zip(batch, outs):
                        words = [[w.start, w.end, round(w.p_bad, 5)] for w in o.words]
                        f.write(
                            json.dumps({"id": r["id"], "score": o.score, "words": words}) + "\n"
                        )
                    done = b + len(batch)
                    rate = done / max(time.time() - t0, 1e-9)
                    log(f"extract {variant} {split}: {done}/{len(rows)} rows, {rate:.1f}/s")
            part.rename(out)


def load_raw(cache: Path, variant: str, split: str) -> dict[str, Any]:
    from mtqa.qe.predict import QEOutput, WordProb

    out = {}
    with open(raw_path(cache, variant, split), encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line)
            words = tuple(WordProb(int(s), int(e), float(p)) for s, e, p in obj["words"])
            out[obj["id"]] = QEOutput(float(obj["score"]), words)
    return out


# -- features -------------------------------------------------------------------------------


def features_path(cache: Path, variant: str, split: str) -> Path:
    return cache / f"features-{variant}-{split}.npz"


def featurise(cache: Path, variant: str, split: str) -> dict[str, np.ndarray]:
    """Stack features of every word of a split (cached), word labels (BAD when a gold BAD token
    overlaps the word), row ids per word, and the official tokens' gold tags with the words each
    token overlaps (for MCC on ``mt_tok``)."""
    from mtqa.evaluate.metrics import token_offsets
    from mtqa.qe.stack import source_evidence, word_features

    path = features_path(cache, variant, split)
    if path.exists():
        with np.load(path) as z:
            return {k: z[k] for k in z.files}
    from mtqa.checks.lm import english_lm

    raw = load_raw(cache, variant, split)
    other = load_raw(cache, "target" if variant == "full" else "full", split)
    lm = english_lm()
    rows = read_split(split)
    xs, ys, row_of = [], [], []
    tok_gold, tok_row, pair_tok, pair_word = [], [], [], []
    n_words = n_toks = 0
    t0 = time.time()
    for r_i, row in enumerate(rows):
        out = raw[row["id"]]
        spans = [(w.start, w.end) for w in out.words]
        probs = [w.p_bad for w in out.words]
        src = source_evidence(row["src"], row["mt"], spans) if variant == "full" else None
        p_other = [w.p_bad for w in other[row["id"]].words]
        if [(w.start, w.end) for w in other[row["id"]].words] != spans:
            p_other = None  # truncated differently: the feature stays 0
        xs.append(word_features(row["mt"], spans, probs, out.score, src, p_other, lm))
        tags = [t == "BAD" for t in row["mt_tags"].split()]
        offsets = token_offsets(row["mt"], row["mt_tok"].split())
        label = [False] * len(spans)
        for _t_i, (off, bad) in enumerate(zip(offsets, tags)):
            tok_gold.append(bad)
            tok_row.append(r_i)
            if off is None:
                n_toks += 1
                continue
            for w_i, (s, e) in enumerate(spans):
                if s < off[1] and off[0] < e:
                    pair_tok.append(n_toks)
                    pair_word.append(n_words + w_i)
                    label[w_i] = label[w_i] or bad
            n_toks += 1
        ys.extend(label)
        row_of.extend([r_i] * len(spans))
        n_words += len(spans)
        if (r_i + 1) % 500 == 0:
            log(f"features {variant} {split}: {r_i + 1}/{len(rows)} rows, {time.time() - t0:.0f}s")
    data = {
        "x": np.concatenate(xs) if xs else np.zeros((0, 0), np.float32),
        "y": np.asarray(ys, bool),
        "row": np.asarray(row_of, np.int32),
        "tok_gold": np.asarray(tok_gold, bool),
        "tok_row": np.asarray(tok_row, np.int32),
        "pair_tok": np.asarray(pair_tok, np.int32),
        "pair_word": np.asarray(pair_word, np.int32),
    }
    np.savez_compressed(path, **data)
    log(f"features {variant} {split}: {len(rows)} rows, {n_words} words, {n_toks} tokens -> {path}")
    return data


def token_probs(data: dict[str, np.ndarray], word_p: np.ndarray) -> np.ndarray:
    """Per official token: the highest probability of the words it overlaps (0 where none)."""
    out = np.zeros(len(data["tok_gold"]), np.float64)
    np.maximum.at(out, data["pair_tok"], word_p[data["pair_word"]])
    return out


def mcc(gold: np.ndarray, pred: np.ndarray) -> float:
    tp = float(np.sum(gold & pred))
    tn = float(np.sum(~gold & ~pred))
    fp = float(np.sum(~gold & pred))
    fn = float(np.sum(gold & ~pred))
    denom = math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn))
    return 0.0 if denom == 0 else (tp * tn - fp * fn) / denom


GRID = np.round(np.arange(0.05, 0.951, 0.01), 2)


def best_mcc(gold: np.ndarray, probs: np.ndarray) -> tuple[float, float]:
    """(best MCC, its threshold) over :data:`GRID`."""
    scores = [(mcc(gold, probs >= t), float(t)) for t in GRID]
    return max(scores)


# -- fitting --------------------------------------------------------------------------------


def feature_set(variant: str, which: str) -> list[str]:
    from mtqa.qe.stack import FEATURES, SOURCE_FEATURES

    lexical = {"is_punct", "is_function", "has_digit", "is_capitalised", "zipf", "log_chars"}
    lexical |= {"non_latin"}
    lm = {"lm_logp", "lm_pmi", "lm_next_pmi", "lm_unknown"}
    other = {"p_other", "p_other_window_max"}
    feats = [f for f in FEATURES if variant == "full" or f not in SOURCE_FEATURES]
    if which != "all+other" or variant == "target":
        feats = [f for f in feats if f not in other]
    if which == "no-lm":
        feats = [f for f in feats if f not in lm]
    if which == "no-source":
        feats = [f for f in feats if f not in SOURCE_FEATURES]
    elif which == "model-only":
        feats = [f for f in feats if f not in SOURCE_FEATURES and f not in lexical and f not in lm]
    return feats


def fit_lr(x: np.ndarray, y: np.ndarray, c: float, seed: int) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    lr = LogisticRegression(C=c, max_iter=2000, random_state=seed)
    lr.fit((x - mean) / scale, y)
    return {
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "weights": lr.coef_[0].tolist(),
        "bias": float(lr.intercept_[0]),
    }


def lr_probs(params: dict[str, Any], x: np.ndarray) -> np.ndarray:
    z = ((x - np.asarray(params["mean"])) / np.asarray(params["scale"])) @ np.asarray(
        params["weights"]
    ) + params["bias"]
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def folds_of(rows: np.ndarray, k: int, seed: int) -> np.ndarray:
    """Fold index per word: whole rows go to one fold (seeded)."""
    n = int(rows.max()) + 1
    fold_of_row = np.random.default_rng(seed).permutation(n) % k
    return fold_of_row[rows]


def oof_probs(
    data: dict[str, np.ndarray], cols: list[int], model: str, c: float, seed: int, k: int = 5
) -> np.ndarray:
    """Out-of-fold word probabilities on one split (k folds by row)."""
    x, y = data["x"][:, cols].astype(np.float64), data["y"]
    fold = folds_of(data["row"], k, seed)
    out = np.zeros(len(y))
    for f in range(k):
        train, test = fold != f, fold == f
        if model == "lr":
            out[test] = lr_probs(fit_lr(x[train], y[train], c, seed), x[test])
        else:
            from sklearn.ensemble import HistGradientBoostingClassifier

            gb = HistGradientBoostingClassifier(
                max_depth=3, learning_rate=0.05, max_iter=int(c), random_state=seed
            )
            gb.fit(x[train], y[train])
            out[test] = gb.predict_proba(x[test])[:, 1]
    return out


def fit(args: argparse.Namespace) -> None:
    from mtqa.qe.stack import FEATURES, to_json

    variants: dict[str, dict[str, Any]] = {}
    for variant in args.variants:
        dev = featurise(args.cache, variant, "dev")
        gold = dev["tok_gold"]
        raw_mcc, raw_t = best_mcc(gold, token_probs(dev, dev["x"][:, FEATURES.index("p")]))
        log(f"{variant} dev raw P(BAD): MCC {raw_mcc:.4f} at {raw_t:.2f}")
        results = []
        for which in args.sets:
            # without a source there is neither source evidence nor the source-aware model
            if variant == "target" and which in ("no-source", "all+other"):
                continue
            feats = feature_set(variant, which)
            cols = [FEATURES.index(f) for f in feats]
            for c in (0.01, 0.1, 1.0):
                p = oof_probs(dev, cols, "lr", c, args.seed)
                m, t = best_mcc(gold, token_probs(dev, p))
                log(f"{variant} dev 5-fold LR {which} C={c}: MCC {m:.4f} at {t:.2f}")
                results.append((m, which, c, t))
            if args.gbt and which == "all":
                for iters in (100, 300):
                    p = oof_probs(dev, cols, "gbt", iters, args.seed)
                    m, t = best_mcc(gold, token_probs(dev, p))
                    log(
                        f"{variant} dev 5-fold GBT(depth 3) {which} iters={iters}: MCC {m:.4f} at {t:.2f}"
                    )
        if args.fit_on == "train" or args.compare_train:
            train = featurise(args.cache, variant, "train")
            for which in ("all", "model-only"):
                feats = feature_set(variant, which)
                cols = [FEATURES.index(f) for f in feats]
                params = fit_lr(train["x"][:, cols].astype(np.float64), train["y"], 1.0, args.seed)
                p = lr_probs(params, dev["x"][:, cols].astype(np.float64))
                m, t = best_mcc(gold, token_probs(dev, p))
                log(f"{variant} fit on train, LR {which} C=1: dev MCC {m:.4f} at {t:.2f}")
        best = max(results)
        m, which, c, t = best
        gain = m - raw_mcc
        log(
            f"{variant} chosen: LR {which} C={c}, dev 5-fold MCC {m:.4f} at {t:.2f} "
            f"(raw {raw_mcc:.4f}, gain {gain:+.4f})"
        )
        feats = feature_set(variant, which)
        cols = [FEATURES.index(f) for f in feats]
        # the map back onto the model's scale: matched quantiles of the out-of-fold stacked
        # probabilities and of the model's P(BAD) over dev words, dense in the upper tail
        # where the flag levels and floors sit
        oof = oof_probs(dev, cols, "lr", c, args.seed)
        raw = dev["x"][:, FEATURES.index("p")].astype(np.float64)
        levels = np.unique(
            np.concatenate([np.linspace(0, 0.9, 46), 1 - np.geomspace(0.1, 1e-4, 40), [1.0]])
        )
        knots_stack = np.maximum.accumulate(np.quantile(oof, levels))
        knots_model = np.maximum.accumulate(np.quantile(raw, levels))
        knots_stack, keep = np.unique(knots_stack, return_index=True)
        knots_model = knots_model[keep]
        # beyond what dev saw, towards 1 (an untranslated word the stack is sure of stays
        # critical); and from 0
        if knots_stack[-1] < 1.0:
            knots_stack, knots_model = np.append(knots_stack, 1.0), np.append(knots_model, 1.0)
        if knots_stack[0] > 0.0:
            knots_stack, knots_model = (
                np.insert(knots_stack, 0, 0.0),
                np.insert(knots_model, 0, 0.0),
            )
        threshold = float(np.interp(t, knots_stack, knots_model))
        mapped = np.interp(oof, knots_stack, knots_model)
        m_mapped, t_mapped = best_mcc(gold, token_probs(dev, mapped))
        log(
            f"{variant} on the model's scale: threshold {threshold:.4f} "
            f"(grid best {m_mapped:.4f} at {t_mapped:.2f})"
        )
        if gain < args.min_gain:
            log(f"{variant}: gain {gain:+.4f} < {args.min_gain}: not shipped")
            continue
        params = fit_lr(dev["x"][:, cols].astype(np.float64), dev["y"], c, args.seed)
        variants[variant] = {
            "features": feats,
            **params,
            "threshold": round(threshold, 4),
            "knots_stack": [round(float(k), 6) for k in knots_stack],
            "knots_model": [round(float(k), 6) for k in knots_model],
            "dev": {
                "mcc_stack_5fold": round(m, 4),
                "mcc_raw": round(raw_mcc, 4),
                "raw_threshold": raw_t,
                "stack_threshold": t,
                "C": c,
                "features": which,
            },
        }
    if args.out:
        about = (
            "Stacked word tagger over the QE model's P(BAD) (mtqa/qe/stack.py): logistic regression "
            "fitted on MLQE-PE ru-en dev tags by scripts/train_word_stack.py (5-fold "
            "cross-validated choice of features and C); probabilities mapped back onto the "
            "model's P(BAD) scale by rank on dev; threshold = best 5-fold word MCC on dev. "
            "Variants whose dev gain over the raw P(BAD) was under "
            f"{args.min_gain} MCC are left out (the check then uses the raw P(BAD))."
        )
        args.out.write_text(to_json(variants, about), encoding="utf-8")
        log(f"wrote {args.out}")


def test(args: argparse.Namespace) -> None:
    """test20 and test21, once: the raw P(BAD) and the stack, at the thresholds chosen on dev
    and at the calibration's confidence floors (``--floors``: with and without a source)."""
    from mtqa.qe.runtime import OnnxQE
    from mtqa.qe.stack import FEATURES, parse_stack

    stack = parse_stack(args.stack.read_bytes(), str(args.stack))
    floors = {"full": args.floors[0], "target": args.floors[1]}
    for variant in args.variants:
        v = stack.variant(variant)
        if v is None:
            log(f"{variant}: not in {args.stack}")
            continue
        raw_t = float(OnnxQE(variant, precision="int8", threads=1).threshold)
        for split in ("dev", "test20", "test21"):
            data = featurise(args.cache, variant, split)
            gold = data["tok_gold"]
            raw = token_probs(data, data["x"][:, FEATURES.index("p")].astype(np.float64))
            stacked = token_probs(data, v.levels(data["x"]))
            f = floors[variant]
            log(
                f"{variant} {split}: MCC raw {mcc(gold, raw >= raw_t):.4f} (model threshold "
                f"{raw_t:.2f}), stack {mcc(gold, stacked >= v.threshold):.4f} (threshold "
                f"{v.threshold:.3f}); at floor {f}: raw {mcc(gold, raw >= f):.4f} "
                f"({np.mean(raw >= f):.4f} of tokens), stack {mcc(gold, stacked >= f):.4f} "
                f"({np.mean(stacked >= f):.4f})"
                + (" [dev: the stack's figure is in-sample]" if split == "dev" else "")
            )


def main(argv: list[str] | None = None) -> None:
    global _LOG
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("stage", choices=("extract", "fit", "test"))
    parser.add_argument("--cache", type=Path, default=Path("build/word-stack"))
    parser.add_argument(
        "--log", type=Path, default=None, help="progress log (default: CACHE/log.txt)"
    )
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=VARIANTS)
    parser.add_argument("--splits", nargs="+", default=list(SPLITS), choices=SPLITS)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--stack", type=Path, default=None)
    parser.add_argument("--fit-on", choices=("dev", "train"), default="dev")
    parser.add_argument("--gbt", action="store_true", help="also score gradient-boosted trees")
    parser.add_argument(
        "--sets", nargs="+", default=["all+other", "all", "no-lm", "no-source", "model-only"]
    )
    parser.add_argument(
        "--floors",
        nargs=2,
        type=float,
        default=[0.6, 0.85],
        help="confidence floors with and without a source (qe.json)",
    )
    parser.add_argument("--compare-train", action="store_true")
    parser.add_argument(
        "--min-gain",
        type=float,
        default=0.01,
        help="ship a variant only when it beats the raw P(BAD) by this dev MCC",
    )
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    _LOG = open(args.log or args.cache / "log.txt", "a", encoding="utf-8")  # noqa: SIM115 (open for the run)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    log(f"{args.stage}: {' '.join(sys.argv[1:])}")
    if args.stage == "extract":
        extract(args)
    elif args.stage == "fit":
        fit(args)
    else:
        if args.stack is None:
            sys.exit("test needs --stack FILE")
        test(args)


if __name__ == "__main__":
    main()
