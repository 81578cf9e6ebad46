"""A self-contained HTML report editors read in a browser: no scripts, no network fetches.

Every string that comes from the input (sentences, sources, flag messages) goes through
``html.escape``, and the page forbids scripts and remote resources with a Content-Security-Policy,
so a hostile article renders as text. Hover and keyboard focus on a flagged span show its message
and suggestion with CSS alone; the same text is in the side list, which screen readers reach
through ``aria-describedby``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from html import escape
from pathlib import Path
from typing import Any, TextIO

from mtqa.report.spans import Piece, pieces
from mtqa.types import SEVERITIES, DocumentResult, Flag, SentenceResult

DEFAULT_TITLE = "Translation quality report"
# Score bands, the same as the terminal report's colours.
GOOD, FAIR = 80.0, 60.0
HISTOGRAM_BINS = 10

# Only inline styles; no script may run and nothing may be fetched, whatever the input holds.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"

CSS = """
:root{--bg:#fff;--fg:#1b1b1b;--muted:#5b5b5b;--line:#d9d9d9;--good:#1a7f37;--fair:#9a6700;
--poor:#c62828;--minor:#fff3b0;--minor-line:#9a6700;--major:#ffd8a8;--major-line:#c2410c;
--critical:#ffc9c9;--critical-line:#b91c1c;--panel:#f6f6f6}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);
background:var(--bg)}
a{color:#0b57d0}
.vh,.skip{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.skip:focus{width:auto;height:auto;clip-path:none;left:8px;top:8px;background:#fff;padding:4px;z-index:9}
.histogram{margin:0}
header.top{padding:16px 20px;border-bottom:1px solid var(--line)}
h1{font-size:1.35rem;margin:0 0 8px}
h2{font-size:1.1rem;margin:0 0 8px}
.overview{display:flex;flex-wrap:wrap;gap:16px 32px;align-items:flex-end}
.docscore{font-size:2.2rem;font-weight:700;line-height:1}
.docscore small{font-size:1rem;font-weight:400;color:var(--muted)}
.counts{margin:4px 0 0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:4px 14px;color:var(--muted)}
.bar{display:inline-block;width:100%;height:8px;background:#ececec;border-radius:4px;overflow:hidden;
vertical-align:middle}
.bar>span{display:block;height:100%}
.band-good{color:var(--good)}.band-fair{color:var(--fair)}.band-poor{color:var(--poor)}
.bar>.band-good{background:var(--good)}.bar>.band-fair{background:var(--fair)}
.bar>.band-poor{background:var(--poor)}
.hist{display:flex;gap:3px;align-items:flex-end;height:64px;margin:0;padding:0;list-style:none}
.hist li{display:flex;flex-direction:column;justify-content:flex-end;width:22px;height:100%;
font-size:.65rem;text-align:center;color:var(--muted)}
.hist .col{background:#8c8c8c;min-height:1px}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 20rem;gap:0}
main{padding:12px 20px;min-width:0}
aside{border-left:1px solid var(--line);background:var(--panel);padding:12px 16px}
aside .sticky{position:sticky;top:8px;max-height:calc(100vh - 16px);overflow:auto}
.sentence{display:grid;grid-template-columns:6rem minmax(0,1fr);gap:4px 12px;padding:10px 0;
border-bottom:1px solid var(--line);break-inside:avoid}
.sentence .meta{font-size:.85rem;color:var(--muted)}
.sentence .q{font-weight:700;font-size:1rem}
.texts{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:12px}
.texts.mt-only{grid-template-columns:minmax(0,1fr)}
.label{display:block;font-size:.7rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.src,.ref{color:#3b3b3b}
p.text{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
mark.flag{position:relative;color:inherit;border-radius:2px;padding:0 1px;cursor:help;
-webkit-print-color-adjust:exact;print-color-adjust:exact}
mark.sev-minor{background:var(--minor);border-bottom:2px dotted var(--minor-line)}
mark.sev-major{background:var(--major);border-bottom:2px solid var(--major-line)}
mark.sev-critical{background:var(--critical);border-bottom:3px double var(--critical-line);font-weight:600}
mark.flag:focus{outline:2px solid #0b57d0;outline-offset:1px}
mark.overlap{text-decoration:underline wavy #555}
mark.flag::after{content:attr(data-tip);display:none;position:absolute;left:0;top:calc(100% + 4px);
z-index:5;width:max-content;max-width:min(22rem,80vw);white-space:pre-line;font-weight:400;
font-size:.85rem;line-height:1.4;background:#222;color:#fff;padding:6px 8px;border-radius:4px;
box-shadow:0 2px 8px rgba(0,0,0,.25)}
mark.flag:hover::after,mark.flag:focus::after{display:block}
.sev{display:inline-block;font-size:.7rem;font-weight:700;text-transform:uppercase;padding:0 5px;
border-radius:3px}
.sev.sev-minor{background:var(--minor);color:#5c3d00}.sev.sev-major{background:var(--major);color:#7a2600}
.sev.sev-critical{background:var(--critical);color:#7f1010}
.flags{list-style:none;margin:0;padding:0}
.flags li{padding:8px 0;border-bottom:1px solid var(--line);font-size:.9rem}
.flags .quote{font-weight:600}
.flags .suggestion{color:var(--good)}
.none{color:var(--muted)}
footer{padding:12px 20px;color:var(--muted);font-size:.75rem;overflow-wrap:anywhere;border-top:1px solid var(--line)}
table.docs{border-collapse:collapse;width:100%}
table.docs th,table.docs td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line)}
table.docs td.num,table.docs th.num{text-align:right}
@media (max-width:760px){
.layout{grid-template-columns:minmax(0,1fr)}
aside{border-left:0;border-top:1px solid var(--line)}
aside .sticky{position:static;max-height:none}
.texts{grid-template-columns:minmax(0,1fr)}
.sentence{grid-template-columns:minmax(0,1fr)}
main,header.top,footer{padding-left:12px;padding-right:12px}}
@media print{
body{font-size:11pt}
.layout{display:block}
aside{border:0;background:none;padding:12px 0}
aside .sticky{position:static;max-height:none;overflow:visible}
mark.flag::after{display:none!important}
.skip{display:none}
a{color:inherit;text-decoration:none}}
"""


def band(quality: float) -> str:
    """The colour band of a 0..100 score: good, fair or poor."""
    return "good" if quality >= GOOD else "fair" if quality >= FAIR else "poor"


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _langs(signature: str) -> tuple[str | None, str | None]:
    """The (source, target) language codes in a result signature such as ``…|ru-en|…``."""
    for part in signature.split("|"):
        m = re.fullmatch(r"([a-z]{2,3})-([a-z]{2,3})", part)
        if m:
            return m.group(1), m.group(2)
    return None, None


def highlight_spans(sentence: SentenceResult) -> list[Piece]:
    """The stretches to mark in the text: cut at every flag boundary, so overlapping flags are
    all visible ("dual destination" and "destination goods" give "dual ", "destination",
    " goods"). Flags outside the sentence or empty are skipped here (the side list has them)."""
    return pieces(sentence.flags, len(sentence.segment.mt))


def _flag_id(s: SentenceResult, k: int) -> str:
    """The id of flag ``k`` of ``s`` in the side list."""
    return f"flag-{s.segment.index + 1}-{k + 1}"


def _mark_id(s: SentenceResult, k: int) -> str:
    """The id of flag ``k`` of ``s`` where it is highlighted in the text."""
    return f"mark-{s.segment.index + 1}-{k + 1}"


def _tip(f: Flag) -> str:
    tip = f"{f.severity} · {f.category}: {f.message}"
    if f.suggestion:
        tip += f"\nSuggestion: {f.suggestion}"
    return tip


def _score_bar(quality: float, label: str) -> str:
    q = max(0.0, min(100.0, quality))
    return (
        f'<span class="bar" role="img" aria-label="{_e(label)}">'
        f'<span class="band-{band(q)}" style="width:{q:.1f}%"></span></span>'
    )


def _marked_text(s: SentenceResult) -> str:
    mt = s.segment.mt
    index = {id(f): k for k, f in enumerate(s.flags)}
    anchored: set[int] = set()
    out, pos = [], 0
    for piece in highlight_spans(s):
        top = piece.flags[0]
        # Each flag's anchor (for the side list's links) sits on the first piece it covers.
        starts = [f for f in piece.flags if id(f) not in anchored]
        anchor = starts[0] if starts else None
        if anchor is not None:
            anchored.add(id(anchor))
        mark_id = f' id="{_mark_id(s, index[id(anchor)])}"' if anchor is not None else ""
        described = " ".join(_flag_id(s, index[id(f)]) for f in piece.flags)
        tip = "\n\n".join(_tip(f) for f in piece.flags)
        overlap = " overlap" if len(piece.flags) > 1 else ""
        out.append(_e(mt[pos : piece.start]))
        out.append(
            f'<mark class="flag sev-{top.severity}{overlap}"{mark_id} tabindex="0" '
            f'data-severity="{top.severity}" data-category="{_e(top.category)}" '
            f'data-start="{piece.start}" data-end="{piece.end}" data-tip="{_e(tip)}" '
            f'aria-describedby="{described}">{_e(mt[piece.start : piece.end])}</mark>'
        )
        pos = piece.end
    out.append(_e(mt[pos:]))
    return "".join(out)


def _sentence(s: SentenceResult, src_lang: str | None, tgt_lang: str | None) -> str:
    seg = s.segment
    n = seg.index + 1
    q = s.quality
    lang = f' lang="{_e(tgt_lang)}"' if tgt_lang else ""
    parts = [
        (
            f'<section class="sentence" id="s{n}" data-index="{seg.index}" '
            f'data-quality="{q:.2f}" aria-labelledby="s{n}-label">'
        ),
        '<div class="meta">',
        f'<span id="s{n}-label">Sentence {n}</span><br>',
        f'<span class="q band-{band(q)}">{q:.1f}</span>',
        _score_bar(q, f"quality {q:.1f} of 100"),
        "</div>",
        f'<div class="texts{"" if seg.src else " mt-only"}">',
    ]
    # The source sits beside its translation, on the left as in translation tools.
    if seg.src:
        slang = f' lang="{_e(src_lang)}"' if src_lang else ""
        parts.append(
            f'<div class="src"><span class="label">Source</span><p class="text"{slang}>'
            f"{_e(seg.src)}</p></div>"
        )
    parts.append(
        f'<div class="mt"><span class="label">Translation</span><p class="text"{lang}>'
        f"{_marked_text(s)}</p>"
    )
    if seg.ref:
        parts.append(
            f'<span class="label">Reference</span><p class="text ref"{lang}>{_e(seg.ref)}</p>'
        )
    parts += ["</div>", "</div>", "</section>"]
    return "\n".join(parts)


def histogram(qualities: Iterable[float], bins: int = HISTOGRAM_BINS) -> list[int]:
    """Counts of scores in ``bins`` equal bins over 0..100 (100 falls in the last bin)."""
    counts = [0] * bins
    for q in qualities:
        counts[min(bins - 1, max(0, int(q / (100 / bins))))] += 1
    return counts


def _histogram(doc: DocumentResult) -> str:
    counts = histogram(s.quality for s in doc.sentences)
    top = max(counts) or 1
    step = 100 // len(counts)
    items = []
    for i, c in enumerate(counts):
        lo, hi = i * step, 100 if i == len(counts) - 1 else (i + 1) * step - 1
        plural = "" if c == 1 else "s"
        items.append(
            f'<li data-count="{c}"><span aria-hidden="true">{c or ""}</span>'
            f'<span class="col" aria-hidden="true" style="height:{c / top * 60:.0f}%"></span>'
            f'<span aria-hidden="true">{lo}</span>'
            f'<span class="vh">scores {lo} to {hi}: {c} sentence{plural}</span></li>'
        )
    return (
        '<figure class="histogram"><figcaption class="label">Sentence scores</figcaption>'
        f'<ol class="hist">{"".join(items)}</ol></figure>'
    )


def _flag_list(doc: DocumentResult) -> str:
    items = []
    for s in doc.sentences:
        marked = {id(f) for p in highlight_spans(s) for f in p.flags}
        for k, f in enumerate(s.flags):
            fid = _flag_id(s, k)
            target = f"#{_mark_id(s, k)}" if id(f) in marked else f"#s{s.segment.index + 1}"
            suggestion = (
                f' <span class="suggestion">→ {_e(f.suggestion)}</span>' if f.suggestion else ""
            )
            items.append(
                f'<li id="{fid}" data-severity="{f.severity}">'
                f'<span class="sev sev-{f.severity}">{f.severity}</span> '
                f'<a href="{target}">sentence {s.segment.index + 1}</a> · {_e(f.category)}<br>'
                f'<span class="quote">“{_e(f.text)}”</span> — {_e(f.message)}{suggestion}</li>'
            )
    if not items:
        return '<p class="none">No flagged phrases.</p>'
    return f'<ol class="flags">{"".join(items)}</ol>'


def _page(title: str, body: str, lang: str = "en") -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def render_html(
    doc: DocumentResult, *, title: str = DEFAULT_TITLE, index_href: str | None = None
) -> str:
    """The whole report as one HTML string (a complete, self-contained page)."""
    src_lang, tgt_lang = _langs(doc.signature)
    summary: dict[str, Any] = doc.summary
    q = summary.get("quality")
    counts = summary.get("flags", {})
    if q is None:
        score = '<div class="docscore">–<small> no sentences</small></div>'
    else:
        score = (
            f'<div><span class="label">Document quality</span>'
            f'<div class="docscore band-{band(q)}" id="doc-quality">{q:.1f}<small> / 100</small></div>'
            f"{_score_bar(q, f'document quality {q:.1f} of 100')}</div>"
        )
    count_items = "".join(
        f'<li><span class="sev sev-{sev}">{sev}</span> {int(counts.get(sev, 0))}</li>'
        for sev in reversed(SEVERITIES)
    )
    back = f'<p><a href="{_e(index_href)}">← All documents</a></p>' if index_href else ""
    sentences = "\n".join(_sentence(s, src_lang, tgt_lang) for s in doc.sentences)
    body = f"""<a class="skip" href="#flags">Skip to the list of flagged phrases</a>
<header class="top">
{back}<h1>{_e(title)}</h1>
<div class="overview">
{score}
<div><span class="label">Sentences</span>
<div>{int(summary.get("sentences", 0))} sentences, {int(summary.get("flagged_sentences", 0))} flagged</div>
<ul class="counts" aria-label="Flags by severity">{count_items}</ul></div>
{_histogram(doc)}
</div>
</header>
<div class="layout">
<main id="sentences" aria-label="Sentences">
{sentences or '<p class="none">No sentences.</p>'}
</main>
<aside id="flags" aria-labelledby="flags-title"><div class="sticky">
<h2 id="flags-title">Flagged phrases</h2>
{_flag_list(doc)}
</div></aside>
</div>
<footer>signature: {_e(doc.signature)}</footer>"""
    return _page(title, body)


def write_html(doc: DocumentResult, out: TextIO, *, title: str = DEFAULT_TITLE) -> None:
    """Write the report for one document to ``out``."""
    out.write(render_html(doc, title=title))


def _slug(name: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", Path(name).name).strip("-").lower()
    return slug[:60] or "document"


def write_html_dir(
    docs: Iterable[tuple[str, DocumentResult]],
    out_dir: str | Path,
    *,
    title: str | None = None,
    notes: Callable[[], Sequence[str]] | None = None,
) -> Path:
    """Write one report page per (name, document) and an ``index.html`` linking them, worst
    document first (documents without a score last, ties in input order).

    Page files are named ``NNN-<slug of name>.html`` in input order, so names never collide. Each
    page's <title> is its document's name; the index's names ``title`` (the results file) when
    given. ``notes``, called once every page is written, gives lines to show under the heading
    (e.g. how many malformed lines of the results file were skipped).
    Returns the path of the index page.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rows: list[tuple[float, int, str]] = []
    for i, (name, doc) in enumerate(docs, 1):
        page = f"{i:03d}-{_slug(name)}.html"
        (out / page).write_text(
            render_html(doc, title=name, index_href="index.html"), encoding="utf-8"
        )
        s = doc.summary
        q = s.get("quality")
        counts = s.get("flags", {})
        quality = "–" if q is None else f'<span class="band-{band(q)}">{q:.1f}</span>'
        rows.append(
            (
                float("inf") if q is None else float(q),
                i,
                f'<tr><td><a href="{_e(page)}">{_e(name)}</a></td><td class="num">{quality}</td>'
                f'<td class="num">{int(s.get("sentences", 0))}</td>'
                f'<td class="num">{int(s.get("flagged_sentences", 0))}</td>'
                + "".join(
                    f'<td class="num">{int(counts.get(sev, 0))}</td>'
                    for sev in reversed(SEVERITIES)
                )
                + "</tr>",
            )
        )
    rows.sort()
    head = "".join(f'<th class="num" scope="col">{sev}</th>' for sev in reversed(SEVERITIES))
    heading = f"{DEFAULT_TITLE}s" + (f": {title}" if title else "")
    extra = "".join(f'<p class="note">{_e(n)}</p>' for n in (notes() if notes else ()))
    body = f"""<header class="top"><h1>{_e(heading)}</h1>
<p>{len(rows)} document{"s" if len(rows) != 1 else ""}, worst first</p>{extra}</header>
<main><table class="docs" aria-label="Documents, worst first">
<thead><tr><th scope="col">Document</th><th class="num" scope="col">Quality</th>
<th class="num" scope="col">Sentences</th><th class="num" scope="col">Flagged</th>{head}</tr></thead>
<tbody>{"".join(r for _, _, r in rows)}</tbody></table></main>"""
    index = out / "index.html"
    index.write_text(_page(heading, body), encoding="utf-8")
    return index
