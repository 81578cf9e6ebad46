"""Batch reports name documents as a reader knows them and survive a damaged results file
(issue 13 item 14, issue 14 item 12)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from batch_helpers import CHECKS, SENTENCES, article, last_rows, rss_feed
from typer.testing import CliRunner

from mtqa.cli import app


def batch(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["batch", "--checks", CHECKS, "--no-progress", *args])
    return result.exit_code, result.output


def test_report_html_skips_and_counts_malformed_lines(tmp_path: Path) -> None:
    src = tmp_path / "d.jsonl"
    src.write_text(
        "".join(json.dumps({"text": article(i)}) + "\n" for i in range(2)), encoding="utf-8"
    )
    out = tmp_path / "r.jsonl"
    assert batch(str(src), "--out", str(out))[0] == 0
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text(lines[0] + "{broken\n" + "".join(lines[1:]), encoding="utf-8")
    code, output = batch(str(src), "--out", str(out), "--report-html", str(tmp_path / "html"))
    assert code == 0, output
    assert "--report-html: 1 line(s) of r.jsonl are not mtqa rows and were skipped" in output
    index = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert "1 line(s) of r.jsonl are not mtqa rows" in index
    assert index.count("<tr><td>") == 2


def test_html_index_worst_first_titled_and_feed_items_named(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(rss_feed(3), encoding="utf-8")
    garbled = tmp_path / "garbled.txt"
    garbled.write_text(
        "Calm and calm calm and calm the the the ministry of foreign cases cases.", encoding="utf-8"
    )
    out = tmp_path / "r.jsonl"
    code, output = batch(
        str(feed), str(garbled), "--out", str(out), "--report-html", str(tmp_path / "html")
    )
    assert code == 0, output
    docs = last_rows(out)
    item = docs[f"{feed}#urn:news:0"]
    assert item["source"] == "https://news.example/a/0"
    index = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert (
        "<caption" not in index and "<title>Translation quality reports: r.jsonl</title>" in index
    )
    qualities = [float(q) for q in re.findall(r'<span class="band-\w+">([\d.]+)</span>', index)]
    assert len(qualities) == 4 and qualities == sorted(qualities)
    assert "Headline number 0 — https://news.example/a/0" in index
    page = next((tmp_path / "html").glob("001-*.html")).read_text(encoding="utf-8")
    assert "<title>Headline number 0 — https://news.example/a/0</title>" in page
    assert "entry 1" not in output


def test_dump_rows_carry_their_own_id_and_duplicates_are_errors(tmp_path: Path) -> None:
    src = tmp_path / "d.jsonl"
    rows = [
        {"id": "x-1", "text": article(1)},
        {"id": 7, "text": article(2)},
        {"id": "x-1", "text": SENTENCES[0]},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "r.jsonl"
    assert batch(str(src), "--out", str(out))[0] == 0
    docs = list(last_rows(out).values())
    assert [(d["row"], d.get("id")) for d in docs] == [
        ("document", "x-1"),
        ("document", "7"),
        ("error", "x-1"),
    ]
    assert docs[0]["source"] == f"{src} line 1 (id x-1)"
    assert "duplicate id 'x-1' (first on line 1)" in docs[2]["error"]


def test_dump_ids_that_are_not_ids_are_error_rows(tmp_path: Path) -> None:
    src = tmp_path / "d.jsonl"
    src.write_text(
        '{"id": 1e400, "text": "One sentence here."}\n{"id": true, "text": "Two."}\n'
        '{"id": NaN, "text": "Three."}\n{"id": "ok", "text": "Four sentences here."}\n',
        encoding="utf-8",
    )
    out = tmp_path / "r.jsonl"
    assert batch(str(src), "--out", str(out))[0] == 0
    docs = list(last_rows(out).values())
    assert [d["row"] for d in docs] == ["error", "error", "error", "document"]
    assert "must be a string or a whole number (got inf)" in docs[0]["error"]
    assert "(got True)" in docs[1]["error"]
    assert "NaN is not a JSON value" in docs[2]["error"]


def test_report_goes_into_a_new_folder_like_out(tmp_path: Path) -> None:
    """--out creates its folder; --report failed after the whole batch had run ("cannot write
    .../r.json: No such file or directory")."""
    doc = tmp_path / "a.txt"
    doc.write_text(article(1), encoding="utf-8")
    out, report = tmp_path / "new" / "r.jsonl", tmp_path / "reports" / "2024" / "r.json"
    code, output = batch(str(doc), "--out", str(out), "--report", str(report), "--no-summary")
    assert code == 0, output
    assert json.loads(report.read_text(encoding="utf-8"))["documents"] == 1


def test_report_that_cannot_be_written_fails_before_checking(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(article(1), encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    out = tmp_path / "r.jsonl"
    code, output = batch(str(doc), "--out", str(out), "--report", str(blocker / "r.json"))
    assert code == 2 and "mtqa: error: cannot write" in output, output
    assert not out.exists()  # nothing checked
