"""Experiments for a news-domain sentence score from what the shipped QE models compute.

    python scripts/train_qe_head.py extract --variant full --out /tmp/qe-head/full.npz
    python scripts/train_qe_head.py extract --variant target --out /tmp/qe-head/target.npz
    python scripts/train_qe_head.py fit --features /tmp/qe-head/full.npz \
        --target-features /tmp/qe-head/target.npz

``extract`` runs the int8 QE model (the runtime `mtqa check` uses) once over the training and
selection rows and saves, per row: the pooled last hidden state the sentence head reads, the
model's sentence score, its word P(BAD)s, token and character counts, the human z-score, the
dataset and the row's role:

* WMT21 DA ru-en news (``../shared/data/eval/wmt21_da_ru-en_news.part*.jsonl``): documents with
  :func:`mtqa.evaluate.calibrate.doc_half` = 1 train, = 0 select (the calibration's halves);
* MLQE-PE ru-en: ``train`` split (``../shared/data/train``) trains, ``dev`` selects.

Rows of official test splits are dropped while reading; WMT22 DA, WMT22/23 MQM and DEMETR are
never read. ``fit`` trains candidate second sentence heads (ridge regression over the small
features below, or the pooled state and them) on the train rows and prints Pearson r on the
selection rows per dataset, then (with ``--target-features``) the same for the mean of the
source-aware and target-only models' scores, also on the 821 WMT21 rows whose sources
``scripts/train_qe.py --news-dev-share 0.1`` held out of the target model's training (the
target-only model saw other WMT21 rows' DA, so the dev half flatters it). Nothing is written:
the results and the choice are in ``mtqa/data/qe/MODEL_CARD.md``.
"""

from __future__ import annotations

import argparse
import glob
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent.parent
STAT_NAMES = ("score", "p_mean", "p_max", "p_top3", "p_frac_bad", "log_mt", "log_src", "log_ratio")


def stats(score: float, word_p: Any, threshold: float, src_words: int) -> np.ndarray:
    """The small features (:data:`STAT_NAMES`) of one row: the shipped head's ``score``, the
    word head's P(BAD) of each MT word, its flag ``threshold`` and the source's word count
    (:func:`mtqa.qe.predict.words_of`; 0 without a source)."""
    p = np.asarray(word_p, np.float64)
    n_mt = p.size
    if p.size:
        top = np.sort(p)[::-1][:3]
        ps = [p.mean(), p.max(), top.mean(), float((p >= threshold).mean())]
    else:
        ps = [0.0, 0.0, 0.0, 0.0]
    lengths = [np.log1p(n_mt), np.log1p(src_words), np.log((n_mt + 1.0) / (src_words + 1.0))]
    return np.asarray([score, *ps, *lengths], np.float64)


def features(pooled: np.ndarray, stat: np.ndarray) -> np.ndarray:
    """One row's full feature vector: pooled state, then the small features."""
    return np.concatenate([np.asarray(pooled, np.float64), np.asarray(stat, np.float64)])


def training_rows(data: Path) -> list[tuple[object, str]]:
    """(EvalRow, role) for every row used: role 'train' or 'dev'."""
    from mtqa.evaluate.calibrate import doc_half
    from mtqa.evaluate.dataset import read_rows

    out: list[tuple[object, str]] = []
    for path in sorted(glob.glob(str(data / "eval" / "wmt21_da_ru-en_news.part*.jsonl"))):
        for r in read_rows(path, drop_test=True):
            if r.src and r.score is not None:
                out.append((r, "dev" if doc_half(r) == 0 else "train"))
    for path in sorted(glob.glob(str(data / "train" / "mlqe_pe_ru-en.train.part*.jsonl"))):
        out += [(r, "train") for r in read_rows(path, drop_test=True) if r.split == "train"]
    out += [
        (r, "dev")
        for r in read_rows(data / "eval" / "mlqe_pe_ru-en.jsonl", drop_test=True)
        if r.split == "dev"
    ]
    return out


def extract(args: argparse.Namespace) -> None:
    from mtqa.qe.base import prepare_text
    from mtqa.qe.predict import word_probs
    from mtqa.qe.runtime import OnnxQE

    rows = training_rows(args.data)
    model = OnnxQE(args.variant, threads=args.threads)
    full = model.with_src
    pooled, scores, probs, offsets = [], [], [], [0]
    n_src, n_mt = [], []
    started = time.perf_counter()
    for k in range(0, len(rows), args.chunk):
        chunk = [r for r, _ in rows[k : k + args.chunk]]
        prepared = [prepare_text(r.mt) for r in chunk]
        if full:
            encs = [model.tokenizer.encode(prepare_text(r.src), m) for r, m in zip(chunk, prepared)]
        else:
            encs = [model.tokenizer.encode(m) for m in prepared]
        s, p, pool = model.run_pooled([e.ids for e in encs])
        mt_seq = 1 if full else 0
        for i, (r, enc) in enumerate(zip(chunk, encs)):
            subwords = [
                (a, b, float(p[i][t]))
                for t, ((a, b), sid) in enumerate(zip(enc.offsets, enc.sequence_ids))
                if sid == mt_seq and b > a
            ]
            words = [w.p_bad for w in word_probs(r.mt, prepared[i], subwords)]
            probs += words
            offsets.append(offsets[-1] + len(words))
            n_mt.append(sum(1 for sid in enc.sequence_ids if sid == mt_seq))
            n_src.append(sum(1 for sid in enc.sequence_ids if sid == 0) if full else 0)
        pooled.append(pool)
        scores.append(s)
        done = k + len(chunk)
        rate = done / (time.perf_counter() - started)
        print(f"extract: {done}/{len(rows)} rows, {rate:.1f} rows/s", file=sys.stderr, flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out,
        pooled=np.concatenate(pooled),
        score=np.concatenate(scores),
        word_p=np.asarray(probs, np.float32),
        word_offsets=np.asarray(offsets, np.int64),
        n_src=np.asarray(n_src, np.int32),
        n_mt=np.asarray(n_mt, np.int32),
        src_chars=np.asarray([len(r.src or "") for r, _ in rows], np.int32),
        mt_chars=np.asarray([len(r.mt) for r, _ in rows], np.int32),
        target=np.asarray([r.score for r, _ in rows], np.float32),
        dataset=np.asarray([r.dataset for r, _ in rows]),
        role=np.asarray([role for _, role in rows]),
        row_id=np.asarray([r.id for r, _ in rows]),
        threshold=np.float32(model.threshold),
    )
    print(f"extract: wrote {args.out}", file=sys.stderr)


def load_features(path: Path, data: Path) -> dict[str, np.ndarray]:
    """The extracted arrays plus X (features of every row, :func:`mtqa.qe.head.features`)."""
    from mtqa.qe.predict import words_of

    z = dict(np.load(path))
    rows = training_rows(data)
    if [r.id for r, _ in rows] != z["row_id"].tolist():
        sys.exit(f"{path} was extracted from other rows; extract again")
    full = bool(z["n_src"].any())
    off, thr = z["word_offsets"], float(z["threshold"])
    st = [
        stats(
            z["score"][i],
            z["word_p"][off[i] : off[i + 1]],
            thr,
            len(words_of(r.src or "")) if full else 0,
        )
        for i, (r, _) in enumerate(rows)
    ]
    z["X"] = np.stack([features(z["pooled"][i], s) for i, s in enumerate(st)])
    return z


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])


def ridge(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, alpha: float, free: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Weighted ridge on standardised x: (mean, scale, weight, bias); the last ``free`` columns
    (the small features) are penalised 100 times less than the pooled state."""
    mean = np.average(x, axis=0, weights=w)
    scale = np.sqrt(np.average((x - mean) ** 2, axis=0, weights=w))
    scale[scale < 1e-8] = 1.0
    xs = (x - mean) / scale
    ym = float(np.average(y, weights=w))
    penalty = np.full(x.shape[1], alpha)
    if free:
        penalty[-free:] = alpha / 100.0
    a = (xs * w[:, None]).T @ xs + np.diag(penalty)
    coef = np.linalg.solve(a, (xs * w[:, None]).T @ (y - ym))
    return mean, scale, coef, ym


def fit(args: argparse.Namespace) -> None:
    z = load_features(args.features, args.data)
    x, y, ds, role = z["X"], z["target"].astype(np.float64), z["dataset"], z["role"]
    hidden = z["pooled"].shape[1]
    n_stat = len(STAT_NAMES)
    datasets = sorted(set(ds.tolist()))
    tr, dv = role == "train", role == "dev"
    for d in datasets:
        print(f"{d}: train {int((tr & (ds == d)).sum())}, dev {int((dv & (ds == d)).sum())}")

    datasets = [d for d in datasets if (dv & (ds == d)).any()]

    def dev_r(pred: np.ndarray) -> dict[str, float]:
        return {d: pearson(pred[dv & (ds == d)], y[dv & (ds == d)]) for d in datasets}

    results: list[tuple[str, dict[str, float], object]] = []
    results.append(("score alone (shipped head)", dev_r(z["score"]), None))
    columns = {"small": slice(hidden, hidden + n_stat), "pooled+small": slice(0, hidden + n_stat)}
    for cols_name, cols in columns.items():
        for news_weight in [*args.news_weights, 0.0]:  # 0: news rows only
            is_news = ds == "wmt21_da_ru-en_news"
            w = np.where(is_news, news_weight or 1.0, 0.0 if news_weight == 0 else 1.0)
            weighting = f"news_weight={news_weight:g}" if news_weight else "news only"
            for alpha in args.alphas:
                free = n_stat if cols_name == "pooled+small" else 0
                mean, scale, coef, b = ridge(x[tr][:, cols], y[tr], w[tr], alpha, free)
                pred = ((x[:, cols] - mean) / scale) @ coef + b
                name = f"ridge {cols_name} {weighting} alpha={alpha:g}"
                results.append((name, dev_r(pred), None))
    base = results[0][1]
    print(f"\n{'candidate':<50} " + " ".join(f"{d[:24]:>24}" for d in datasets))
    for name, r, _ in results:
        print(f"{name:<50} " + " ".join(f"{r[d]:>24.4f}" for d in datasets))
    mlqe = next(d for d in datasets if d.startswith("mlqe"))
    news = next(d for d in datasets if d.startswith("wmt21"))
    allowed = [c for c in results[1:] if c[1][mlqe] >= base[mlqe] - args.mlqe_tolerance]
    best = max(allowed, key=lambda c: c[1][news]) if allowed else None
    print(f"\nbaseline: {news} {base[news]:.4f}, {mlqe} {base[mlqe]:.4f}")
    if best is None:
        print("no candidate keeps MLQE-PE dev within the tolerance")
        return
    print(f"best head (best news dev r with MLQE-PE dev >= baseline - {args.mlqe_tolerance}):")
    print(f"  {best[0]}: {news} {best[1][news]:.4f}, {mlqe} {best[1][mlqe]:.4f}")
    rows = training_rows(args.data)
    diagnose(z, rows, news, args.data)
    if args.target_features:
        ensemble(z, np.load(args.target_features), rows, news, mlqe)


def diagnose(z: dict, rows: list, news: str, data: Path) -> None:
    """Where the news DA variance lies: between sources or between translations of one source."""
    y, s = z["target"].astype(np.float64), z["score"].astype(np.float64)
    is_news = z["dataset"] == news
    dev = is_news & (z["role"] == "dev")
    groups: dict[str, list[int]] = {}
    for i in np.flatnonzero(is_news):
        groups.setdefault(rows[i][0].src, []).append(int(i))
    y_mean, s_mean = np.zeros_like(y), np.zeros_like(s)
    for idx in groups.values():
        y_mean[idx], s_mean[idx] = y[idx].mean(), s[idx].mean()
    share = np.var(y_mean[is_news]) / np.var(y[is_news])
    print(f"\n{news}: {len(groups)} sources; between-source share of DA z variance {share:.2f}")
    print(
        f"  dev half: score vs per-source mean r {pearson(s_mean[dev], y_mean[dev]):.4f}; "
        f"within a source (both centred) r {pearson((s - s_mean)[dev], (y - y_mean)[dev]):.4f}"
    )
    import json

    n_ratings: dict[str, int] = {}
    for path in sorted(glob.glob(str(data / "eval" / "wmt21_da_ru-en_news.part*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                n_ratings[row["id"]] = int(row.get("n_ratings") or 0)
    two = dev & np.asarray([n_ratings.get(r.id, 0) >= 2 for r, _ in rows])
    print(f"  dev rows with >= 2 ratings: {int(two.sum())}, score r {pearson(s[two], y[two]):.4f}")


def ensemble(z: dict, t: Any, rows: list, news: str, mlqe: str) -> None:
    """Pearson r of the source-aware score, the target-only score and their mean."""
    import hashlib

    if t["row_id"].tolist() != z["row_id"].tolist():
        sys.exit("the two feature files hold different rows")
    y, ds, role = z["target"].astype(np.float64), z["dataset"], z["role"]
    held_out = np.asarray(
        [
            d == news and int(hashlib.md5(r.src.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < 0.1
            for d, (r, _) in zip(ds, rows)
        ]
    )
    sets = {
        f"{news} dev half": (ds == news) & (role == "dev"),
        f"{news} held out of qe-target ({int(held_out.sum())})": held_out,
        f"{mlqe} dev": (ds == mlqe) & (role == "dev"),
    }
    scores = {"source-aware": z["score"], "target-only": t["score"]}
    scores["mean of both"] = (z["score"] + t["score"]) / 2.0
    print(f"\n{'score':<16} " + " ".join(f"{k:>48}" for k in sets))
    for name, s in scores.items():
        print(f"{name:<16} " + " ".join(f"{pearson(s[m], y[m]):>48.4f}" for m in sets.values()))
    groups: dict[str, list[int]] = {}
    for i in np.flatnonzero(held_out):
        groups.setdefault(rows[i][0].src, []).append(int(i))

    def split(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        mean = np.zeros_like(v, dtype=np.float64)
        for idx in groups.values():
            mean[idx] = v[idx].mean()
        return v - mean, mean

    print("\non the held-out rows: r within a source (centred) | r of the per-source means")
    y_in, y_mean = split(y)
    for name, s in scores.items():
        s_in, s_mean = split(s.astype(np.float64))
        within = pearson(s_in[held_out], y_in[held_out])
        between = pearson(s_mean[held_out], y_mean[held_out])
        print(f"{name:<16} {within:>8.4f} | {between:.4f}")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = ap.add_subparsers(dest="cmd", required=True)
    ex = sub.add_parser("extract")
    ex.add_argument("--variant", default="full", choices=["full", "target"])
    ex.add_argument("--out", type=Path, required=True)
    ex.add_argument("--data", type=Path, default=HERE.parent / "shared" / "data")
    ex.add_argument("--threads", type=int, default=1)
    ex.add_argument("--chunk", type=int, default=256)
    ft = sub.add_parser("fit")
    ft.add_argument("--features", type=Path, required=True)
    ft.add_argument("--target-features", type=Path, help="extract --variant target output")
    ft.add_argument("--data", type=Path, default=HERE.parent / "shared" / "data")
    ft.add_argument("--alphas", type=float, nargs="+", default=[1, 10, 100, 1000, 10000, 100000])
    ft.add_argument("--news-weights", type=float, nargs="+", default=[1, 2, 4])
    ft.add_argument("--mlqe-tolerance", type=float, default=0.005)
    args = ap.parse_args()
    if args.cmd == "extract":
        extract(args)
    else:
        fit(args)


if __name__ == "__main__":
    main()
