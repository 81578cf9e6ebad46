"""How many worker processes a batch starts by default: no more than the cores that are free.

A worker per core helps only when the core is idle; on a busy machine an extra worker competes
with the others and with the parent, and the batch gets slower (issue 14: 2 workers on one busy
core took 11 s where 1 took 7.9 s).
"""

from __future__ import annotations

import os

AUTO_MAX_WORKERS = 4  # each worker loads the checks' models once; more rarely pays off


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity, e.g. a container's cpuset)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def count_free(usable: int, load: float) -> int:
    """Cores left when ``load`` (a load average) of ``usable`` cores are busy; at least 1."""
    return max(1, min(usable, int(usable - load + 0.5)))


def free_cores() -> int:
    """Usable cores minus the 1-minute load average (what other processes keep busy), at least 1."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        load = 0.0
    return count_free(usable_cores(), load)


def default_workers() -> int:
    """``--workers auto``: the free cores, at most AUTO_MAX_WORKERS."""
    return min(free_cores(), AUTO_MAX_WORKERS)


def parse_workers(value: str) -> int:
    """``--workers``: 'auto' or a whole number >= 1; raises ValueError otherwise."""
    if value.strip().lower() == "auto":
        return default_workers()
    n = int(value)
    if n < 1:
        raise ValueError("must be at least 1")
    return n
