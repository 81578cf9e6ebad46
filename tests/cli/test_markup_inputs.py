"""`mtqa check` on a feed or a saved web page: markup is never checked as English.

A feed is many articles: a clear error that points to `mtqa batch`. A saved page is one article:
its main text is checked (as `mtqa batch` reads pages). Both used to be read as plain text, tags
and all, and scored like prose without a word.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app

runner = CliRunner()

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>News</title>
<item><title>Talks resumed</title><link>https://n.example/1</link>
<description><![CDATA[<p>The talks resumed in Geneva on Monday.</p>]]></description></item>
</channel></rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>
<entry><title>Talks</title><id>urn:1</id><summary>The talks resumed.</summary></entry></feed>
"""
BODY = (
    "The foreign ministers met in Geneva on Monday and agreed to continue the talks next month. "
    "Both delegations described the meeting as constructive and said that several questions "
    "about trade and energy remained open."
)
PAGE = f"""<!DOCTYPE html><html><head><title>Ministers meet in Geneva</title>
<script>var tracking = "the the";</script></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Ministers meet in Geneva</h1><p>{BODY}</p><p>{BODY}</p></article>
<footer>Copyright 2024 News Example</footer></body></html>
"""


@pytest.mark.parametrize(
    "name, content", [("feed.xml", RSS), ("feed.atom", ATOM), ("news.txt", RSS), ("-", ATOM)]
)
def test_a_feed_is_refused_with_a_pointer_to_batch(tmp_path: Path, name: str, content: str):
    path = "-" if name == "-" else str(tmp_path / name)
    if name != "-":
        Path(path).write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["check", path, "--checks", "rules"], input=content)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("mtqa: error: ") and "RSS/Atom feed" in line
    assert "mtqa batch" in line and "--input-format text" in line


def test_a_feed_read_as_text_when_asked(tmp_path: Path):
    path = tmp_path / "feed.xml"
    path.write_text(RSS, encoding="utf-8")
    args = ["check", str(path), "--input-format", "text", "--checks", "rules", "-f", "jsonl"]
    assert runner.invoke(app, args).exit_code == 0


@pytest.mark.parametrize("name", ["page.html", "page.htm", "saved.txt", "-"])
def test_a_saved_page_is_checked_by_its_article_text(tmp_path: Path, name: str):
    pytest.importorskip("trafilatura", reason="the batch extra reads web pages")
    path = "-" if name == "-" else str(tmp_path / name)
    if name != "-":
        Path(path).write_text(PAGE, encoding="utf-8")
    args = ["check", path, "--checks", "rules", "-f", "jsonl"]
    result = runner.invoke(app, args, input=PAGE)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "Geneva on Monday" in text
    for markup in ("<p>", "<script", "tracking", "Copyright", "Home"):
        assert markup not in text, markup
