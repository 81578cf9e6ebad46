"""Reading a batch results file back into documents (for the HTML report and other tools)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mtqa.types import DocumentResult, Flag, Segment, SentenceResult


def _sentence(row: dict[str, Any]) -> SentenceResult:
    segment = Segment(
        index=row["index"], id=row["id"], mt=row["mt"], src=row.get("src"), ref=row.get("ref")
    )
    flags = tuple(
        Flag(
            start=f["start"],
            end=f["end"],
            text=f["text"],
            category=f["category"],
            severity=f["severity"],
            confidence=f["confidence"],
            message=f["message"],
            check=f["check"],
            suggestion=f.get("suggestion"),
        )
        for f in row.get("flags") or ()
    )
    return SentenceResult(
        segment=segment,
        quality=row["quality"],
        scores=row.get("scores") or {},
        flags=flags,
        signature=row.get("signature") or "",
    )


def display_name(row: dict[str, Any]) -> str:
    """How a document is named to a reader: its title and where it came from when it has a title
    (feed items, web pages), else its source (path, archive!member, dump line)."""
    source = str(row.get("source") or row.get("doc_id"))
    title = str((row.get("meta") or {}).get("title") or "").strip()
    return f"{title} — {source}" if title and title not in source else source


class ResultsReader:
    """Reads a results file back, tolerating what resume tolerates: lines that are not JSON rows
    are skipped and counted in :attr:`malformed_lines`, a torn last line is left out."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.malformed_lines = 0

    def documents(self) -> Iterator[tuple[str, DocumentResult]]:
        """(name, document) for each complete checked document, in file order; a document checked
        again later (--retry-failed) appears once. Streams: one document's sentences at a time.
        Error rows are left out."""
        sentences: list[SentenceResult] = []
        doc_id: str | None = None
        with open(self.path, encoding="utf-8", errors="replace") as f:
            for line in f:
                if not line.endswith("\n"):
                    break  # a torn tail from a killed run
                try:
                    row = json.loads(line)
                    kind = row.get("row")
                    if kind == "sentence":
                        if row["doc_id"] != doc_id:
                            sentences, doc_id = [], row["doc_id"]
                        sentences.append(_sentence(row))
                    elif kind == "document":
                        summary = row.get("summary") or {}
                        same = row["doc_id"] == doc_id
                        yield (
                            display_name(row),
                            DocumentResult(
                                sentences=tuple(sentences) if same else (),
                                summary=summary,
                                signature=summary.get("signature") or "",
                            ),
                        )
                        sentences, doc_id = [], None
                    elif kind in ("error", "run"):
                        sentences, doc_id = [], None
                    else:
                        self.malformed_lines += 1
                except (ValueError, KeyError, TypeError, AttributeError):
                    self.malformed_lines += 1


def read_documents(path: Path) -> Iterator[tuple[str, DocumentResult]]:
    """(name, document) for each complete checked document in ``path`` (see ResultsReader)."""
    return ResultsReader(path).documents()
