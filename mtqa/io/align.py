"""Length-based sentence alignment inside one paragraph (in the spirit of Gale & Church, 1993)."""

from __future__ import annotations

import math
from itertools import accumulate

# Bead shapes (mt sentences, other sentences) and their fixed costs: 1-1 is the norm.
_BEADS: dict[tuple[int, int], float] = {
    (1, 1): 0.0,
    (2, 1): 2.5,
    (1, 2): 2.5,
    (1, 0): 4.0,
    (0, 1): 4.0,
}
# Cells either side of the diagonal the search may leave it by: a paragraph of up to this many
# sentences is searched whole; a longer one costs O(n x band) time and memory, not O(n x m).
BAND = 50


def align_sentences(
    mt: list[str], other: list[str], band: int = BAND
) -> list[tuple[list[int], list[int]]]:
    """Groups (mt indices, other indices) covering both lists in order; each group has ≥1 mt index.

    A source sentence with no translation is attached to its neighbour's group, so the checks that
    compare source and translation see what went missing. The search stays within ``band`` other
    sentences of the diagonal (widened to the length ratio, so a path always exists).
    """
    n, m = len(mt), len(other)
    if n == 0:
        return []
    if n == m and n == 1:
        return [([0], [0])]
    ratio = (sum(map(len, mt)) + 1) / (sum(map(len, other)) + 1)
    mt_at = [0, *accumulate(map(len, mt))]
    other_at = [0, *accumulate(map(len, other))]
    band = max(band, -(-m // n) + 2)  # consecutive rows' bands overlap, so (n, m) is reachable

    def span(i: int) -> tuple[int, int]:
        mid = i * m // n
        return max(0, mid - band), min(m, mid + band)

    inf = math.inf
    spans = [span(i) for i in range(n + 1)]
    cost = [[inf] * (hi - lo + 1) for lo, hi in spans]
    back: list[list[tuple[int, int] | None]] = [[None] * (hi - lo + 1) for lo, hi in spans]
    cost[0][0 - spans[0][0]] = 0.0
    for i in range(n + 1):
        lo, hi = spans[i]
        row = cost[i]
        for j in range(lo, hi + 1):
            here = row[j - lo]
            if here == inf:
                continue
            for (a, b), fixed in _BEADS.items():
                ni, nj = i + a, j + b
                if ni > n or nj > m:
                    continue
                nlo, nhi = spans[ni]
                if not nlo <= nj <= nhi:
                    continue
                la = mt_at[ni] - mt_at[i]
                lb = (other_at[nj] - other_at[j]) * ratio
                c = here + fixed + abs(la - lb) / math.sqrt(la + lb + 1.0)
                if c < cost[ni][nj - nlo]:
                    cost[ni][nj - nlo] = c
                    back[ni][nj - nlo] = (a, b)
    beads: list[tuple[list[int], list[int]]] = []
    i, j = n, m
    while i or j:
        step = back[i][j - spans[i][0]]
        assert step is not None
        a, b = step
        beads.append((list(range(i - a, i)), list(range(j - b, j))))
        i, j = i - a, j - b
    beads.reverse()
    return group_beads(beads)


def group_beads(
    beads: list[tuple[list[int], list[int]]],
) -> list[tuple[list[int], list[int]]]:
    """Alignment beads in order → one group per bead with MT sentences; the other side's
    sentences of a bead without MT join the previous group (or the first one)."""
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
