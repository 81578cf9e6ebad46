"""While segments are checked the collector's first threshold is raised (the per-word caches
would be re-scanned every 700 allocations); the caller's setting comes back afterwards."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Sequence

import pytest

from mtqa.checks.base import Check
from mtqa.pipeline import GC_THRESHOLD, Checker, fewer_collections
from mtqa.types import CheckResult, Segment


class ThresholdCheck(Check):
    name = "threshold"

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[int] = []

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        self.seen.append(gc.get_threshold()[0])
        return [CheckResult() for _ in segments]


@pytest.fixture
def default_threshold() -> Iterator[tuple[int, int, int]]:
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield gc.get_threshold()
    gc.set_threshold(*saved)


def test_threshold_raised_while_checking_and_restored(
    default_threshold: tuple[int, int, int],
) -> None:
    check = ThresholdCheck()
    Checker(checks=[], extra=[check]).check_segments([Segment(index=0, id="0", mt="A day.")])
    assert check.seen == [GC_THRESHOLD]
    assert gc.get_threshold() == default_threshold


def test_restored_after_an_error(default_threshold: tuple[int, int, int]) -> None:
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("boom")
    assert gc.get_threshold() == default_threshold


def test_a_higher_or_disabled_setting_is_left_alone() -> None:
    saved = gc.get_threshold()
    try:
        for first in (0, GC_THRESHOLD * 2):
            gc.set_threshold(first, 10, 10)
            with fewer_collections():
                assert gc.get_threshold()[0] == first
            assert gc.get_threshold() == (first, 10, 10)
    finally:
        gc.set_threshold(*saved)


def test_overlapping_users_restore_once_the_last_leaves(
    default_threshold: tuple[int, int, int],
) -> None:
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with fewer_collections():
            inside.set()
            leave.wait(5)

    t = threading.Thread(target=other)
    t.start()
    inside.wait(5)
    with fewer_collections():
        assert gc.get_threshold()[0] == GC_THRESHOLD
    assert gc.get_threshold()[0] == GC_THRESHOLD  # the other thread is still checking
    leave.set()
    t.join(5)
    assert gc.get_threshold() == default_threshold
