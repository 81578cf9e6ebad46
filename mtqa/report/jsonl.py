"""JSON Lines (one object per sentence) and whole-document JSON."""

from __future__ import annotations

import json
from typing import TextIO

from mtqa.types import DocumentResult


def write_jsonl(doc: DocumentResult, out: TextIO) -> None:
    for sentence in doc.sentences:
        out.write(json.dumps(sentence.to_dict(), ensure_ascii=False) + "\n")


def write_json(doc: DocumentResult, out: TextIO) -> None:
    json.dump(doc.to_dict(), out, ensure_ascii=False, indent=2)
    out.write("\n")
