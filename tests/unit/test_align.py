"""The sentence aligner: same answer as the full search on paragraphs of news size, bounded
time and memory on huge ones (it once took minutes and GBs for 4,000 x 4,000 sentences)."""

from __future__ import annotations

import math
import random
import time
import tracemalloc

import pytest

from mtqa.io.align import _BEADS, align_sentences, group_beads


def full_search(mt: list[str], other: list[str]) -> list[tuple[list[int], list[int]]]:
    """The unbanded O(n x m) dynamic programme the aligner used to run (the oracle)."""
    n, m = len(mt), len(other)
    if n == 0:
        return []
    if n == m == 1:
        return [([0], [0])]
    ratio = (sum(map(len, mt)) + 1) / (sum(map(len, other)) + 1)
    cost = [[math.inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == math.inf:
                continue
            for (a, b), fixed in _BEADS.items():
                ni, nj = i + a, j + b
                if ni > n or nj > m:
                    continue
                la = sum(len(s) for s in mt[i:ni])
                lb = sum(len(s) for s in other[j:nj]) * ratio
                c = cost[i][j] + fixed + abs(la - lb) / math.sqrt(la + lb + 1.0)
                if c < cost[ni][nj]:
                    cost[ni][nj], back[ni][nj] = c, (a, b)
    beads = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None
        a, b = step
        beads.append((list(range(i - a, i)), list(range(j - b, j))))
        i, j = i - a, j - b
    beads.reverse()
    return group_beads(beads)


def sentences(rng: random.Random, k: int) -> list[str]:
    return ["x" * rng.randint(20, 200) for _ in range(k)]


@pytest.mark.parametrize(
    "mt,other,expected",
    [
        (["a" * 40, "b" * 40], ["c" * 80], [([0, 1], [0])]),
        (["a" * 80], ["c" * 40, "d" * 40], [([0], [0, 1])]),
        (["a" * 40, "b" * 60], ["c" * 40, "d" * 60], [([0], [0]), ([1], [1])]),
        (["a" * 40], [], [([0], [])]),
    ],
)
def test_beads(mt: list[str], other: list[str], expected: list[tuple[list[int], list[int]]]):
    assert align_sentences(mt, other) == expected


@pytest.mark.parametrize("seed", range(20))
def test_same_as_full_search(seed: int):
    rng = random.Random(seed)
    mt = sentences(rng, rng.randint(1, 70))
    # the other side drops, merges and adds sentences here and there
    other: list[str] = []
    for s in mt:
        roll = rng.random()
        if roll < 0.1:
            continue
        if roll < 0.2 and other:
            other[-1] += " " + s
        elif roll < 0.3:
            other += [s[: len(s) // 2], s[len(s) // 2 :]]
        else:
            other.append("y" * max(1, int(len(s) * rng.uniform(0.8, 1.3))))
    assert align_sentences(mt, other) == full_search(mt, other)


def test_memory_is_banded():
    rng = random.Random(1)
    mt, other = sentences(rng, 600), sentences(rng, 600)
    tracemalloc.start()
    try:
        align_sentences(mt, other)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # the full search kept two 601 x 601 tables (35 MB traced); the band keeps 601 x 101 (6 MB)
    assert peak < 15_000_000


def test_huge_paragraph_in_bounded_time():
    rng = random.Random(2)
    mt, other = sentences(rng, 4000), sentences(rng, 4000)
    t0 = time.monotonic()
    groups = align_sentences(mt, other)
    assert time.monotonic() - t0 < 120  # generous: a few seconds here, minutes before
    assert [i for mts, _ in groups for i in mts] == list(range(4000))
    assert [j for _, js in groups for j in js] == list(range(4000))
