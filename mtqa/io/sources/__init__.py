"""Where batch documents come from: feeds, web articles, files, directory trees and archives.

Every source is streamed: it yields one :class:`SourceDoc` at a time and never holds an archive,
dump or directory listing's contents in memory beyond the current document. A document that cannot
be read becomes a ``SourceDoc`` with ``error`` set, so the batch can write an error row and go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from mtqa.io.decode import DEFAULT_MAX_DOC_BYTES

# How a document's payload becomes text: plain text (bytes to decode, or str already text), an HTML
# page (main text extracted), or a file in `mtqa check`'s segment formats (one sentence per row).
Parser = Literal["text", "html", "jsonl", "tsv", "csv"]


@dataclass(frozen=True)
class SourceDoc:
    """One document to check, as read from its source (not yet split into sentences)."""

    doc_id: str  # stable and unique within a run: the key a resumed run skips by
    source: str  # where it was read: path, archive!member, dump:line N, URL
    group: str  # the feed, folder or archive it belongs to (for per-group averages)
    parser: Parser = "text"
    mt: bytes | str = b""
    src: bytes | str | None = None
    ref: bytes | str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    error: str | None = None  # set when reading failed: the batch writes an error row
    record_id: str | None = None  # a dump row's own id (--id-field), written in its rows as "id"

    @classmethod
    def failed(
        cls, doc_id: str, source: str, group: str, error: str, record_id: str | None = None
    ) -> SourceDoc:
        return cls(doc_id=doc_id, source=source, group=group, error=error, record_id=record_id)


@dataclass(frozen=True)
class SourceOptions:
    """How inputs are read: dump fields, paired trees, and limits."""

    text_field: str = "text"
    src_field: str | None = None
    ref_field: str | None = None
    id_field: str = "id"
    src_tree: str | None = None
    ref_tree: str | None = None
    src_pattern: str | None = None  # see mtqa.io.src_pattern: '{stem}.ru.txt'
    timeout_s: float = 30.0  # a URL's whole fetch, not each read
    max_fetch_bytes: int = 50_000_000
    max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES  # one document, file or archive member, decompressed


__all__ = ["Parser", "SourceDoc", "SourceOptions"]
