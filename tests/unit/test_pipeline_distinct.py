"""Identical segments of a block are checked once by checks that judge a segment alone, and
every segment still gets its own result (the same as checking it alone)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import pytest

from mtqa.checks.base import Check
from mtqa.pipeline import Checker
from mtqa.types import CheckResult, Segment


class CountingCheck(Check):
    """Flags the word "bad"; counts the segments it was given."""

    name = "counting"
    per_segment: ClassVar[bool] = True

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, str | None]] = []

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        out = []
        for seg in segments:
            self.seen.append((seg.mt, seg.src))
            at = seg.mt.find("bad")
            flags = (
                ()
                if at < 0
                else (
                    self.flag(
                        seg,
                        at,
                        at + 3,
                        category="style",
                        severity="minor",
                        confidence=0.5,
                        message="bad",
                    ),
                )
            )
            out.append(CheckResult(scores={"counting.len": float(len(seg.mt))}, flags=flags))
        return out


class BatchCheck(CountingCheck):
    """The same, but its result may depend on the batch (a batched model): never deduplicated."""

    name = "batched"
    per_segment: ClassVar[bool] = False


SEGMENTS = [
    ("A bad day.", "Плохой день."),
    ("A good day.", "Хороший день."),
    ("A bad day.", "Плохой день."),  # the first again
    ("A bad day.", "Другой день."),  # same mt, other source
    ("A bad day.", None),  # same mt, no source
    ("A good day.", "Хороший день."),
]


@pytest.mark.parametrize(("cls", "calls"), [(CountingCheck, 4), (BatchCheck, 6)])
def test_identical_segments_checked_once(cls: type[CountingCheck], calls: int) -> None:
    check = cls()
    checker = Checker(checks=[], extra=[check])
    segs = [Segment(index=i, id=str(i), mt=mt, src=src) for i, (mt, src) in enumerate(SEGMENTS)]
    results = checker.check_segments(segs)
    assert len(check.seen) == calls
    alone = [Checker(checks=[], extra=[cls()]).check_segments([s])[0] for s in segs]
    assert [r.segment for r in results] == segs
    assert [(r.quality, r.scores, r.flags) for r in results] == [
        (r.quality, r.scores, r.flags) for r in alone
    ]
    assert [len(r.flags) for r in results] == [1, 0, 1, 1, 1, 0]
