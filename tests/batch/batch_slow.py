"""A check that takes minutes to build (a model loading), to prove Ctrl-C does not wait for it."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mtqa.checks.base import Check
from mtqa.types import EMPTY_RESULT, CheckResult, Segment

MARKER_ENV = "MTQA_TEST_SLOW_MARKER"


class SlowStartCheck(Check):
    name = "slowstart"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        marker = os.environ.get(MARKER_ENV)
        if marker:  # only in the worker processes of the test
            Path(marker, str(os.getpid())).write_text("building", encoding="utf-8")
            time.sleep(300)

    def check_batch(self, segments: Sequence[Segment]) -> list[CheckResult]:
        return [EMPTY_RESULT for _ in segments]
