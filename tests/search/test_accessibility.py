"""axe-core finds no violation on any kind of page, in a left-to-right, a right-to-left and a
CJK locale, with the search results and the lookup answers showing."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

PAGES = {
    "home": "index.html",
    "article": "articles/time-errors.html",
    "code": "codes/SEC_ERROR_UNKNOWN_ISSUER.html",
    "error": "errors/SEC_ERROR_EXPIRED_CERTIFICATE.html",
    "lookup": "lookup.html",
    "lookup-several": "lookup.html?code=NET%3A%3AERR_CERT_AUTHORITY_INVALID",
    "lookup-unknown": "lookup.html?code=NOT_A_CODE",
}


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def violations(axe: Axe, page: Any) -> list[str]:
    found = axe.run(page).response["violations"]
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in found]


@pytest.mark.parametrize("locale", ["en-US", "ar", "ja"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_no_violations_on_each_kind_of_page(
    page: Any, shipped_url: str, axe: Axe, locale: str, kind: str
) -> None:
    page.goto(f"{shipped_url}{locale}/{PAGES[kind]}")
    assert violations(axe, page) == []


@pytest.mark.parametrize("locale", ["en-US", "ar", "ja"])
def test_no_violations_with_search_results_open(
    page: Any, shipped_url: str, axe: Axe, locale: str
) -> None:
    page.goto(f"{shipped_url}{locale}/codes/SEC_ERROR_EXPIRED_CERTIFICATE.html")
    page.fill("#search-input", "NET::ERR_CERT_DATE_INVALID")
    page.locator("#search-results a").first.wait_for()
    page.focus("#search-results a >> nth=0")
    assert violations(axe, page) == []


@pytest.mark.parametrize("path", ["index.html", "l10n/index.html"])
def test_no_violations_on_the_pages_spanning_locales(
    page: Any, shipped_url: str, axe: Axe, path: str
) -> None:
    page.goto(f"{shipped_url}{path}")
    assert violations(axe, page) == []
