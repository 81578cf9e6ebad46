"""Throughput of the neural checks' models: one at a time vs batched vs served from the cache.

Usage: python scripts/bench_neural.py [MODEL_FOLDER_OR_TEMPLATE ...] [--n 256] [--threads N]

Always measures tiny random Marian (forced decoding) and GPT-2 (surprisal) models built on the
spot; any model folder given (or a {src}-{tgt} template, or an alias present locally) is measured
too, side by side in the same run. For each: sentences/s (a) one sentence per call, (b) the
batched, length-sorted path into a cold (emptied) cache folder, (c) a second run in the same process
served from that SQLite file: a new model object and cache connection are built inside the timing,
as a fresh process would (weights are not loaded when every input hits), (j) the same second run
with the entries stored as JSON, as the cache did before its binary encoding (entries in that form
are still read); and the ratios b/a, c/b and c/j (best of --repeats runs, interleaved). Targets:
batched ≥ 3× one-at-a-time on the tiny model; cached ≥ 20× uncached.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench(
    label: str,
    ref: object,
    srcs: list[str],
    mts: list[str],
    device: str,
    cache_root: Path,
    repeats: int,
) -> None:
    from mtqa.models.cache import OutputCache
    from mtqa.models.loader import CausalLM, Seq2SeqModel
    from mtqa.models.resolve import ModelRef

    assert isinstance(ref, ModelRef)
    n = len(mts)

    def make(cache: OutputCache, batch_size: int) -> Seq2SeqModel | CausalLM:
        cls = Seq2SeqModel if ref.kind == "seq2seq" else CausalLM
        return cls(ref, device, cache, batch_size=batch_size)

    def run(model: Seq2SeqModel | CausalLM, items: list[int]) -> None:
        if isinstance(model, Seq2SeqModel):
            model.score([srcs[i] for i in items], [mts[i] for i in items], "ru", "en")
        else:
            model.score([mts[i] for i in items])

    single = make(OutputCache(None), 1)
    run(single, [0])  # warm-up
    cache_dir = cache_root / label.replace("/", "_").replace(" ", "_")
    json_dir = cache_dir.with_name(cache_dir.name + "-json")
    t_one = t_batch = t_cached = t_json = float("inf")
    # Best of `repeats`, the three paths interleaved, so load from other processes hits all alike.
    for _ in range(repeats):
        single.cache.memory.clear()
        t_one = min(t_one, _timed(lambda: [run(single, [i]) for i in range(n)]))
        for old in cache_dir.glob("outputs.sqlite*"):
            old.unlink()
        batched = make(OutputCache(cache_dir), 16)
        batched._ready()  # weights load lazily; keep loading out of the throughput timing
        t_batch = min(t_batch, _timed(lambda m=batched: run(m, list(range(n)))))
        batched.cache.close()
        _as_json(cache_dir, json_dir)

        # A fresh model object, as a new process would be: everything comes from the SQLite file.
        def second_run(folder: Path) -> None:
            again = make(OutputCache(folder), 16)
            run(again, list(range(n)))
            again.cache.close()

        t_cached = min(t_cached, _timed(lambda: second_run(cache_dir)))
        t_json = min(t_json, _timed(lambda: second_run(json_dir)))

    print(
        f"{label:<22} {n / t_one:8.1f} {n / t_batch:9.1f} {n / t_cached:9.1f} {n / t_json:9.1f}"
        f" {t_one / t_batch:6.1f}x {t_batch / t_cached:6.1f}x {t_json / t_cached:6.1f}x"
    )


def _as_json(folder: Path, json_folder: Path) -> None:
    """Copy a cache with every binary TokenScores entry rewritten as JSON (the earlier format)."""
    import dataclasses
    import sqlite3

    from mtqa.models.cache import OutputCache
    from mtqa.models.loader import TokenScores

    for old in json_folder.glob("outputs.sqlite*"):
        old.unlink()
    with sqlite3.connect(folder / "outputs.sqlite") as db:
        rows = db.execute("SELECT key, value FROM outputs").fetchall()
    out = OutputCache(json_folder)
    out.put_many(
        {
            k: dataclasses.asdict(TokenScores.from_bytes(v)) if isinstance(v, bytes) else v
            for k, v in rows
        }
    )
    out.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="*", help="model folders, {src}-{tgt} templates or aliases")
    parser.add_argument("--n", type=int, default=256, help="sentences per measurement")
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    parser.add_argument("--repeats", type=int, default=3, help="best of this many runs")
    parser.add_argument("--device", default="cpu", choices=["cpu", "cuda", "auto"])
    args = parser.parse_args()

    import torch

    from mtqa.models.loader import pick_device
    from mtqa.models.resolve import resolve
    from mtqa.models.tiny import (
        _EN_WORDS,
        _RU_WORDS,
        build_tiny_gpt2,
        build_tiny_marian,
        sample_sentences,
    )

    if args.threads:
        torch.set_num_threads(args.threads)
    device = pick_device(args.device)
    srcs = sample_sentences(_RU_WORDS, args.n, seed=7)
    mts = sample_sentences(_EN_WORDS, args.n, seed=8)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build_tiny_marian(root / "tiny-ru-en")
        build_tiny_gpt2(root / "tiny-gpt2")
        print(f"device {device}, torch threads {torch.get_num_threads()}, {args.n} sentences")
        print(
            f"{'model':<22} {'one/s':>8} {'batched/s':>9} {'cached/s':>9} {'json-c/s':>9}"
            f" {'b/one':>7} {'c/b':>7} {'c/json':>7}"
        )
        bench(
            "tiny marian (forced)",
            resolve(str(root / "tiny-ru-en")),
            srcs,
            mts,
            device,
            root,
            args.repeats,
        )
        bench(
            "tiny gpt2 (surprisal)",
            resolve(str(root / "tiny-gpt2")),
            srcs,
            mts,
            device,
            root,
            args.repeats,
        )
        for name in args.models:
            ref = resolve(name, "ru", "en")
            bench(ref.path.name, ref, srcs, mts, device, root, args.repeats)


if __name__ == "__main__":
    main()
