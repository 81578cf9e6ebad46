"""Each input kind becomes the expected documents, streamed, with faults as error documents."""

from __future__ import annotations

import csv
import gzip
import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest
from batch_helpers import SENTENCES, article, atom_feed, html_page, long_body, rss_feed

from mtqa.batch.work import to_segments
from mtqa.io.sources import SourceDoc, SourceOptions
from mtqa.io.sources.archives import Reader, iter_units
from mtqa.io.sources.feeds import html_to_text


def read(*inputs: str, **opts: object) -> list[SourceDoc]:
    reader = Reader(SourceOptions(**opts))  # type: ignore[arg-type]
    return list(reader.documents(iter_units(inputs)))


def texts(doc: SourceDoc) -> list[str]:
    return [s.mt for s in to_segments(doc, "ru", "en")]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
        ("Plain &amp; simple", "Plain & simple"),
        (
            "<div>A <b>bold</b>\n word</div><script>x()</script><ul><li>B</li></ul>",
            "A bold word\n\nB",
        ),
        ("First<br><br>Second", "First\n\nSecond"),
        # HTML without a tag still has its entities decoded (an RSS description is HTML).
        ("He said &quot;yes&quot; &mdash; and left", 'He said "yes" \u2014 and left'),
        ("Talks &#8220;resumed&#8221; &amp; ended", "Talks \u201cresumed\u201d & ended"),
        ("5 &lt; 7", "5 < 7"),
    ],
)
def test_html_to_text_keeps_paragraphs(html: str, expected: str) -> None:
    assert html_to_text(html) == expected


def test_rss_feed_entries_are_documents_with_metadata(tmp_path: Path) -> None:
    feed = tmp_path / "news.rss"
    feed.write_text(rss_feed(3), encoding="utf-8")
    docs = read(str(feed))
    assert [d.doc_id for d in docs] == [f"{feed}#urn:news:{i}" for i in range(3)]
    first = docs[0]
    assert first.meta["link"] == "https://news.example/a/0"
    assert first.meta["entry_id"] == "urn:news:0"
    assert "2024" in first.meta["date"]
    assert first.group == str(feed)
    assert texts(first) == ["Headline number 0", SENTENCES[0], SENTENCES[1]]


def test_feed_entities_and_plain_text_titles(tmp_path: Path) -> None:
    feed = tmp_path / "ent.rss"
    feed.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Ent &amp; News</title>
<item><title>Profits &lt;b&gt; costs</title><link>https://n.example/1</link>
<description>He said &amp;quot;we are ready&amp;quot; on Monday &amp;mdash; and left.</description></item>
</channel></rss>""",
        encoding="utf-8",
    )
    (doc,) = read(str(feed))
    # A plain-text title is text, not markup; the HTML description's entities are decoded.
    assert texts(doc) == ["Profits <b> costs", 'He said "we are ready" on Monday \u2014 and left.']
    assert doc.meta["title"] == "Profits <b> costs"


def test_atom_html_title_is_decoded_in_text_and_meta(tmp_path: Path) -> None:
    feed = tmp_path / "a.atom"
    feed.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom</title>
<entry><title type="html">Talks &amp;amp; more &amp;quot;soon&amp;quot;</title><id>urn:e1</id>
<link href="https://a.example/e1"/><updated>2024-03-14T10:00:00Z</updated>
<content type="html">&lt;p&gt;The meeting ended on Friday.&lt;/p&gt;</content></entry>
</feed>""",
        encoding="utf-8",
    )
    (doc,) = read(str(feed))
    assert texts(doc)[0] == 'Talks & more "soon"'
    assert doc.meta["title"] == 'Talks & more "soon"'


def test_atom_feed(tmp_path: Path) -> None:
    feed = tmp_path / "atom.xml"
    feed.write_text(atom_feed(), encoding="utf-8")
    (doc,) = read(str(feed))
    assert doc.meta["link"] == "https://news.example/e1"
    assert texts(doc) == ["First entry", SENTENCES[0], SENTENCES[1]]


def test_saved_html_page_main_text(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(html_page("Talks resume", long_body(1)), encoding="utf-8")
    (doc,) = read(str(page))
    got = texts(doc)
    assert got[0] == "Talks resume"
    assert SENTENCES[2] in got
    assert not any("Copyright" in t or "Home" in t for t in got)


def test_directory_tree_sorted_with_folder_groups(tmp_path: Path) -> None:
    for rel in ("b/2.txt", "a/1.txt", "a/sub/3.txt"):
        p = tmp_path / "tree" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(article(len(rel)), encoding="utf-8")
    (tmp_path / "tree" / "a" / "image.png").write_bytes(b"\x89PNG")
    docs = read(str(tmp_path / "tree"))
    names = [Path(d.doc_id).relative_to(tmp_path / "tree").as_posix() for d in docs]
    assert names == ["a/1.txt", "a/sub/3.txt", "b/2.txt"]
    assert docs[0].group == str(tmp_path / "tree" / "a")


def test_glob(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"n{i}.txt").write_text(article(i), encoding="utf-8")
    (tmp_path / "other.md").write_text(article(9), encoding="utf-8")
    docs = read(str(tmp_path / "n*.txt"))
    assert [Path(d.doc_id).name for d in docs] == ["n0.txt", "n1.txt", "n2.txt"]


def _members(tmp_path: Path) -> dict[str, bytes]:
    return {
        "2024/01/a.txt": article(1).encode(),
        "2024/02/b.html": html_page("Second story", long_body(2)).encode(),
        "2024/02/c.txt.gz": gzip.compress(article(3).encode()),
    }


def test_zip_archive(tmp_path: Path) -> None:
    path = tmp_path / "arch.zip"
    with zipfile.ZipFile(path, "w") as z:
        for name, data in _members(tmp_path).items():
            z.writestr(name, data)
    docs = read(str(path))
    assert [d.doc_id for d in docs] == [
        f"{path}!2024/01/a.txt",
        f"{path}!2024/02/b.html",
        f"{path}!2024/02/c.txt.gz",
    ]
    assert docs[1].group == f"{path}!2024/02"
    assert texts(docs[2])[1] == texts(SourceDoc("x", "x", "x", mt=article(3)))[1]
    assert all(d.error is None for d in docs)


@pytest.mark.parametrize("suffix, mode", [(".tar", "w"), (".tar.gz", "w:gz"), (".tgz", "w:gz")])
def test_tar_archives(tmp_path: Path, suffix: str, mode: str) -> None:
    path = tmp_path / f"arch{suffix}"
    with tarfile.open(path, mode) as t:
        for name, data in _members(tmp_path).items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    docs = read(str(path))
    assert [d.doc_id.split("!")[1] for d in docs] == [
        "2024/01/a.txt",
        "2024/02/b.html",
        "2024/02/c.txt.gz",
    ]
    assert [d.parser for d in docs] == ["text", "html", "text"]


def test_gz_single_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(article(4).encode()))
    (doc,) = read(str(path))
    assert texts(doc) == texts(SourceDoc("x", "x", "x", mt=article(4)))
    assert doc.doc_id == doc.source == str(path)


@pytest.mark.parametrize(
    "plain, body",
    [
        ("story.txt", lambda i: article(i).encode()),
        ("dump.jsonl", lambda i: (json.dumps({"text": article(i)}) + "\n").encode()),
    ],
)
def test_a_file_and_its_gz_beside_it_are_two_documents(tmp_path: Path, plain: str, body) -> None:
    # Both used to be named after the plain file: the report counted one document, and a resume
    # after the first took the second as done and never checked it.
    (tmp_path / plain).write_bytes(body(1))
    (tmp_path / f"{plain}.gz").write_bytes(gzip.compress(body(2)))
    docs = read(str(tmp_path))
    ids = [d.doc_id for d in docs]
    assert len(ids) == 2 and len(set(ids)) == 2, ids
    assert ids[1].startswith(f"{tmp_path / plain}.gz")
    assert [texts(d)[1] for d in docs] == [
        texts(SourceDoc("x", "x", "x", mt=article(i)))[1] for i in (1, 2)
    ]


def test_jsonl_dump_streams_rows_with_src_field(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    lines = [
        json.dumps(
            {
                "id": f"a{i}",
                "body": article(i),
                "orig": "Отчёт один. Министр сказал. Цены выросли.\n\nОтчёт два. Суд отложил. Фермеры ждут.",
                "url": f"u{i}",
            }
        )
        for i in range(3)
    ]
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    docs = read(str(path), text_field="body", src_field="orig")
    assert [d.doc_id for d in docs] == [f"{tmp_path}/dump.jsonl.gz:{n}" for n in (1, 2, 3)]
    assert docs[0].meta == {"id": "a0", "url": "u0"}
    segments = to_segments(docs[0], "ru", "en")
    assert all(s.src for s in segments)


@pytest.mark.parametrize("delimiter, suffix", [(",", ".csv"), ("\t", ".tsv")])
def test_table_dumps(tmp_path: Path, delimiter: str, suffix: str) -> None:
    path = tmp_path / f"dump{suffix}"
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=delimiter)
        w.writerow(["id", "text"])
        for i in range(3):
            w.writerow([i, article(i)])  # multi-line quoted fields
    docs = read(str(path))
    assert len(docs) == 3 and all(d.error is None for d in docs)
    assert texts(docs[2]) == texts(SourceDoc("x", "x", "x", mt=article(2)))


def test_segment_format_jsonl_is_one_document(tmp_path: Path) -> None:
    path = tmp_path / "segments.jsonl"
    path.write_text(
        "\n".join(json.dumps({"mt": s}) for s in SENTENCES[:3]) + "\n", encoding="utf-8"
    )
    (doc,) = read(str(path))
    assert texts(doc) == SENTENCES[:3]


def test_dump_faults_are_per_row(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_bytes(
        json.dumps({"text": article(1)}).encode()
        + b"\n"
        + b'{"text": "bad \xff byte"}\n'
        + b"{not json\n"
        + json.dumps({"other": 1}).encode()
        + b"\n"
        + json.dumps({"text": article(2)}).encode()
        + b"\n"
    )
    docs = read(str(path))
    assert [d.error is None for d in docs] == [True, False, False, False, True]
    assert "line 2" in (docs[1].error or "") and "UTF-8" in (docs[1].error or "")
    assert "not valid JSON" in (docs[2].error or "")
    assert "'text'" in (docs[3].error or "")


def test_csv_bad_encoding_fails_only_its_record(tmp_path: Path) -> None:
    path = tmp_path / "dump.csv"
    path.write_bytes(b"id,text\n1,Good one here.\n2,Bad \xff one.\n3,Another good one.\n")
    docs = read(str(path))
    assert [d.error is None for d in docs] == [True, False, True]
    assert "line 3" in (docs[1].error or "")


def test_warc(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for i, ctype in enumerate(["text/html; charset=utf-8", "image/png", "text/html"]):
            body = html_page(f"Story {i}", long_body(i)).encode() if "html" in ctype else b"\x89PNG"
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://news.example/s/{i}",
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
            )
            writer.write_record(record)
    docs = read(str(path))
    assert len(docs) == 2
    assert docs[0].meta["url"] == "https://news.example/s/0"
    assert docs[0].group == f"{path}!news.example"
    assert texts(docs[1])[0] == "Story 2"


def test_parallel_source_tree(tmp_path: Path) -> None:
    (tmp_path / "mt" / "x").mkdir(parents=True)
    (tmp_path / "ru" / "x").mkdir(parents=True)
    (tmp_path / "mt" / "x" / "a.txt").write_text(
        "The talks resumed. Both sides agreed.", encoding="utf-8"
    )
    (tmp_path / "ru" / "x" / "a.txt").write_text(
        "Переговоры возобновились. Обе стороны согласились.", encoding="utf-8"
    )
    (tmp_path / "mt" / "x" / "b.txt").write_text("No source for this one.", encoding="utf-8")
    docs = read(str(tmp_path / "mt"), src_tree=str(tmp_path / "ru"))
    a, b = (to_segments(d, "ru", "en") for d in docs)
    assert [s.src for s in a] == ["Переговоры возобновились.", "Обе стороны согласились."]
    assert b[0].src is None


def test_corrupt_zip_member_and_archive(tmp_path: Path) -> None:
    path = tmp_path / "arch.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.txt", article(1) * 5)
        z.writestr("b.txt", article(2) * 5)
        z.writestr("c.txt", article(3) * 5)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("b.txt")
    at = info.header_offset + 30 + len("b.txt") + 5
    data[at : at + 8] = b"\x00\xff\x00\xff\x00\xff\x00\xff"
    path.write_bytes(bytes(data))
    docs = read(str(path))
    assert [d.error is None for d in docs] == [True, False, True]
    assert "b.txt" in (docs[1].error or "")

    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    (doc,) = read(str(broken))
    assert doc.error and "zip" in doc.error


def test_truncated_tar_gz_reports_and_stops(tmp_path: Path) -> None:
    path = tmp_path / "arch.tar.gz"
    with tarfile.open(path, "w:gz") as t:
        for i in range(20):
            data = (article(i) * 40).encode()
            info = tarfile.TarInfo(f"d/{i:02d}.txt")
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    docs = read(str(path))
    assert docs[-1].error and "corrupt archive" in docs[-1].error
    assert all(d.error is None for d in docs[:-1]) and len(docs) > 1


def test_missing_input_is_a_user_error(tmp_path: Path) -> None:
    from mtqa.errors import InputError

    with pytest.raises(InputError, match="no such file"):
        read(str(tmp_path / "nope"))
    with pytest.raises(InputError, match="matches no files"):
        read(str(tmp_path / "*.nothing"))


def test_urls_for_feed_and_article(http_root: tuple[str, Path]) -> None:
    base, root = http_root
    (root / "feed.rss").write_text(rss_feed(2), encoding="utf-8")
    (root / "story.html").write_text(html_page("Served story", long_body(5)), encoding="utf-8")
    docs = read(f"{base}/feed.rss", f"{base}/story.html", f"{base}/missing.html")
    assert [d.doc_id for d in docs[:2]] == [f"{base}/feed.rss#urn:news:{i}" for i in range(2)]
    assert texts(docs[2])[0] == "Served story"
    assert docs[3].error and "404" in docs[3].error


def test_a_page_or_feed_saved_as_txt_is_read_as_one(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text(html_page("Saved story", long_body(2)), encoding="utf-8")
    (tmp_path / "news.txt").write_text(rss_feed(2), encoding="utf-8")
    docs = read(str(tmp_path))
    assert [d.parser for d in docs] == ["text", "text", "html"]  # two feed entries, one page
    assert [Path(d.doc_id).name.split("#")[0] for d in docs] == ["news.txt", "news.txt", "page.txt"]
    assert all("<" not in texts(d)[0] for d in docs)
