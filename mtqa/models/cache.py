"""A persistent cache of model outputs, so re-checking an archive skips work already done.

One SQLite file, ``outputs.sqlite``, in ``$MTQA_CACHE_DIR``, else ``$XDG_CACHE_HOME/mtqa``, else
``~/.cache/mtqa``. ``MTQA_CACHE=off`` keeps outputs in memory only. Entries are keyed by a hash of
the model's signature (name, revision, device, library versions), the task and the input, and hold
JSON or a caller's exact binary encoding, so a hit returns exactly what the first run computed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from mtqa.errors import ModelError


def default_cache_dir() -> Path | None:
    """Where the cache lives, from the environment at call time; None when it is turned off."""
    if os.environ.get("MTQA_CACHE", "").lower() in ("off", "0", "no", "false"):
        return None
    if os.environ.get("MTQA_CACHE_DIR"):
        return Path(os.environ["MTQA_CACHE_DIR"]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "mtqa"


def cache_key(model_signature: str, task: str, parts: Sequence[str]) -> str:
    h = hashlib.sha256()
    for piece in (model_signature, task, *parts):
        h.update(piece.encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class OutputCache:
    """Key → value, in memory and (unless ``folder`` is None) in SQLite.

    ``bytes`` values are stored as they are (a caller's own compact encoding); anything else as
    JSON. A hit returns what was stored: the same bytes, or the decoded JSON.
    """

    def __init__(self, folder: Path | None) -> None:
        self.memory: dict[str, Any] = {}
        self.path = None if folder is None else folder / "outputs.sqlite"
        self._db: sqlite3.Connection | None = None

    def _conn(self) -> sqlite3.Connection | None:
        if self.path is None:
            return None
        if self._db is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=30)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("CREATE TABLE IF NOT EXISTS outputs (key TEXT PRIMARY KEY, value TEXT)")
            except (OSError, sqlite3.Error) as e:
                raise ModelError(f"cannot open the model output cache {self.path}: {e}") from None
            self._db = db
        return self._db

    def get_many(self, keys: Iterable[str]) -> dict[str, Any]:
        wanted = list(dict.fromkeys(keys))
        found = {k: self.memory[k] for k in wanted if k in self.memory}
        missing = [k for k in wanted if k not in found]
        db = self._conn()
        if db is not None:
            for i in range(0, len(missing), 500):
                chunk = missing[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT key, value FROM outputs WHERE key IN ({marks})", chunk)
                for key, value in rows:
                    if isinstance(value, str):
                        value = json.loads(value)
                    found[key] = self.memory[key] = value
        return found

    def put_many(self, items: dict[str, Any]) -> None:
        self.memory.update(items)
        db = self._conn()
        if db is not None and items:
            with db:
                db.executemany(
                    "INSERT OR REPLACE INTO outputs (key, value) VALUES (?, ?)",
                    [(k, v if isinstance(v, bytes) else _json(v)) for k, v in items.items()],
                )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
