"""JSON Lines (one object per sentence) and whole-document JSON."""

from __future__ import annotations

import json
from typing import Any, TextIO

from mtqa.types import DocumentResult

# Line breaks to Unicode (str.splitlines, editors) but not to JSON: escaped, so one object stays
# one line for every reader. JSON text only holds non-ASCII characters inside strings.
_UNICODE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"})


def json_text(obj: Any, indent: int | None = None) -> str:
    """``obj`` as JSON, non-ASCII text readable, Unicode line separators escaped."""
    return json.dumps(obj, ensure_ascii=False, indent=indent).translate(_UNICODE_BREAKS)


def json_line(obj: Any) -> str:
    """One JSON Lines line for ``obj``, ending in a newline."""
    return json_text(obj) + "\n"


def write_jsonl(doc: DocumentResult, out: TextIO) -> None:
    for sentence in doc.sentences:
        out.write(json_line(sentence.to_dict()))


def write_json(doc: DocumentResult, out: TextIO) -> None:
    out.write(json_text(doc.to_dict(), indent=2) + "\n")
