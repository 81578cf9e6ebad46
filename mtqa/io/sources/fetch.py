"""Fetching a feed or article URL: bounded in time and size, one-line errors.

The timeout is a deadline for the whole fetch (connecting, redirects, every read of the body), so a
server that trickles bytes cannot hold a fetch longer than asked. Redirects may go to another host
but only to http(s).
"""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from mtqa.errors import InputError

USER_AGENT = "mtqa-batch (+https://pypi.org/project/mtqa/)"
READ_CHUNK = 1 << 16
MAX_REDIRECTS = 5


def is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    body: bytes


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline

    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> Any:
        if time.monotonic() > self.deadline:
            raise _DeadlinePassed
        if not is_url(newurl):
            raise InputError(f"{req.full_url}: redirected to {newurl!r}; only http(s) is followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _DeadlinePassed(Exception):
    pass


class FetchError(InputError):
    """A fetch that failed; ``transient`` when trying again later may work (timeouts, refused or
    reset connections, HTTP 429 and 5xx)."""

    def __init__(self, message: str, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


def _opener(deadline: float) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_HttpOnlyRedirects(deadline))


def _set_socket_timeout(response: Any, seconds: float) -> None:
    """The next read waits at most ``seconds`` (http.client keeps its socket in fp.raw._sock)."""
    sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
    if isinstance(sock, socket.socket):
        sock.settimeout(max(seconds, 0.001))


def fetch(url: str, timeout_s: float, max_bytes: int) -> Fetched:
    """GET ``url`` within ``timeout_s`` seconds in all; raises InputError for HTTP errors, the
    deadline passing, redirects to other schemes and bodies over ``max_bytes``."""
    deadline = time.monotonic() + timeout_s
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with _opener(deadline).open(request, timeout=timeout_s) as response:
            chunks: list[bytes] = []
            size = 0
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise _DeadlinePassed
                _set_socket_timeout(response, left)
                chunk = response.read1(READ_CHUNK)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url}: response is larger than {max_bytes:,} bytes")
            content_type = response.headers.get("Content-Type", "")
            final = response.geturl()
    except _DeadlinePassed:
        raise FetchError(f"{url}: took longer than {timeout_s:g} s (--timeout)", True) from None
    except urllib.error.HTTPError as e:
        raise FetchError(
            f"{url}: HTTP {e.code} {e.reason}", e.code == 429 or e.code >= 500
        ) from None
    except TimeoutError:
        raise FetchError(f"{url}: took longer than {timeout_s:g} s (--timeout)", True) from None
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        if isinstance(reason, TimeoutError):
            raise FetchError(f"{url}: took longer than {timeout_s:g} s (--timeout)", True) from None
        raise FetchError(f"{url}: cannot fetch ({reason})", isinstance(reason, OSError)) from None
    if time.monotonic() > deadline:
        raise FetchError(f"{url}: took longer than {timeout_s:g} s (--timeout)", True)
    return Fetched(url=final, content_type=content_type.lower(), body=b"".join(chunks))


def fetch_with_retry(
    url: str, timeout_s: float, max_bytes: int, retries: int = 1, backoff_s: float = 1.0
) -> Fetched:
    """:func:`fetch`, tried again (after ``backoff_s``, doubling) when the failure is transient."""
    for attempt in range(retries + 1):
        try:
            return fetch(url, timeout_s, max_bytes)
        except FetchError as e:
            if not e.transient or attempt == retries:
                raise
            time.sleep(backoff_s * 2**attempt)
    raise AssertionError("unreachable")


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    """RSS/Atom by content type or by the first element of the document."""
    if any(t in content_type for t in ("rss", "atom", "/xml", "+xml")):
        return True
    head = body[:2048].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2 :].lstrip()
        while head.startswith((b"<!--", b"<?")):
            end = head.find(b"-->") + 3 if head.startswith(b"<!--") else head.find(b"?>") + 2
            head = head[end:].lstrip()
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<rdf"))
