"""Length-based sentence alignment inside one paragraph (in the spirit of Gale & Church, 1993)."""

from __future__ import annotations

import math

# Bead shapes (mt sentences, other sentences) and their fixed costs: 1-1 is the norm.
_BEADS: dict[tuple[int, int], float] = {(1, 1): 0.0, (2, 1): 2.5, (1, 2): 2.5, (1, 0): 4.0, (0, 1): 4.0}


def align_sentences(mt: list[str], other: list[str]) -> list[tuple[list[int], list[int]]]:
    """Groups (mt indices, other indices) covering both lists in order; each group has ≥1 mt index.

    A source sentence with no translation is attached to its neighbour's group, so the checks that
    compare source and translation see what went missing.
    """
    n, m = len(mt), len(other)
    if n == 0:
        return []
    if n == m and n == 1:
        return [([0], [0])]
    ratio = (sum(map(len, mt)) + 1) / (sum(map(len, other)) + 1)
    inf = math.inf
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            if cost[i][j] == inf:
                continue
            for (a, b), fixed in _BEADS.items():
                ni, nj = i + a, j + b
                if ni > n or nj > m:
                    continue
                la = sum(len(s) for s in mt[i:ni])
                lb = sum(len(s) for s in other[j:nj]) * ratio
                c = cost[i][j] + fixed + abs(la - lb) / math.sqrt(la + lb + 1.0)
                if c < cost[ni][nj]:
                    cost[ni][nj] = c
                    back[ni][nj] = (a, b)
    beads: list[tuple[list[int], list[int]]] = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None
        a, b = step
        beads.append((list(range(i - a, i)), list(range(j - b, j))))
        i, j = i - a, j - b
    beads.reverse()
    groups: list[tuple[list[int], list[int]]] = []
    pending: list[int] = []
    for mts, others in beads:
        if not mts:
            if groups:
                groups[-1][1].extend(others)
            else:
                pending.extend(others)
            continue
        groups.append((mts, pending + others))
        pending = []
    return groups
