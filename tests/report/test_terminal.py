"""The table report: every flag stays visible, and lines wrap only on a terminal."""

from __future__ import annotations

import io

import pytest

from mtqa.report.terminal import write_terminal
from mtqa.types import DocumentResult, Flag, Segment, SentenceResult

MT = "Exports of dual destination goods rose sharply last year."


def doc_with(spans: list[tuple[str, str]]) -> DocumentResult:
    flags = tuple(
        Flag(MT.index(text), MT.index(text) + len(text), text, "collocation", sev, 0.6, "m", "x")  # type: ignore[arg-type]
        for text, sev in spans
    )
    sentence = SentenceResult(Segment(0, "1", MT), 50.0, {}, flags, "sig")
    return DocumentResult((sentence,), {"sentences": 1, "quality": 50.0}, "sig")


def body_line(doc: DocumentResult, color: bool) -> str:
    out = io.StringIO()
    write_terminal(doc, out, color=color)
    return next(line for line in out.getvalue().splitlines() if "Exports" in line)


@pytest.mark.parametrize(
    "spans,expected",
    [
        # Issue 14.8: two overlapping flags, both inside the brackets.
        (
            [("dual destination", "major"), ("destination goods", "minor")],
            "Exports of [[dual destination goods]] rose sharply last year.",
        ),
        (
            [("destination goods", "minor"), ("rose sharply", "critical")],
            "Exports of dual [destination goods] [[[rose sharply]]] last year.",
        ),
        (
            [("dual destination goods", "minor"), ("destination", "major")],
            "Exports of [[dual destination goods]] rose sharply last year.",
        ),
    ],
)
def test_overlapping_flags_bracketed_together(spans, expected):
    assert body_line(doc_with(spans), color=False).strip() == expected


def test_overlapping_flags_all_coloured():
    line = body_line(
        doc_with([("dual destination", "major"), ("destination goods", "minor")]), True
    )
    # Styled text from "dual" to "goods": no unstyled gap where one flag would have been dropped.
    assert "\x1b[" in line.split("dual")[0][-12:] and "goods\x1b[0m" in line


def test_flags_listed_under_the_sentence():
    out = io.StringIO()
    write_terminal(
        doc_with([("dual destination", "major"), ("destination goods", "minor")]), out, color=False
    )
    text = out.getvalue()
    assert "“dual destination”" in text and "“destination goods”" in text
