"""Progress on standard error: a rich bar with rate and ETA on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from mtqa.io.sources.archives import Meter

PLAIN_INTERVAL_S = 10.0


class Progress:
    """Counts documents and sentences; shows them as a bar (TTY) or a line every few seconds."""

    def __init__(
        self,
        meter: Meter,
        *,
        enabled: bool = True,
        stream: TextIO | None = None,
        interval_s: float = PLAIN_INTERVAL_S,
    ) -> None:
        self.meter = meter
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.interval_s = interval_s
        self.docs = 0
        self.failed = 0
        self.skipped = 0
        self.sentences = 0
        self._start = time.monotonic()
        self._last_line = self._start
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if self.enabled and self.stream.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                Progress as RichProgress,
                TaskProgressColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._bar = RichProgress(
                TextColumn("[bold]checking[/]"),
                BarColumn(),
                TaskProgressColumn(),
                TextColumn("{task.fields[docs]} docs · {task.fields[rate]} docs/s"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task(
                "batch", total=self.meter.total or None, docs="0", rate="0.0"
            )
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        if self._bar is not None:
            self._refresh()
            self._bar.stop()
        elif self.enabled:
            stopped = exc_type is not None and issubclass(exc_type, KeyboardInterrupt)
            self._line(final=True, stopped=stopped)

    def document(self, sentences: int, failed: bool) -> None:
        self.docs += 1
        self.sentences += sentences
        self.failed += int(failed)
        now = time.monotonic()
        if self._bar is not None:
            self._refresh()
        elif self.enabled and now - self._last_line >= self.interval_s:
            self._last_line = now
            self._line()

    def rate(self) -> float:
        elapsed = time.monotonic() - self._start
        return self.docs / elapsed if elapsed > 0 else 0.0

    def _refresh(self) -> None:
        self._bar.update(
            self._task,
            completed=self.meter.done,
            total=self.meter.total or None,
            docs=f"{self.docs:,}",
            rate=f"{self.rate():.1f}",
        )

    def _line(self, final: bool = False, stopped: bool = False) -> None:
        parts = [
            f"mtqa batch: {self.docs:,} documents ({self.failed:,} failed, {self.skipped:,} skipped)",
            f"{self.sentences:,} sentences",
            f"{self.rate():.1f} docs/s",
        ]
        total = self.meter.total
        if total and not final:
            share = min(1.0, self.meter.done / total)
            parts.append(f"{share:.0%} of input")
            elapsed = time.monotonic() - self._start
            if share > 0:
                eta = elapsed * (1 - share) / share
                parts.append(f"ETA {int(eta // 60)}m{int(eta % 60):02d}s")
        if final and stopped:
            parts.append(
                f"stopped after {time.monotonic() - self._start:.1f}s; rerun the same command to resume"
            )
        elif final:
            parts.append(f"done in {time.monotonic() - self._start:.1f}s")
        print(", ".join(parts), file=self.stream, flush=True)
