"""The local engine: the main process, or a pool of worker processes that each build one Checker.

Documents are handed out in small chunks and their results written strictly in input order, with
a bounded number of chunks in flight, so output order is deterministic and memory stays flat.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from mtqa.batch.work import CheckerSpec, Outcome, init_worker, process, process_chunk
from mtqa.errors import MtqaError
from mtqa.io.sources import SourceDoc

CHUNK_DOCS = 8
CHUNK_BYTES = 256 * 1024
IN_FLIGHT_PER_WORKER = 3


def _chunks(docs: Iterable[SourceDoc]) -> Iterator[list[SourceDoc]]:
    chunk: list[SourceDoc] = []
    size = 0
    for doc in docs:
        chunk.append(doc)
        size += len(doc.mt)
        if len(chunk) >= CHUNK_DOCS or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate the workers at once (Ctrl-C): they ignore SIGINT, and one may be seconds into
    building its checks or a chunk whose results would be thrown away anyway (written results
    are kept; the rerun resumes). concurrent.futures has no public call for this."""
    for proc in list((pool._processes or {}).values()):
        if proc.is_alive():
            proc.terminate()


def run_local(
    docs: Iterable[SourceDoc], spec: CheckerSpec, workers: int, sink: Callable[[Outcome], None]
) -> None:
    """Check ``docs`` and pass each Outcome to ``sink`` in input order."""
    if workers <= 1:
        checker = spec.build()
        for doc in docs:
            sink(process(doc, checker))
        return
    # spawn, not fork: the parent may run threads (progress bar), and fork with threads can hang.
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=init_worker,
        initargs=(spec,),
    )
    window: deque[Future[list[Outcome]]] = deque()
    try:
        for chunk in _chunks(docs):
            window.append(pool.submit(process_chunk, chunk))
            while len(window) >= workers * IN_FLIGHT_PER_WORKER:
                for outcome in window.popleft().result():
                    sink(outcome)
        while window:
            for outcome in window.popleft().result():
                sink(outcome)
    except BrokenProcessPool:
        raise MtqaError(
            "a worker process died (out of memory, or a crash in a check); "
            "documents written so far are kept: rerun the same command to resume"
        ) from None
    except KeyboardInterrupt:
        _stop_workers(pool)
        raise
    finally:
        for future in window:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
