"""certwarn's error pages (build/html/<locale>/errors/<CODE>.html) at desktop and phone widths."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from generator.verify.chromium_launch import launch_chromium
from generator.verify.run import Progress, silent
from generator.verify.screenshots.shots import ShotRun, save_png

WIDTHS = (1280, 375)
VIEWPORT_HEIGHT = 800
_NOT_A_FILE = re.compile(r"^(?!file:)")


def error_page(html_root: Path, locale: str, code: str) -> Path:
    return html_root / locale / "errors" / f"{code}.html"


def error_page_shot(out_root: Path, locale: str, code: str, width: int) -> Path:
    return out_root / locale / "errors" / f"{code}-{width}.png"


def screenshot_error_pages(
    chromium: Path,
    html_root: Path,
    out_root: Path,
    pages: Sequence[tuple[str, str]],
    progress: Progress = silent,
) -> ShotRun:
    """Full-page PNGs of each (locale, code) page at every width; missing pages are skipped."""
    run = ShotRun()
    with launch_chromium(chromium) as browser:
        tabs = {
            w: browser.new_page(viewport={"width": w, "height": VIEWPORT_HEIGHT}) for w in WIDTHS
        }
        for tab in tabs.values():
            # The pages are self-contained: a request leaving the file is refused, not waited for.
            tab.route(_NOT_A_FILE, lambda route: route.abort())
        for locale, code in pages:
            source = error_page(html_root, locale, code)
            if not source.is_file():
                message = f"{source}: missing; run `certwarn build` first to screenshot it"
                progress(message)
                run += ShotRun(skipped=(message,))
                continue
            for width, tab in tabs.items():
                tab.goto(source.resolve().as_uri(), wait_until="load")
                tab.evaluate("document.fonts.ready")
                target = error_page_shot(out_root, locale, code, width)
                run += save_png(target, tab.screenshot(full_page=True))
            progress(f"{locale}/errors/{code}: {', '.join(f'{w}px' for w in WIDTHS)}")
    return run
