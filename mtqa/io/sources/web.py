"""Web articles: the main text of an HTML page, extracted with trafilatura."""

from __future__ import annotations

from mtqa.errors import InputError


def article_text(
    html: bytes | str, name: str, url: str | None = None
) -> tuple[str, dict[str, str]]:
    """The article's text (paragraphs separated by blank lines) and its title/date/url metadata.

    Raises InputError when the page has no recognisable article text.
    """
    from mtqa.deps import require

    trafilatura = require("trafilatura", "batch", "reading web pages")

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_recall=True,
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(f"{name}: no article text found in the page")
    # trafilatura puts one paragraph per line; mtqa's article reader wants blank-line paragraphs.
    from mtqa.io.decode import strip_invisible

    text = strip_invisible(text)
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    meta = {
        key: str(getattr(doc, key)) for key in ("title", "date", "url") if getattr(doc, key, None)
    }
    title = meta.get("title")
    if title and paragraphs and paragraphs[0] != title:
        paragraphs.insert(0, title)
    return "\n\n".join(paragraphs), meta
