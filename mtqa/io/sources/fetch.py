"""Fetching a feed or article URL: bounded in time and size, one-line errors."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass

from mtqa.errors import InputError

USER_AGENT = "mtqa-batch (+https://pypi.org/project/mtqa/)"


def is_url(location: str) -> bool:
    return location.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    body: bytes


def fetch(url: str, timeout_s: float, max_bytes: int) -> Fetched:
    """GET ``url``; raises InputError for HTTP errors, timeouts and bodies over ``max_bytes``."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            body = response.read(max_bytes + 1)
            content_type = response.headers.get("Content-Type", "")
            final = response.geturl()
    except urllib.error.HTTPError as e:
        raise InputError(f"{url}: HTTP {e.code} {e.reason}") from None
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise InputError(f"{url}: cannot fetch ({reason})") from None
    if len(body) > max_bytes:
        raise InputError(f"{url}: response is larger than {max_bytes:,} bytes")
    return Fetched(url=final, content_type=content_type.lower(), body=body)


def looks_like_feed(body: bytes, content_type: str = "") -> bool:
    """RSS/Atom by content type or by the first element of the document."""
    if any(t in content_type for t in ("rss", "atom", "/xml", "+xml")):
        return True
    head = body[:2048].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2 :].lstrip()
        while head.startswith(b"<!--") or head.startswith(b"<?"):
            end = head.find(b"-->") + 3 if head.startswith(b"<!--") else head.find(b"?>") + 2
            head = head[end:].lstrip()
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<rdf"))
