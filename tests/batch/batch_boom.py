"""A check that fails on one word, to prove a failing check only fails its document."""

from __future__ import annotations

from collections.abc import Sequence

from mtqa.checks.base import Check
from mtqa.types import EMPTY_RESULT, CheckResult, Segment


class BoomCheck(Check):
    name = "boom"

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        if any("KABOOM" in s.mt for s in segments):
            raise RuntimeError("boom check exploded")
        return [EMPTY_RESULT for _ in segments]
