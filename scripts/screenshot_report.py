"""Regenerate docs/report.png: the HTML report of the sample article, as Debian's Chromium draws it.

.venv/bin/python scripts/screenshot_report.py [--width 1280] [--out docs/report.png]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
# The same flags as the browser test: headless, no network chatter, no sandbox in containers.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("no chromium on PATH (run `make browser` as root)")
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.html"
        mtqa = str(Path(sys.executable).with_name("mtqa"))
        cmd = [
            mtqa,
            "check",
            str(SAMPLES / "article.en.txt"),
            "--src",
            str(SAMPLES / "article.ru.txt"),
        ]
        # The gate is off, so exit status 0 means the report was written.
        subprocess.run(cmd + ["--format", "html", "-o", str(report)], check=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": 800})
            page.goto(report.as_uri())
            # Show one tooltip, as a reader hovering the worst flagged phrase would see it.
            for severity in ("critical", "major", "minor"):
                marks = page.locator(f"mark.sev-{severity}")
                if marks.count():
                    marks.first.focus()
                    break
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out), full_page=True)
            browser.close()
    print(args.out)


if __name__ == "__main__":
    main()
