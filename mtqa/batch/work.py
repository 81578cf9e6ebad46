"""What a batch worker does with one document: read it into segments, check it, render its rows.

Runs in whichever process holds the Checker (the main one, a pool worker or a Ray actor). Every
failure becomes an error row naming the document, so one bad document never stops the batch.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mtqa.errors import MtqaError
from mtqa.io.decode import decode, reject_lone_surrogates, strip_invisible
from mtqa.io.readers import parse_article, parse_jsonl, parse_table
from mtqa.io.sources import SourceDoc

if TYPE_CHECKING:
    from mtqa.pipeline import Checker


@dataclass(frozen=True)
class CheckerSpec:
    """Everything needed to build the same Checker in any process (it must pickle)."""

    checks: tuple[str, ...] | None = None
    src_lang: str = "ru"
    tgt_lang: str = "en"
    calibration: str | None = None
    # Extra Check classes as "module:Class" paths, added after the named checks (plug-ins, tests).
    extra: tuple[str, ...] = ()

    def build(self) -> Checker:
        from mtqa.calibration import load_calibration
        from mtqa.checks import Check, Languages
        from mtqa.pipeline import Checker

        langs = Languages(src=self.src_lang, tgt=self.tgt_lang)
        calibration = load_calibration(self.calibration) if self.calibration else None
        extra: list[Check] = []
        for path in self.extra:
            module, _, attr = path.partition(":")
            extra.append(getattr(importlib.import_module(module), attr)(None, langs))
        return Checker(checks=self.checks, langs=langs, calibration=calibration, extra=extra)


@dataclass(frozen=True)
class Outcome:
    """A finished document: its rows (ending with its summary or error row) ready to append."""

    doc_id: str
    block: bytes
    last_row: dict[str, Any]  # the document or error row, for the run's report
    sentences: int
    skipped: bool = False

    @property
    def failed(self) -> bool:
        return self.last_row.get("row") == "error"


def _dumps(row: dict[str, Any]) -> str:
    from mtqa.report.jsonl import json_text

    return json_text(row)


def error_outcome(doc: SourceDoc, stage: str, message: str) -> Outcome:
    row = {
        "row": "error",
        "doc_id": doc.doc_id,
        "source": doc.source,
        "group": doc.group,
        "stage": stage,
        "error": message,
    }
    if doc.record_id is not None:
        row["id"] = doc.record_id
    return Outcome(doc.doc_id, (_dumps(row) + "\n").encode(), row, 0)


def _text(value: bytes | str, name: str) -> str:
    if isinstance(value, str):
        reject_lone_surrogates(value, name)  # text from a JSON dump can hold "\ud800"
        return strip_invisible(value)
    return decode(value, name)


def to_segments(doc: SourceDoc, src_lang: str, tgt_lang: str) -> Sequence[Any]:
    """The document's segments, by its parser; raises MtqaError for input that cannot be read."""
    name = doc.source
    if doc.parser == "jsonl":
        return parse_jsonl(_text(doc.mt, name), name)
    if doc.parser in ("tsv", "csv"):
        return parse_table(_text(doc.mt, name), name, "\t" if doc.parser == "tsv" else ",")
    if doc.parser == "html":
        from mtqa.io.sources.web import article_text

        mt, meta = article_text(doc.mt, name, doc.meta.get("url"))
        doc.meta.update({k: v for k, v in meta.items() if k not in doc.meta})
        src = None if doc.src is None else article_text(doc.src, f"{name} (src)")[0]
        ref = None if doc.ref is None else article_text(doc.ref, f"{name} (ref)")[0]
    else:
        mt = _text(doc.mt, name)
        src = None if doc.src is None else _text(doc.src, f"{name} (src)")
        ref = None if doc.ref is None else _text(doc.ref, f"{name} (ref)")
    return parse_article(
        mt,
        name,
        None if src is None else (f"{name} (src)", src),
        None if ref is None else (f"{name} (ref)", ref),
        src_lang,
        tgt_lang,
    )


def process(doc: SourceDoc, checker: Checker) -> Outcome:
    """Check one document; never raises for a problem with the document or a check."""
    if doc.error is not None:
        return error_outcome(doc, "read", doc.error)
    try:
        segments = to_segments(doc, checker.langs.src, checker.langs.tgt)
    except MtqaError as e:
        return error_outcome(doc, "read", str(e))
    except Exception as e:  # noqa: BLE001 - a parser bug on one document must not stop the batch
        return error_outcome(doc, "read", f"{doc.source}: cannot read ({type(e).__name__}: {e})")
    try:
        result = checker.check_document(segments)
    except Exception as e:  # noqa: BLE001 - a failing check is reported for this document only
        return error_outcome(
            doc, "check", f"{doc.source}: a check failed ({type(e).__name__}: {e})"
        )
    try:
        return _document_outcome(doc, result)
    except Exception as e:  # noqa: BLE001 - e.g. text that cannot be written as UTF-8 JSON
        return error_outcome(
            doc, "write", f"{doc.source}: cannot write its rows ({type(e).__name__}: {e})"
        )


def _document_outcome(doc: SourceDoc, result: Any) -> Outcome:
    lines = []
    for sentence in result.sentences:
        row = {"row": "sentence", "doc_id": doc.doc_id, "source": doc.source}
        row.update(sentence.to_dict())
        lines.append(_dumps(row))
    last = {
        "row": "document",
        "doc_id": doc.doc_id,
        "source": doc.source,
        "group": doc.group,
        "meta": doc.meta,
        "summary": result.summary,
    }
    if doc.record_id is not None:
        last["id"] = doc.record_id
    lines.append(_dumps(last))
    return Outcome(doc.doc_id, ("\n".join(lines) + "\n").encode(), last, len(result.sentences))


# --- one Checker per worker process ----------------------------------------------------------

_checker: Checker | None = None


def init_worker(spec: CheckerSpec) -> None:
    """Pool initializer: build the Checker once; Ctrl-C is the parent's to handle."""
    import signal

    global _checker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    _checker = spec.build()


def _exit_with_parent() -> None:
    """A parent killed with SIGKILL cannot stop its pool: workers notice and leave by themselves."""
    import os
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="mtqa-parent-watch", daemon=True).start()


def process_chunk(docs: list[SourceDoc]) -> list[Outcome]:
    assert _checker is not None, "init_worker was not run"
    return [process(doc, _checker) for doc in docs]
