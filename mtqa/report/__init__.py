"""Pure renderers of results: the same choices for every command that prints results."""

from __future__ import annotations

from typing import TextIO

from mtqa.types import DocumentResult

FORMATS = ("table", "jsonl", "json", "csv", "tsv", "html")


def render(doc: DocumentResult, fmt: str, out: TextIO, *, color: bool | None = None) -> None:
    """Write ``doc`` to ``out`` in one of FORMATS."""
    if fmt == "jsonl":
        from mtqa.report.jsonl import write_jsonl

        write_jsonl(doc, out)
    elif fmt == "json":
        from mtqa.report.jsonl import write_json

        write_json(doc, out)
    elif fmt in ("csv", "tsv"):
        from mtqa.report.table_csv import write_csv

        write_csv(doc, out, delimiter="," if fmt == "csv" else "\t")
    elif fmt == "table":
        from mtqa.report.terminal import write_terminal

        write_terminal(doc, out, color=color)
    elif fmt == "html":
        from mtqa.report.html import write_html

        write_html(doc, out)
    else:
        raise ValueError(f"unknown format {fmt!r}")
