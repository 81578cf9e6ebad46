"""RSS 1.0/2.0 and Atom feeds: each entry's title and body, as text with paragraphs, is a document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mtqa.io.sources import SourceDoc

# Elements after which text starts a new paragraph when HTML is flattened to text.
_BLOCKS = frozenset(
    "p div section article header footer blockquote pre ul ol li dl dt dd table tr "
    "h1 h2 h3 h4 h5 h6 figure figcaption hr address".split()
)
_DROP = frozenset(("script", "style", "noscript", "template", "iframe", "head"))


def html_to_text(html: str) -> str:
    """Visible text of an HTML fragment; block elements and <br><br> become blank-line paragraphs."""
    if "<" not in html:
        import html as entities

        return _tidy(entities.unescape(html))  # markup without a tag still has entities
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml raises several types for unparsable markup
        return _tidy(html)
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _DROP:
            if el.tail:
                parts.append(el.tail)
            return
        if tag in _BLOCKS:
            parts.append("\n\n")
        elif tag == "br":
            parts.append("\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCKS:
            parts.append("\n\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    return _tidy("".join(parts))


def _tidy(text: str) -> str:
    """Collapse spaces inside lines, two line breaks or more into one blank line; invisible
    characters inside words (soft hyphens, zero-width spaces) out."""
    from mtqa.io.decode import strip_invisible

    paras: list[str] = []
    text = strip_invisible(text)
    for block in text.replace("\r", "").replace("\n\n", "\x00").split("\x00"):
        lines = [" ".join(line.split()) for line in block.split("\n")]
        para = " ".join(line for line in lines if line)
        if para:
            paras.append(para)
    return "\n\n".join(paras)


def _as_text(value: Any, detail: Any) -> str:
    """A feed field as text: feedparser hands HTML fields over as markup, plain ones as text."""
    text = str(value or "")
    kind = str((detail or {}).get("type") or "text/html")
    return _tidy(text) if kind == "text/plain" else html_to_text(text)


def _entry_body(entry: Any) -> str:
    for content in entry.get("content") or ():
        if content.get("value"):
            return _as_text(content["value"], content)
    if entry.get("summary"):
        return _as_text(entry["summary"], entry.get("summary_detail"))
    return html_to_text(str(entry.get("description") or ""))


def read_feed(data: bytes, location: str) -> Iterator[SourceDoc]:
    """One document per entry of the RSS/Atom feed in ``data``; a feed that will not parse is one
    error document."""
    from mtqa.deps import require

    feed = require("feedparser", "batch", "reading feeds").parse(data)
    if feed.bozo and not feed.entries:
        reason = getattr(feed.get("bozo_exception"), "getMessage", lambda: None)() or str(
            feed.get("bozo_exception", "not a feed")
        )
        yield SourceDoc.failed(
            location, location, location, f"{location}: not a readable feed ({reason})"
        )
        return
    title = str(feed.feed.get("title") or location)
    seen: dict[str, int] = {}
    for number, entry in enumerate(feed.entries, 1):
        key = str(entry.get("id") or entry.get("link") or f"entry-{number}")
        seen[key] = seen.get(key, 0) + 1
        doc_id = f"{location}#{key}" + (f"~{seen[key]}" if seen[key] > 1 else "")
        entry_title = _as_text(entry.get("title"), entry.get("title_detail"))
        parts = [entry_title, _entry_body(entry)]
        text = "\n\n".join(p for p in parts if p)
        meta = {
            "feed": title,
            "entry_id": str(entry.get("id") or ""),
            "link": str(entry.get("link") or ""),
            "date": str(entry.get("published") or entry.get("updated") or ""),
            "title": entry_title,
        }
        # Named by its link (else its title) rather than its position in the feed.
        source = meta["link"] or (
            f"{location}: {meta['title']}" if meta["title"] else f"{location} entry {number}"
        )
        if not text:
            yield SourceDoc.failed(doc_id, source, location, f"{source}: entry has no text")
            continue
        yield SourceDoc(
            doc_id=doc_id,
            source=source,
            group=location,
            parser="text",
            mt=text,
            meta={k: v for k, v in meta.items() if v},
        )
