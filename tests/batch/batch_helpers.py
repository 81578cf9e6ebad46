from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

import pytest

# A fast, stable check keeps these tests about batching, not about scores.
CHECKS = "fluency"

SENTENCES = [
    "The minister said the talks would resume next week in Geneva.",
    "Officials confirmed that the bridge will reopen after repairs.",
    "Prices for fuel rose sharply in the northern regions this winter.",
    "The court postponed the hearing until the end of the month.",
    "Local schools will receive new computers before the autumn term.",
    "Farmers expect a smaller harvest because of the long drought.",
]


def article(i: int, paragraphs: int = 2) -> str:
    """A small plain-text article, different for each ``i``."""
    paras = []
    for p in range(paragraphs):
        a = SENTENCES[(i + p) % len(SENTENCES)]
        b = SENTENCES[(i + p + 3) % len(SENTENCES)]
        paras.append(f"Report {i}, part {p + 1}. {a} {b}")
    return "\n\n".join(paras)


def dump(path: Path, n: int, start: int = 0) -> Path:
    """A JSONL file of ``n`` articles, one per row (``id``, ``text``)."""
    path.write_text(
        "".join(json.dumps({"id": i, "text": article(i)}) + "\n" for i in range(start, start + n)),
        encoding="utf-8",
    )
    return path


def html_page(title: str, body: str) -> str:
    paras = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n"))
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + title + "</title></head>"
        "<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>\n{paras}</article>"
        "<footer>Copyright the newsroom</footer></body></html>"
    )


def long_body(i: int) -> str:
    return article(i, paragraphs=4)


def rss_feed(n: int = 3) -> str:
    items = "".join(
        f"<item><title>Headline number {i}</title><link>https://news.example/a/{i}</link>"
        f"<guid>urn:news:{i}</guid><pubDate>Mon, 0{i + 1} Jan 2024 10:00:00 GMT</pubDate>"
        f"<description><![CDATA[<p>{SENTENCES[i]}</p><p>{SENTENCES[i + 1]}</p>]]></description></item>"
        for i in range(n)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Test feed</title><link>https://news.example/</link>{items}</channel></rss>"
    )


def atom_feed() -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Atom test</title><id>urn:feed</id><updated>2024-01-01T00:00:00Z</updated>"
        "<entry><title>First entry</title><id>urn:e1</id><updated>2024-01-01T00:00:00Z</updated>"
        f'<link href="https://news.example/e1"/><content type="html">&lt;p&gt;{SENTENCES[0]}&lt;/p&gt;'
        f"&lt;p&gt;{SENTENCES[1]}&lt;/p&gt;</content></entry></feed>"
    )


def rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def content_rows(path: Path) -> list[dict[str, Any]]:
    """Everything but the run row (which holds timings and this run's counts)."""
    return [r for r in rows(path) if r["row"] != "run"]


def last_rows(path: Path) -> dict[str, dict[str, Any]]:
    return {r["doc_id"]: r for r in rows(path) if r["row"] in ("document", "error")}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".rss": "application/rss+xml",
    }

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def http_root(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A threaded HTTP server on 127.0.0.1 (free port) serving a temporary directory."""
    root = tmp_path / "www"
    root.mkdir()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(_QuietHandler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()
