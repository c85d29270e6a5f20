"""certwarn's error pages (build/html/<locale>/errors/<CODE>.html) at desktop and phone widths."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.verify.chromium_launch import launch_chromium
from generator.verify.run import Progress, silent
from generator.verify.screenshots.shots import ShotRun, Skip, save_png

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
            run += _shoot(tabs, html_root, out_root, locale, code, progress)
    return run


def _shoot(
    tabs: dict[int, Any],
    html_root: Path,
    out_root: Path,
    locale: str,
    code: str,
    progress: Progress,
) -> ShotRun:
    from playwright.sync_api import Error

    source = error_page(html_root, locale, code)
    if not source.is_file():
        skip = Skip(source, "missing; run `certwarn build` first to screenshot it")
        progress(f"{locale}/errors/{code}: skipped, the page is missing")
        return ShotRun(skipped=(skip,))
    run = ShotRun()
    for width, tab in tabs.items():
        try:
            tab.goto(source.resolve().as_uri(), wait_until="load")
            tab.evaluate("document.fonts.ready")
            png = tab.screenshot(full_page=True)
        except Error as e:
            # e.g. a concurrent `certwarn build` swapping build/html while we read it
            reason = f"could not be opened: {e.message.splitlines()[0]}"
            return run + ShotRun(skipped=(Skip(source, reason),))
        run += save_png(error_page_shot(out_root, locale, code, width), png)
    progress(f"{locale}/errors/{code}: {', '.join(f'{w}px' for w in WIDTHS)}")
    return run
