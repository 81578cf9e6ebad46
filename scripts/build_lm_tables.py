"""Precompute the fluency check's collocate table from the CMU English trigram model.

    python scripts/build_lm_tables.py [--jobs 2] [--out mtqa/data/lm/collocates-en.json.gz]

For every word the collocation check can ask about (alphabetic, not a stop word, unigram log10 p at
least ``common_logprob``) and both sides, it runs ``EnglishLM.scan_collocates`` with the check's
default parameters and stores the chosen pool indices and raw model log-probabilities. At run time
``EnglishLM.collocates`` reads the table instead of scanning the pool, and falls back to the scan
for other parameters, another model file, or a word the table lacks. Results are identical.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path

from mtqa.checks.lm import DEFAULTS, english_lm, pool_digest

K = 20  # EnglishLM.collocates' default, the value FluencyCheck uses


def _pool() -> tuple[str, ...]:
    return english_lm().fill_candidates(
        DEFAULTS["stop_logprob"], int(DEFAULTS["suggest_candidates"])
    )


def _entries(words: list[str]) -> list[tuple[str, str, str]]:
    """(word, right entry, left entry); an entry is "pool-index raw-logprob pool-index ..."."""
    lm = english_lm()
    pool = _pool()
    index = {w: i for i, w in enumerate(pool)}
    out = []
    for word in words:  # strings parse far faster than JSON lists of numbers at load time
        right = []
        for x, _ in lm.scan_collocates(word, +1, pool, K):
            right += [index[x], lm.model.prob([x, word])]
        left = []
        for x, _ in lm.scan_collocates(word, -1, pool, K):
            left += [index[x], lm.model.prob([word, x])]
        out.append((word, " ".join(map(str, right)), " ".join(map(str, left))))
    return out


def main() -> None:
    here = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=here / "mtqa/data/lm/collocates-en.json.gz")
    args = parser.parse_args()

    lm = english_lm()
    stop = lm.stop_words(DEFAULTS["stop_logprob"])
    words = [
        w
        for p, w in lm.by_frequency()
        if p >= DEFAULTS["common_logprob"] and w.isalpha() and w not in stop
    ]
    chunks = [words[i :: args.jobs * 8] for i in range(args.jobs * 8)]
    right: dict[str, str] = {}
    left: dict[str, str] = {}
    with ProcessPoolExecutor(args.jobs) as pool:
        for done in pool.map(_entries, chunks):
            for word, r, lft in done:
                right[word], left[word] = r, lft
    meta = {
        "source": "CMU US-English trigram model (en-us.lm.bin) in the pocketsphinx wheel",
        "pocketsphinx": metadata.version("pocketsphinx"),
        "model_bytes": os.path.getsize(lm.path),
        "stop_logprob": DEFAULTS["stop_logprob"],
        "common_logprob": DEFAULTS["common_logprob"],
        "suggest_candidates": int(DEFAULTS["suggest_candidates"]),
        "k": K,
        "pool_digest": pool_digest(_pool()),
        "words": len(words),
    }
    data = {
        "meta": meta,
        "sides": {"1": dict(sorted(right.items())), "-1": dict(sorted(left.items()))},
    }
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{len(words)} words, {args.out.stat().st_size / 1e6:.2f} MB -> {args.out}")


if __name__ == "__main__":
    main()
