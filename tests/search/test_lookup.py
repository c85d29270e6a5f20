"""`lookup.html?code=…` opened from a file: every name a page lists leads to that page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
import yaml

from generator.render.lookup import lookup_key

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]


def listed_names() -> dict[str, list[str]]:
    """Each name the shipped code pages list (their own and their equivalents) -> those codes,
    read straight from the front matter."""
    names: dict[str, list[str]] = {}
    for path in sorted((REPO / "content/codes").glob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        equivalents = front.get("equivalents") or {}
        for name in [
            front["code"],
            *equivalents.get("chromium", ()),
            *equivalents.get("openssl", ()),
        ]:
            names.setdefault(name, []).append(front["code"])
    return names


NAMES = listed_names()
FORMS = sorted(
    {(name, name) for name in NAMES}
    | {(name, name.removeprefix("NET::")) for name in NAMES if name.startswith("NET::")}
    | {(name, f"  {name.lower()} ") for name in NAMES}
)
"""(listed name, what a reader types): as listed, without `NET::`, in lower case with spaces."""


def lookup(page: Any, site: Path, locale: str, typed: str) -> None:
    page.goto((site / locale / "lookup.html").as_uri() + "?code=" + quote(typed))


@pytest.fixture(scope="module")
def lookup_page(browser: Any) -> Iterator[Any]:
    """One page for all lookups: each is a new navigation anyway."""
    context = browser.new_context()
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == []


def check_lookup(page: Any, site: Path, locale: str, name: str, typed: str) -> None:
    codes = NAMES[name]
    lookup(page, site, locale, typed)
    if len(codes) == 1:
        page.wait_for_url(f"**/{locale}/codes/{codes[0]}.html")
        return
    lines = page.locator(".lookup-candidates li")
    assert lines.count() == len(codes)
    for line, code in zip(lines.all(), codes, strict=True):
        link = line.locator("a")
        assert link.count() == 1, "one line, one link per candidate"
        assert link.evaluate("a => a.href").endswith(f"/{locale}/codes/{code}.html")
        assert line.locator(".row-summary").inner_text().strip() != ""
    assert page.locator(".lookup-several").is_visible()
    assert page.evaluate("document.activeElement.id") == "lookup-result"


@pytest.mark.parametrize(("name", "typed"), FORMS)
def test_every_listed_name_leads_to_its_pages(
    lookup_page: Any, shipped_site: Path, name: str, typed: str
) -> None:
    check_lookup(lookup_page, shipped_site, "en-US", name, typed)


@pytest.mark.parametrize("locale", ["ar", "ja", "zh-CN"])
def test_every_listed_name_leads_to_its_pages_in_other_locales(
    lookup_page: Any, shipped_site: Path, locale: str
) -> None:
    for name in NAMES:
        check_lookup(lookup_page, shipped_site, locale, name, name)


def test_a_name_several_pages_list_is_shared_by_them() -> None:
    # Chromium cannot tell an interception, a self-signed certificate or an unknown issuer apart
    candidates = set(NAMES["NET::ERR_CERT_AUTHORITY_INVALID"])
    assert {
        "MOZILLA_PKIX_ERROR_MITM_DETECTED",
        "MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT",
        "SEC_ERROR_UNKNOWN_ISSUER",
    } <= candidates


@pytest.mark.parametrize("locale", ["en-US", "ja"])
def test_an_unknown_code_shows_the_overview_with_a_note(
    page: Any, shipped_site: Path, locale: str
) -> None:
    lookup(page, shipped_site, locale, "NET::ERR_NOT_A_REAL_CODE")
    note = page.locator(".lookup-unknown")
    assert note.is_visible()
    assert note.locator("code").inner_text() == "NET::ERR_NOT_A_REAL_CODE"
    rows = page.locator(".codes-table tbody tr")
    assert rows.count() == len(list((REPO / "content/codes").glob("*.md")))
    assert page.locator(".codes-table").is_visible()
    assert page.input_value("#lookup-code") == "NET::ERR_NOT_A_REAL_CODE"


def test_the_lookup_form_asks_the_page_itself(page: Any, shipped_site: Path) -> None:
    assert NAMES["X509_V_ERR_CERT_REVOKED"] == ["SEC_ERROR_REVOKED_CERTIFICATE"]
    page.goto((shipped_site / "en-US/lookup.html").as_uri())
    assert not page.locator("#lookup-result").is_visible()
    page.fill("#lookup-code", "x509_v_err_cert_revoked")
    page.press("#lookup-code", "Enter")
    page.wait_for_url("**/en-US/codes/SEC_ERROR_REVOKED_CERTIFICATE.html")


def test_the_lookup_form_lists_the_pages_that_share_a_name(page: Any, shipped_site: Path) -> None:
    # OpenSSL says "certificate has expired" for the site's certificate and for one in its chain
    shared = NAMES["X509_V_ERR_CERT_HAS_EXPIRED"]
    assert shared == ["SEC_ERROR_EXPIRED_CERTIFICATE", "SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE"]
    page.goto((shipped_site / "en-US/lookup.html").as_uri())
    page.fill("#lookup-code", "x509_v_err_cert_has_expired")
    page.press("#lookup-code", "Enter")
    page.wait_for_url("**/en-US/lookup.html?code=x509_v_err_cert_has_expired")
    page.locator(".lookup-several").wait_for()
    links = page.locator(".lookup-candidates li a")
    assert [a.evaluate("a => a.href").rsplit("/", 1)[1] for a in links.all()] == [
        f"{code}.html" for code in shared
    ]


def test_without_javascript_the_page_lists_every_name_with_its_page(
    browser: Any, shipped_site: Path
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((shipped_site / "de/lookup.html").as_uri() + "?code=NET%3A%3AERR_CERT_DATE_INVALID")
    rows = page.locator(".names-table tbody tr")
    shown = {}
    for row in rows.all():
        name = row.locator("th code").inner_text()
        shown.setdefault(name, []).append(row.locator("a").evaluate("a => a.href"))
    context.close()
    assert set(shown) == set(NAMES)
    for name, codes in NAMES.items():
        assert [url.rsplit("/", 1)[1] for url in shown[name]] == [f"{c}.html" for c in codes]


def test_the_lookup_key_matches_what_readers_paste() -> None:
    assert lookup_key(" net::err_cert_date_invalid\n") == "ERR_CERT_DATE_INVALID"
    assert lookup_key("X509_V_ERR_CERT_HAS_EXPIRED") == "X509_V_ERR_CERT_HAS_EXPIRED"
