"""URL fetches hold a total deadline and follow redirects to http(s) only (issue 13, item 9)."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from typing import Any, ClassVar

import pytest

from mtqa.errors import InputError
from mtqa.io.sources.fetch import fetch, fetch_with_retry


class _Hostile(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[dict[str, int]] = {}

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(200):  # one byte every 0.1 s: 20 s in all, never a read timeout
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            return
        if self.path.startswith("/flaky"):
            _Hostile.hits[self.path] = _Hostile.hits.get(self.path, 0) + 1
            if _Hostile.hits[self.path] == 1 or self.path == "/flaky-always":
                self.send_response(503)
                self.end_headers()
                return
        if self.path.startswith("/to/"):
            self.send_response(302)
            self.send_header("Location", self.path[len("/to/") :])
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<p>ok</p>")


@pytest.fixture
def hostile() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_trickling_server_is_cut_at_the_total_deadline(hostile: str) -> None:
    start = time.monotonic()
    with pytest.raises(InputError, match=r"took longer than 1 s \(--timeout\)"):
        fetch(f"{hostile}/trickle", timeout_s=1.0, max_bytes=1 << 20)
    assert time.monotonic() - start < 5  # generous; before the fix it ran the full 20 s


@pytest.mark.parametrize(
    ("target", "message"),
    [("ftp://example.org/x", "only http\\(s\\) is followed"), ("file:///etc/passwd", "HTTP 302")],
)
def test_redirects_to_other_schemes_are_refused(hostile: str, target: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        fetch(f"{hostile}/to/{target}", timeout_s=5, max_bytes=1 << 20)


def test_http_redirect_is_followed(hostile: str) -> None:
    page = fetch(f"{hostile}/to/{hostile}/page", timeout_s=5, max_bytes=1 << 20)
    assert page.body == b"<p>ok</p>" and page.url == f"{hostile}/page"


def test_a_transient_failure_is_tried_again(hostile: str) -> None:
    page = fetch_with_retry(f"{hostile}/flaky", timeout_s=5, max_bytes=1 << 20, backoff_s=0.05)
    assert page.body == b"<p>ok</p>"
    with pytest.raises(InputError, match="HTTP 503"):
        fetch_with_retry(f"{hostile}/flaky-always", timeout_s=5, max_bytes=1 << 20, backoff_s=0.05)
    assert _Hostile.hits["/flaky-always"] == 2


def test_a_permanent_failure_is_not_tried_again(hostile: str) -> None:
    with pytest.raises(InputError, match="only http"):
        fetch_with_retry(f"{hostile}/to/ftp://x/y", timeout_s=5, max_bytes=1 << 20, backoff_s=5)
