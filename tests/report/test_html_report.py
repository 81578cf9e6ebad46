"""The HTML report as markup: escaping, the marked spans, the side list, many-document output."""

from __future__ import annotations

import io
from html.parser import HTMLParser
from pathlib import Path

import pytest
from html_samples import HOSTILE, sample_doc

from mtqa.report import FORMATS, render
from mtqa.report.html import highlight_spans, histogram, render_html, write_html_dir
from mtqa.types import DocumentResult


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text inside each <mark>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[str] = []
        self._in_mark = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "mark":
            self._in_mark = True
            self.marks.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self._in_mark = False

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self.marks[-1] += data


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def test_html_is_a_format_of_render(doc: DocumentResult):
    assert "html" in FORMATS
    out = io.StringIO()
    render(doc, "html", out)
    assert out.getvalue().startswith("<!DOCTYPE html>")


def test_input_never_becomes_markup(doc: DocumentResult):
    html = render_html(doc)
    tags = parse(html)
    names = [t for t, _ in tags.tags]
    assert "script" not in names and "img" not in names
    assert not any(k.startswith("on") for _, attrs in tags.tags for k in attrs)
    # The hostile sentence is there, escaped, and its flagged span decodes back to the input.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<script>alert(1)</script>" in tags.marks
    tips = [attrs["data-tip"] for t, attrs in tags.tags if t == "mark"]
    assert any('markup "<b>" in text' in (tip or "") and "<i>x</i>" in (tip or "") for tip in tips)


def test_self_contained(doc: DocumentResult):
    tags = parse(render_html(doc))
    for tag, attrs in tags.tags:
        assert tag not in ("link", "script", "iframe", "img")
        for key in ("src", "href"):
            value = attrs.get(key)
            assert value is None or value.startswith("#"), (tag, attrs)
    csp = [a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv")]
    assert csp and "default-src 'none'" in (csp[0] or "")


def test_marks_cover_the_flagged_spans(doc: DocumentResult):
    tags = parse(render_html(doc))
    marks = [attrs for t, attrs in tags.tags if t == "mark"]
    expected = [f for s in doc.sentences for f in s.flags]
    assert tags.marks == [f.text for f in expected]
    for attrs, f in zip(marks, expected):
        assert attrs["class"] == f"flag sev-{f.severity}"
        assert (int(attrs["data-start"] or -1), int(attrs["data-end"] or -1)) == (f.start, f.end)
        assert attrs["tabindex"] == "0"
        # Screen readers reach the message through the side list entry.
        described = attrs["aria-describedby"]
        assert any(t == "li" and a.get("id") == described for t, a in tags.tags)
        assert f.message in (attrs["data-tip"] or "")


def test_sources_sit_beside_translations(doc: DocumentResult):
    html = render_html(doc)
    for s in doc.sentences:
        if s.segment.src:
            assert s.segment.src in html
    tags = parse(html)
    langs = {a.get("lang") for t, a in tags.tags if t == "p"}
    assert {"ru", "en"} <= langs


@pytest.mark.parametrize(
    "spans,expected",
    [
        # (start, end, severity) of each flag -> the pieces marked, (start, end, severity, n flags)
        (
            [(0, 4, "minor"), (2, 6, "critical")],
            [(0, 2, "minor", 1), (2, 4, "critical", 2), (4, 6, "critical", 1)],
        ),
        ([(0, 4, "major"), (4, 8, "major")], [(0, 4, "major", 1), (4, 8, "major", 1)]),
        (
            [(0, 8, "minor"), (2, 4, "major")],
            [(0, 2, "minor", 1), (2, 4, "major", 2), (4, 8, "minor", 1)],
        ),
        ([(3, 3, "major"), (5, 99, "critical")], []),
    ],
)
def test_overlapping_flags_all_highlighted(spans, expected):
    from mtqa.types import Flag, Segment, SentenceResult

    mt = "abcdefghij"
    flags = tuple(
        Flag(a, b, mt[a:b], "x", sev, 0.5, "m", "hand")
        for a, b, sev in spans  # type: ignore[arg-type]
    )
    s = SentenceResult(Segment(0, "1", mt), 50.0, {}, flags, "sig")
    assert [(p.start, p.end, p.severity, len(p.flags)) for p in highlight_spans(s)] == expected


def test_overlapping_flags_both_marked_and_linked():
    """Issue 14.8: "dual destination" and "destination goods" are both visible in the page."""
    from mtqa.report.html import render_html
    from mtqa.types import DocumentResult, Flag, Segment, SentenceResult

    mt = "Exports of dual destination goods rose."
    a, b = mt.index("dual destination"), mt.index("destination goods")
    flags = (
        Flag(a, a + 16, "dual destination", "collocation", "major", 0.7, "m1", "x"),
        Flag(b, b + 17, "destination goods", "collocation", "minor", 0.5, "m2", "x"),
    )
    doc = DocumentResult((SentenceResult(Segment(0, "1", mt), 50.0, {}, flags, "sig"),), {}, "sig")
    tags = parse(render_html(doc))
    assert "".join(tags.marks) == "dual destination goods"
    assert tags.marks == ["dual ", "destination", " goods"]
    marks = [attrs for t, attrs in tags.tags if t == "mark"]
    # Every flag has an anchor its side-list entry links to, and the shared piece names both.
    ids = {m.get("id") for m in marks} - {None}
    assert ids == {"mark-1-1", "mark-1-2"}
    links = {attrs.get("href") for t, attrs in tags.tags if t == "a"}
    assert {"#mark-1-1", "#mark-1-2"} <= links
    assert marks[1]["aria-describedby"] == "flag-1-1 flag-1-2"


@pytest.mark.parametrize(
    "qualities,expected",
    [
        ([], [0] * 10),
        ([0, 9.99, 10, 55, 99.9, 100], [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]),
    ],
)
def test_histogram(qualities, expected):
    assert histogram(qualities) == expected


def test_histogram_in_page_counts_sentences(doc: DocumentResult):
    tags = parse(render_html(doc))
    counts = [int(a["data-count"] or 0) for t, a in tags.tags if t == "li" and "data-count" in a]
    assert counts == histogram(s.quality for s in doc.sentences)


def test_write_html_dir(tmp_path: Path, doc: DocumentResult):
    index = write_html_dir(
        [("a/first.txt", doc), ("second <b>.txt", sample_doc())], tmp_path / "out"
    )
    assert index == tmp_path / "out" / "index.html"
    pages = sorted(p.name for p in index.parent.glob("*.html"))
    assert pages == ["001-first-txt.html", "002-second-b-txt.html", "index.html"]
    html = index.read_text(encoding="utf-8")
    links = [a["href"] for t, a in parse(html).tags if t == "a"]
    assert links == ["001-first-txt.html", "002-second-b-txt.html"]
    assert "second &lt;b&gt;.txt" in html
    page = (index.parent / "002-second-b-txt.html").read_text(encoding="utf-8")
    assert '<a href="index.html">' in page and HOSTILE not in page
