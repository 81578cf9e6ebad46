"""Reading a batch results file back into documents (for the HTML report and other tools)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mtqa.types import DocumentResult, Flag, Segment, SentenceResult


def _sentence(row: dict[str, Any]) -> SentenceResult:
    segment = Segment(index=row["index"], id=row["id"], mt=row["mt"], src=row.get("src"), ref=row.get("ref"))
    flags = tuple(
        Flag(
            start=f["start"], end=f["end"], text=f["text"], category=f["category"],
            severity=f["severity"], confidence=f["confidence"], message=f["message"],
            check=f["check"], suggestion=f.get("suggestion"),
        )
        for f in row.get("flags") or ()
    )
    return SentenceResult(
        segment=segment, quality=row["quality"], scores=row.get("scores") or {}, flags=flags,
        signature=row.get("signature") or "",
    )


def read_documents(path: Path) -> Iterator[tuple[str, DocumentResult]]:
    """(source, document) for each complete checked document in ``path``, in file order.

    Streams: only one document's sentences are held at a time. Error rows are left out.
    """
    sentences: list[SentenceResult] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.endswith("\n"):
                break  # a torn tail from a killed run
            row = json.loads(line)
            kind = row.get("row")
            if kind == "sentence":
                sentences.append(_sentence(row))
            elif kind == "document":
                summary = row.get("summary") or {}
                yield row.get("source") or row["doc_id"], DocumentResult(
                    sentences=tuple(sentences), summary=summary,
                    signature=summary.get("signature") or "",
                )
                sentences = []
            else:
                sentences = []
