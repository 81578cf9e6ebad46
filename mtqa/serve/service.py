"""The checking side of the server: one checker, one worker thread, a bounded queue.

Checks are CPU-bound and some load models lazily, so every check runs on a single worker thread:
a model is never loaded twice, and no check has to be thread-safe. The event loop only waits.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from mtqa.checks import Languages
from mtqa.pipeline import Checker
from mtqa.types import DocumentResult, Segment


@dataclass(frozen=True)
class Limits:
    max_body_bytes: int = 1_000_000
    max_sentences: int = 500
    # Seconds a request may wait and run before it gets 504.
    timeout_s: float = 30.0
    # Requests queued or running at once; more get 503.
    max_pending: int = 64


class Busy(Exception):
    """The queue is full."""


class CheckService:
    """Owns the checker built at start and runs checks for the server, one at a time."""

    def __init__(self, checker: Checker, limits: Limits = Limits()) -> None:
        self.checker = checker
        self.limits = limits
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mtqa-check")
        self._pending = 0
        self._lock = threading.Lock()
        self.checked = 0

    @property
    def langs(self) -> Languages:
        return self.checker.langs

    @property
    def pending(self) -> int:
        return self._pending

    def warm_up(self) -> None:
        """Run one tiny check so that checks which load lazily load now, not on a request."""
        seg = Segment(
            index=0, id="warm-up", mt="The talks will continue.", src="Переговоры продолжатся."
        )
        self._executor.submit(self.checker.check_document, [seg]).result()

    def _submit(self, segments: Sequence[Segment]) -> Future[DocumentResult]:
        with self._lock:
            if self._pending >= self.limits.max_pending:
                raise Busy
            self._pending += 1
        try:
            future = self._executor.submit(self.checker.check_document, segments)
        except BaseException:
            self._release(None)
            raise
        future.add_done_callback(self._release)
        return future

    def _release(self, _: object) -> None:
        with self._lock:
            self._pending -= 1

    async def check(self, segments: Sequence[Segment]) -> DocumentResult:
        """Check a document off the event loop; raises Busy or TimeoutError."""
        future = self._submit(segments)
        try:
            doc = await asyncio.wait_for(asyncio.wrap_future(future), self.limits.timeout_s)
        except TimeoutError:
            future.cancel()  # drops it if still queued; a running check finishes in the background
            raise
        self.checked += 1
        return doc

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
