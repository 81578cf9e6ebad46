"""The results file: append-only JSONL, one write per document, safe to resume after any kill.

A document's rows (its sentences, then its summary or error row) go out in one ``os.write``; the
summary/error row is always the document's last line. So after a crash, everything up to the last
complete summary or error row is whole, and anything after it is a torn tail that resume cuts off.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mtqa.errors import MtqaError

# A document's last row starts with one of these (rows are written with "row" as the first key).
_LAST_ROW_PREFIXES = (b'{"row": "document"', b'{"row": "error"')
SYNC_INTERVAL_S = 1.0


class ResultsFile:
    """Appends document blocks to ``path``; :meth:`resume` reads back what a previous run wrote."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._last_sync = time.monotonic()

    def resume(self, on_row: Callable[[dict[str, Any]], None]) -> set[str]:
        """doc_ids of documents already complete in the file, passing each one's last row to
        ``on_row``; cuts the file after the last complete document (a torn tail, an old run row)."""
        done: set[str] = set()
        if not self.path.exists():
            return done
        keep = 0
        offset = 0
        try:
            with open(self.path, "rb") as f:
                for line in f:
                    offset += len(line)
                    if not line.endswith(b"\n") or not line.startswith(_LAST_ROW_PREFIXES):
                        continue
                    try:
                        row = json.loads(line)
                    except ValueError:
                        continue
                    done.add(row["doc_id"])
                    on_row(row)
                    keep = offset
            if keep < offset:
                os.truncate(self.path, keep)
        except OSError as e:
            raise MtqaError(f"cannot resume from {self.path}: {e.strerror}") from None
        return done

    def open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as e:
            raise MtqaError(f"cannot write {self.path}: {e.strerror}") from None

    def append(self, block: bytes) -> None:
        """Write one document's rows; partial writes are retried until the block is out."""
        assert self._fd is not None, "open() first"
        view = memoryview(block)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        now = time.monotonic()
        # A killed process loses nothing the kernel already has; fsync guards against power loss,
        # once a second so that small documents do not each wait for the disk.
        if now - self._last_sync >= SYNC_INTERVAL_S:
            os.fsync(self._fd)
            self._last_sync = now

    def close(self) -> None:
        if self._fd is not None:
            os.fsync(self._fd)
            os.close(self._fd)
            self._fd = None
