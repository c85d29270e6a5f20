"""Readable on a phone: no page scrolls sideways at 320 px, and screenshots fit the column and
open full size on a tap."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from evidence_fixtures import classic_warning_page, firefox_result, png
from site_files import SITE_FILES, write_files

from generator.build.run import build
from generator.config import load_config
from generator.verify.record_write import write_records

pytestmark = pytest.mark.browser

Serve = Callable[[Path], str]
"""The `serve` fixture: serves a folder on 127.0.0.1 and gives its URL."""
CODE, SCENARIO = "SEC_ERROR_UNKNOWN_ISSUER", "unknown-issuer"

PAGES = [
    "{locale}/index.html",
    "{locale}/articles/corrupted-certificate-store.html",
    "{locale}/codes/MOZILLA_PKIX_ERROR_ADDITIONAL_POLICY_CONSTRAINT_FAILED.html",
    "{locale}/errors/MOZILLA_PKIX_ERROR_ADDITIONAL_POLICY_CONSTRAINT_FAILED.html",
    "{locale}/lookup.html?code=NET%3A%3AERR_CERT_AUTHORITY_INVALID",
    "l10n/index.html",
    "index.html",
]
"""Each kind of page, with the longest code names the site has."""


@pytest.fixture(scope="module")
def with_screenshot(tmp_path_factory: pytest.TempPathFactory, serve: Serve) -> str:
    """The small site with a 1280 px wide screenshot of the unknown-issuer warning, published
    the way `certwarn verify --record` publishes one: a record naming its SHA-256."""
    root = tmp_path_factory.mktemp("phone")
    write_files(root, SITE_FILES)
    (root / "content/scenarios").mkdir(parents=True)
    (root / f"content/scenarios/{SCENARIO}.toml").write_text(
        'description = "An unknown issuer."\nhost = "unknown-issuer.test"\n'
    )
    today = dt.datetime.now(dt.UTC).date().isoformat()
    firefox = firefox_result(CODE, SCENARIO, today)
    shown = classic_warning_page(SCENARIO, CODE, png(1280, 800))
    write_records(root, [firefox], [shown], today)
    config = load_config(root)
    build(config)
    return serve(config.output)


def sideways(page: Any) -> int:
    """How far the page scrolls sideways (0 when it does not)."""
    html = "document.documentElement"
    return int(page.evaluate(f"{html}.scrollWidth - {html}.clientWidth"))


@pytest.mark.parametrize("locale", ["en-US", "ar", "ja", "ru"])
def test_no_page_scrolls_sideways_at_320_px(browser: Any, shipped_url: str, locale: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True)
    page = context.new_page()
    wide = {}
    for path in PAGES:
        page.goto(shipped_url + path.format(locale=locale))
        wide[path] = sideways(page)
    page.goto(f"{shipped_url}{locale}/codes/SEC_ERROR_EXPIRED_CERTIFICATE.html")
    page.fill("#search-input", "NET::ERR_CERT_DATE_INVALID")
    page.locator("#search-results a").first.wait_for()
    wide["search results"] = sideways(page)
    panel = page.locator(".search-panel").bounding_box()
    context.close()
    assert wide == dict.fromkeys(wide, 0)
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= 320


@pytest.mark.parametrize("width", [375, 1280])
def test_a_screenshot_fills_the_column_and_opens_full_size(
    browser: Any, with_screenshot: str, width: int
) -> None:
    # the page shows the screenshot once, in its text (not again beside the recorded results)
    context = browser.new_context(viewport={"width": width, "height": 800}, has_touch=True)
    page = context.new_page()
    url = f"{with_screenshot}en-US/codes/{CODE}.html"
    page.goto(url)
    images = page.locator("a.screenshot-link img.screenshot")
    assert images.count() == 1
    column = page.locator(".prose").bounding_box()
    for index in range(images.count()):
        image = images.nth(index)
        image.scroll_into_view_if_needed()
        shown = image.bounding_box()
        assert shown["width"] == pytest.approx(column["width"], abs=1)
        assert shown["x"] >= 0 and shown["x"] + shown["width"] <= width
    natural = []
    for index in range(images.count()):
        page.goto(url)
        image = page.locator("a.screenshot-link img.screenshot").nth(index)
        image.scroll_into_view_if_needed()
        image.tap()
        page.wait_for_url(f"**/_images/en-US/{CODE}.png")
        natural.append(
            page.evaluate("[document.images[0].naturalWidth, document.images[0].naturalHeight]")
        )
    context.close()
    assert natural == [[1280, 800]]
