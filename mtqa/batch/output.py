"""The results file: append-only JSONL, one write per document, safe to resume after any kill.

A document's rows (its sentences, then its summary or error row) go out in one ``os.write``; the
summary/error row is always the document's last line. Resume parses every line as JSON (so a file
reformatted by ``jq -c`` still resumes) and cuts nothing but a torn last line and the sentence rows
of one unfinished document after it. A run holds an exclusive lock on the file, so two batches
never append to the same results.
"""

from __future__ import annotations

import fcntl
import json
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mtqa.errors import MtqaError

ROW_KINDS = frozenset(("sentence", "document", "error", "run"))
LAST_ROW_KINDS = frozenset(("document", "error"))
SYNC_INTERVAL_S = 1.0
SNIFF_LINES = 5  # lines read to decide whether an existing file holds mtqa results


@dataclass
class Resumed:
    """What a previous run left in the results file."""

    done: set[str] = field(default_factory=set)  # documents with a summary row
    failed: dict[str, dict[str, Any]] = field(default_factory=dict)  # doc_id -> its last error row
    malformed_lines: int = 0  # lines kept in place but not understood (not JSON, not a row)
    cut_bytes: int = 0  # bytes of a torn tail cut off


def is_results_row(row: object) -> bool:
    return (
        isinstance(row, dict)
        and row.get("row") in ROW_KINDS
        and (row.get("row") == "run" or isinstance(row.get("doc_id"), str))
    )


def check_results_file(path: Path) -> None:
    """Raise MtqaError unless ``path`` is absent, empty, or starts like an mtqa results file."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as e:
        raise MtqaError(f"--out {path}: {e.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        raise MtqaError(f"--out {path}: is a directory; give a file name")
    if not stat.S_ISREG(st.st_mode):
        raise MtqaError(f"--out {path}: not a regular file")
    if st.st_size == 0:
        return
    refuse = MtqaError(
        f"--out {path} exists and is not an mtqa results file; give a new file name "
        "(mtqa never overwrites other files)"
    )
    try:
        with open(path, "rb") as f:
            lines = [f.readline(1 << 20) for _ in range(SNIFF_LINES)]
    except OSError as e:
        raise MtqaError(f"--out {path}: cannot read ({e.strerror})") from None
    whole = [line for line in lines if line.endswith(b"\n")]
    if not whole:
        raise refuse  # one torn line is not evidence of a results file
    for line in whole:
        try:
            row = json.loads(line)
        except ValueError:
            continue
        if is_results_row(row):
            return
    raise refuse


class ResultsFile:
    """Appends document blocks to ``path``; :meth:`resume` reads back what a previous run wrote.

    :meth:`open` checks the file is safe to write and takes the lock; hold it until :meth:`close`.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self._last_sync = time.monotonic()

    def open(self) -> None:
        """Open for appending and take an exclusive lock; refuse a file that is not mtqa's."""
        check_results_file(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except OSError as e:
            raise MtqaError(f"cannot write {self.path}: {e.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise MtqaError(
                f"--out {self.path} is in use by another mtqa batch; wait for it or give another file"
            ) from None
        self._fd = fd
        # The file may have been replaced between the check and the lock; check what we locked.
        check_results_file(self.path)

    def resume(self, on_row: Callable[[dict[str, Any]], None]) -> Resumed:
        """Read what a previous run wrote (call after :meth:`open`): each complete document's last
        row goes to ``on_row`` (a later row for the same document wins over an earlier error row,
        whose rows are returned in ``failed`` instead). Cuts only a torn last line and the sentence
        rows of the one unfinished document before it."""
        assert self._fd is not None, "open() first"
        state = Resumed()
        keep = 0  # end of the last line we keep
        offset = 0
        tail_doc: str | None = None  # an unfinished document's sentence rows since ``keep``
        try:
            with open(self.path, "rb") as f:
                for line in f:
                    offset += len(line)
                    if not line.endswith(b"\n"):
                        break  # only the last line can lack its newline: a torn write
                    try:
                        row = json.loads(line)
                    except ValueError:
                        row = None
                    if not is_results_row(row):
                        state.malformed_lines += 1
                        keep, tail_doc = offset, None
                        continue
                    kind = row["row"]
                    if kind == "sentence":
                        if tail_doc != row["doc_id"]:
                            keep, tail_doc = offset - len(line), row["doc_id"]
                        continue
                    keep, tail_doc = offset, None
                    if kind == "run":
                        continue
                    doc_id = row["doc_id"]
                    if kind == "document":
                        state.failed.pop(doc_id, None)
                        if doc_id not in state.done:
                            state.done.add(doc_id)
                            on_row(row)
                    elif doc_id not in state.done:
                        state.failed[doc_id] = row
            if keep < offset:
                os.truncate(self.path, keep)
                state.cut_bytes = offset - keep
        except OSError as e:
            raise MtqaError(f"cannot resume from {self.path}: {e.strerror}") from None
        return state

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
            os.close(self._fd)  # releases the lock
            self._fd = None
