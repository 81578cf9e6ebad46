"""The table report: every flag stays visible, and lines wrap only on a terminal."""

from __future__ import annotations

import io
import re

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


@pytest.mark.parametrize("color", [False, True])
@pytest.mark.parametrize("brk", ["\n", "\r", "\u2028", "\u0085"])
def test_a_wrapped_sentence_stays_in_its_indented_block(color: bool, brk: str):
    # A sentence wrapped over two lines in the article keeps its line break in `mt` (offsets);
    # the table used to print the second line at the left margin, outside the sentence's block.
    mt = f"The ministers discussed the dual{brk}destination goods on Monday."
    start = mt.index("dual")
    end = start + len("dual destination goods")
    flag = Flag(start, end, mt[start:end], "collocation", "major", 0.6, "m", "x")
    src = f"Министры обсудили{brk}товары двойного назначения."
    sentence = SentenceResult(Segment(0, "1", mt, src=src), 50.0, {}, (flag,), "sig")
    out = io.StringIO()
    write_terminal(DocumentResult((sentence,), {"sentences": 1}, "sig"), out, color=color)
    lines = re.sub(r"\x1b\[[0-9;]*m", "", out.getvalue()).splitlines()  # colour codes out
    body = next(i for i, line in enumerate(lines) if "ministers" in line)
    assert "goods" in lines[body] and lines[body].endswith("on Monday.")
    assert lines[body + 1].startswith("    src: ") and "товары двойного" in lines[body + 1]
    assert lines[body + 2].lstrip().startswith("major") and "dual destination" in lines[body + 2]
