"""The HTML report in a real browser: Debian's Chromium driven by Playwright.

Screenshots go to artifacts/ (git-ignored) for CI to keep. Skipped only when no Chromium is
installed (`make browser` installs it).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from html_samples import HOSTILE, sample_doc

from mtqa.report.html import render_html

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags that keep a headless Chromium off the network and quiet in a container.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on PATH (install it with `make browser`, as root)"
)

# Where each mark starts in its paragraph's text, counted in UTF-16 units as JS does; the sample
# text is all BMP, so this equals the Python offsets.
MARKS_JS = """() => [...document.querySelectorAll('mark.flag')].map(m => {
  const p = m.closest('p');
  const range = document.createRange();
  range.setStart(p, 0);
  range.setEndBefore(m);
  const box = m.getBoundingClientRect(), pbox = p.getBoundingClientRect();
  return {
    text: m.textContent, cls: m.className, start: range.toString().length,
    sentence: m.closest('section.sentence').id, background: getComputedStyle(m).backgroundColor,
    inside: box.left >= pbox.left - 1 && box.right <= pbox.right + 1
            && box.top >= pbox.top - 1 && box.bottom <= pbox.bottom + 1,
    visible: box.width > 0 && box.height > 0,
  };
})"""

TIP_JS = """m => {
  const s = getComputedStyle(m, '::after');
  return {display: s.display, content: s.content};
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(sample_doc()), encoding="utf-8")
    return path


@pytest.fixture
def page(browser: Any, report: Path) -> Iterator[Any]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report.as_uri())
    page.dialogs = dialogs
    page.requests = requests
    yield page
    page.close()


def test_spans_highlighted_where_flagged(page: Any):
    doc = sample_doc()
    expected = [(s, f) for s in doc.sentences for f in s.flags]
    marks = page.evaluate(MARKS_JS)
    assert [m["text"] for m in marks] == [f.text for _, f in expected]
    for m, (s, f) in zip(marks, expected):
        assert m["cls"] == f"flag sev-{f.severity}"
        assert m["start"] == f.start
        assert m["sentence"] == f"s{s.segment.index + 1}"
        assert m["visible"] and m["inside"], m
    # Each severity looks different.
    assert len({m["background"] for m in marks}) == len(marks)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-wide.png"), full_page=True)


def test_hover_and_focus_show_message_and_suggestion(page: Any):
    doc = sample_doc()
    flag = doc.sentences[0].flags[0]
    mark = page.locator("mark.sev-critical")
    assert mark.evaluate(TIP_JS)["display"] == "none"
    mark.hover()
    tip = mark.evaluate(TIP_JS)
    assert tip["display"] == "block"
    assert flag.message in tip["content"] and str(flag.suggestion) in tip["content"]
    page.mouse.move(0, 0)
    assert mark.evaluate(TIP_JS)["display"] == "none"
    # Keyboard: the first Tab reaches the skip link, the next the first flagged span.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent")
    assert focused == flag.text
    assert mark.evaluate(TIP_JS)["display"] == "block"
    described = mark.get_attribute("aria-describedby")
    side = page.locator(f"#{described}").inner_text()
    assert flag.message in side and str(flag.suggestion) in side
    page.screenshot(path=str(ARTIFACTS / "report-focus.png"))


def test_injection_renders_as_text(page: Any):
    assert page.evaluate("() => document.querySelectorAll('script, img, iframe').length") == 0
    assert page.dialogs == []
    assert HOSTILE in page.locator("#s4 p.text").inner_text()
    assert page.requests == [page.url]  # nothing fetched besides the report itself


def test_phone_width_and_print(browser: Any, report: Path):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(report.as_uri())
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(ARTIFACTS / "report-phone.png"), full_page=True)
    page.emulate_media(media="print")
    assert page.locator("#flags").is_visible()
    page.focus("mark.sev-critical")
    assert page.locator("mark.sev-critical").evaluate(TIP_JS)["display"] == "none"
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")
    page.close()
