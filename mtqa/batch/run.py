"""`mtqa batch` as a function: stream documents, check them on an engine, append, report."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from mtqa.batch.output import ResultsFile
from mtqa.batch.progress import Progress
from mtqa.batch.summary import BatchReport
from mtqa.batch.work import CheckerSpec, Outcome
from mtqa.errors import MtqaError
from mtqa.io.sources import SourceDoc, SourceOptions
from mtqa.io.sources.archives import Meter, Reader, Unit, input_bytes, iter_units
from mtqa.io.sources.fetch import is_url
from mtqa.report.jsonl import json_line

ENGINES = ("local", "ray")


@dataclass(frozen=True)
class BatchConfig:
    inputs: tuple[str, ...]
    out: Path
    spec: CheckerSpec = CheckerSpec()
    sources: SourceOptions = SourceOptions()
    workers: int = 1
    engine: str = "local"
    address: str | None = None
    progress: bool = True
    retry_failed: bool = False  # check again the documents that have an error row in ``out``


@dataclass
class RunResult:
    run: dict[str, Any]
    report: BatchReport = field(default_factory=BatchReport)

    @property
    def failed_total(self) -> int:
        return self.report.failed


class _Stopped(KeyboardInterrupt):
    """SIGTERM arrived: stop like Ctrl-C (a BaseException, so no per-document handler eats it)."""


def _raise_stopped(signum: int, frame: FrameType | None) -> None:
    raise _Stopped


def run_batch(cfg: BatchConfig) -> RunResult:
    """Check every document of ``cfg.inputs`` not already complete in ``cfg.out``.

    Raises MtqaError for unusable inputs or options, and KeyboardInterrupt when stopped by SIGINT
    or SIGTERM (every document written so far is whole; rerun to finish).
    """
    if cfg.engine not in ENGINES:
        raise MtqaError(f"unknown engine {cfg.engine!r} (choose from {', '.join(ENGINES)})")
    if cfg.workers < 1:
        raise MtqaError("--workers must be at least 1")
    units = list(iter_units(cfg.inputs, cfg.sources)) if cfg.engine == "ray" else None
    # Expanding once up front reports a missing input before anything is written.
    total_bytes = input_bytes(iter_units(cfg.inputs, cfg.sources))
    _refuse_input_as_out(cfg.inputs, cfg.out)
    results = ResultsFile(cfg.out)
    report = BatchReport()
    signature: list[str] = []

    def resumed(row: dict[str, Any]) -> None:
        report.add(row)
        sig = (row.get("summary") or {}).get("signature")
        if sig:
            signature[:] = [sig]

    results.open()
    try:
        previous_run = results.resume(resumed)
    except BaseException:
        results.close()
        raise
    done = previous_run.done
    # Error rows of earlier runs: skipped (and counted as failed) unless --retry-failed.
    failed_before = dict(previous_run.failed) if cfg.retry_failed else {}
    if not cfg.retry_failed:
        for row in previous_run.failed.values():
            report.add(row)
        done = done | set(previous_run.failed)
    meter = Meter()
    meter.total = total_bytes
    started = time.monotonic()
    counts = {"done": 0, "failed": 0, "skipped": 0, "sentences": 0, "retried": 0}
    out_id = _file_id(cfg.out)

    def pending(source: Iterator[SourceDoc]) -> Iterator[SourceDoc]:
        for doc in source:
            if doc.doc_id in done:
                counts["skipped"] += 1
                progress.skipped += 1
                continue
            yield doc

    def own_output_left_out(source: Iterator[Unit]) -> Iterator[Unit]:
        for unit in source:
            if out_id is None or _file_id(Path(unit.location)) != out_id:
                yield unit

    def sink(outcome: Outcome) -> None:
        if outcome.skipped:
            counts["skipped"] += 1
            progress.skipped += 1
            return
        sig = (outcome.last_row.get("summary") or {}).get("signature")
        if sig and signature and sig != signature[0]:
            raise MtqaError(
                f"{cfg.out} holds results from other checks or settings ({signature[0]}); "
                f"this run's are {sig}: give a new --out"
            )
        if sig and not signature:
            signature.append(sig)
        results.append(outcome.block)
        report.add(outcome.last_row)
        if failed_before.pop(outcome.doc_id, None) is not None:
            counts["retried"] += 1  # its new row stands for it now, not the old error row
        counts["failed" if outcome.failed else "done"] += 1
        counts["sentences"] += outcome.sentences
        progress.document(outcome.sentences, outcome.failed)

    previous = signal.signal(signal.SIGTERM, _raise_stopped)
    try:
        with Progress(meter, enabled=cfg.progress) as progress:
            if cfg.engine == "ray":
                from mtqa.batch.ray_engine import run_ray

                run_ray(
                    [u for u in units or [] if _file_id(Path(u.location)) != out_id],
                    cfg.sources,
                    cfg.spec,
                    done,
                    cfg.workers,
                    cfg.address,
                    sink,
                )
            else:
                from mtqa.batch.local import run_local

                reader = Reader(cfg.sources, meter)
                docs = reader.documents(own_output_left_out(iter_units(cfg.inputs, cfg.sources)))
                run_local(pending(docs), cfg.spec, cfg.workers, sink)
        # Error rows of earlier runs that this run did not meet again still stand in the file.
        for row in failed_before.values():
            report.add(row)
        run = {
            "row": "run",
            "documents": report.documents,
            "done": counts["done"],
            "skipped": counts["skipped"],
            "failed": counts["failed"],
            "failed_total": report.failed,
            "retried": counts["retried"],
            "failed_untried": 0 if cfg.retry_failed else len(previous_run.failed),
            "ignored": meter.ignored,
            "ignored_examples": meter.ignored_examples,
            "malformed_lines": previous_run.malformed_lines,
            "sentences": counts["sentences"],
            "elapsed_s": round(time.monotonic() - started, 2),
            "engine": cfg.engine,
            "workers": cfg.workers,
            "signature": signature[0] if signature else None,
        }
        results.append(json_line(run).encode())
    except _Stopped:
        raise KeyboardInterrupt from None
    finally:
        signal.signal(signal.SIGTERM, previous)
        results.close()
    return RunResult(run=run, report=report)


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _refuse_input_as_out(inputs: tuple[str, ...], out: Path) -> None:
    """--out must never name an input (it would be read while being appended to). A results file
    found by walking a directory or a glob is left out of the inputs instead (see run_batch)."""
    out_id = _file_id(out)
    if out_id is None:
        return
    for item in inputs:
        if not is_url(item) and _file_id(Path(item)) == out_id:
            raise MtqaError(f"--out {out} is one of the inputs; write the results to another file")
