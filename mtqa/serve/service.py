"""The checking side of the server: one checker in one worker process, a bounded queue.

Checks are CPU-bound and some load models lazily, so every check runs in a single worker process
(forked from the server, so it starts with the checker already built): a model is loaded once per
worker, and no check has to be thread-safe. A check still running at its request's deadline is
stopped by killing the worker, and a fresh worker takes its place, so ``timeout_s`` holds even for
a check that would never finish. The event loop only waits.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from mtqa.checks import Languages
from mtqa.errors import MtqaError
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


# Checks that run torch models (see mtqa.checks.REGISTRY).
_TORCH_CHECKS = frozenset({"forced", "pseudoref", "backtranslation", "surprisal", "qe"})


class Busy(Exception):
    """The queue is full."""


class WorkerFailed(Exception):
    """The worker process died during a check (it has been replaced)."""


def _serve_checks(checker: Checker, conn: Connection, server_end: Connection) -> None:
    """The worker's loop: one document in, its result (or the error) out; ends with the server."""
    server_end.close()  # so that the server's exit closes the pipe and ends this loop
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the server's inherited handler
    while True:
        try:
            segments = conn.recv()
        except EOFError:
            return
        try:
            reply: tuple[str, Any] = ("ok", checker.check_document(segments))
        except MtqaError as e:
            reply = ("user", str(e))
        except Exception as e:  # noqa: BLE001 - reported to the server, which answers 500
            reply = ("error", f"{type(e).__name__}: {e}")
        conn.send(reply)


class _Worker:
    """One forked worker process and the pipe to it."""

    def __init__(self, checker: Checker) -> None:
        ctx = multiprocessing.get_context("fork")
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_serve_checks,
            args=(checker, child, self.conn),
            name="mtqa-check",
            daemon=True,
        )
        self.process.start()
        child.close()
        self._stop_lock = threading.Lock()
        self._stopped = False

    def stop(self) -> None:
        """Kill the process and close the pipe, once: the executor thread (replacing a dead or
        stuck worker) and CheckService.close (at shutdown) may both get here at the same time."""
        with self._stop_lock:
            if self._stopped:
                return
            self._stopped = True
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class CheckService:
    """Owns the checker built at start and runs checks for the server, one at a time."""

    def __init__(self, checker: Checker, limits: Limits = Limits()) -> None:
        self.checker = checker
        self.limits = limits
        # One thread talks to the worker, so requests reach it one at a time, in order.
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mtqa-check")
        self._pending = 0
        self._lock = threading.Lock()
        self._worker: _Worker | None = None
        self._busy_since: float | None = None
        self.checked = 0
        self.restarts = 0

    @property
    def langs(self) -> Languages:
        return self.checker.langs

    @property
    def pending(self) -> int:
        return self._pending

    def worker_state(self) -> dict[str, Any]:
        """For /v1/health: whether the worker runs, how long the current check has run, and
        ``stuck`` when that is past the timeout (it is being replaced)."""
        since = self._busy_since
        busy_s = round(time.monotonic() - since, 3) if since is not None else 0.0
        worker = self._worker
        alive = worker is not None and worker.process.is_alive()
        state = "stuck" if busy_s > self.limits.timeout_s else ("busy" if since else "idle")
        return {
            "state": state if alive or worker is None else "dead",
            "pid": worker.process.pid if worker is not None else None,
            "busy_s": busy_s,
            "restarts": self.restarts,
        }

    def warm_up(self) -> None:
        """Run one tiny check so that checks which load lazily load now, not on a request.

        Without torch checks this runs in the server process, so every worker (a replacement
        too) is forked with the models loaded; torch does not survive a fork after its threads
        start, so with torch checks each worker loads its own.
        """
        seg = Segment(
            index=0, id="warm-up", mt="The talks will continue.", src="Переговоры продолжатся."
        )
        if not any(check.name in _TORCH_CHECKS for check in self.checker.checks):
            self.checker.check_document([seg])
        self._executor.submit(self._run, [seg], time.monotonic() + 600).result()

    def _run(self, segments: Sequence[Segment], deadline: float) -> DocumentResult:
        """In the executor thread: the check in the worker, killed at ``deadline``."""
        if time.monotonic() >= deadline:
            raise TimeoutError  # waited its whole time in the queue
        if self._worker is None or not self._worker.process.is_alive():
            if self._worker is not None:
                self._worker.stop()
            self._worker = _Worker(self.checker)
        worker = self._worker
        self._busy_since = time.monotonic()
        try:
            worker.conn.send(list(segments))
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self._replace()
                raise TimeoutError
            try:
                status, value = worker.conn.recv()
            except (EOFError, OSError):
                self._replace()
                raise WorkerFailed("the check worker died") from None
        finally:
            self._busy_since = None
        if status == "ok":
            return value
        if status == "user":
            raise MtqaError(value)
        raise WorkerFailed(value)

    def _replace(self) -> None:
        if self._worker is not None:
            self._worker.stop()
        self._worker = None  # the next check forks a fresh one
        self.restarts += 1

    def _submit(self, segments: Sequence[Segment], deadline: float) -> Future[DocumentResult]:
        with self._lock:
            if self._pending >= self.limits.max_pending:
                raise Busy
            self._pending += 1
        try:
            future = self._executor.submit(self._run, segments, deadline)
        except BaseException:
            self._release(None)
            raise
        future.add_done_callback(self._release)
        return future

    def _release(self, _: object) -> None:
        with self._lock:
            self._pending -= 1

    async def check(
        self, segments: Sequence[Segment], deadline: float | None = None
    ) -> DocumentResult:
        """Check a document in the worker; raises Busy, TimeoutError, WorkerFailed or MtqaError.

        ``deadline`` (``time.monotonic()``) defaults to ``timeout_s`` from now.
        """
        if deadline is None:
            deadline = time.monotonic() + self.limits.timeout_s
        future = self._submit(segments, deadline)
        # The executor thread stops the check at the deadline; the extra second lets it say so.
        wait = max(0.0, deadline - time.monotonic()) + 1.0
        try:
            doc = await asyncio.wait_for(asyncio.wrap_future(future), wait)
        except TimeoutError:
            future.cancel()
            raise
        self.checked += 1
        return doc

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        if self._worker is not None:
            self._worker.stop()
            self._worker = None
