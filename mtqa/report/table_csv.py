"""CSV/TSV: one row per sentence, with score columns and a compact list of flagged phrases."""

from __future__ import annotations

import csv
from typing import TextIO

from mtqa.types import DocumentResult


def write_csv(doc: DocumentResult, out: TextIO, delimiter: str = ",") -> None:
    score_names = sorted({k for s in doc.sentences for k in s.scores})
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(
        ["id", "index", "quality", "n_flags", "worst_severity", "flags"]
        + score_names
        + ["mt", "src", "ref"]
    )
    for s in doc.sentences:
        flags = "; ".join(f"{f.severity}:{f.category}:{f.text}" for f in s.flags)
        writer.writerow(
            [
                s.segment.id,
                s.segment.index,
                f"{s.quality:.2f}",
                len(s.flags),
                s.worst_severity() or "",
                flags,
            ]
            + [f"{s.scores[k]:.4f}" if k in s.scores else "" for k in score_names]
            + [s.segment.mt, s.segment.src or "", s.segment.ref or ""]
        )
