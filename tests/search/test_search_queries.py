"""What readers type finds the right page first, in every locale, through the search box.

Natural queries are a reader's words, not page titles; code names are what a browser or
OpenSSL shows (Chromium's with and without `NET::`). The shipped content answers most; the
small site with one extra page answers queries whose page is not shipped yet. Queries in a
locale still being translated wait (skip, saying why) until the catalog of their page is
translated far enough to be published in that locale, as the project's own stats count it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from site_files import SITE_FILES, write_files

from generator.build.run import build
from generator.config import load_config
from generator.l10n.stats import DocStats
from generator.l10n.workflow import stats

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]

Serve = Callable[[Path], str]
"""The `serve` fixture: serves a folder on 127.0.0.1 and gives its URL."""

EXPIRED = "codes/SEC_ERROR_EXPIRED_CERTIFICATE.html"
UNKNOWN_ISSUER = "codes/SEC_ERROR_UNKNOWN_ISSUER.html"
BAD_DOMAIN = "codes/SSL_ERROR_BAD_CERT_DOMAIN.html"
TIME_ERRORS = "articles/time-errors.html"
SELF_SIGNED_PAGE = "codes/MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT.html"

SHIPPED_QUERIES = [
    ("en-US", "expired", EXPIRED),
    ("en-US", "wrong date", TIME_ERRORS),
    ("en-US", "clock is wrong", TIME_ERRORS),
    ("en-US", "unknown issuer", UNKNOWN_ISSUER),
    ("en-US", "wrong site name", BAD_DOMAIN),
    ("en-US", "NET::ERR_CERT_DATE_INVALID", EXPIRED),
    ("en-US", "ERR_CERT_DATE_INVALID", EXPIRED),
    ("en-US", "err_cert_common_name_invalid", BAD_DOMAIN),
    ("en-US", "X509_V_ERR_CERT_HAS_EXPIRED", EXPIRED),
    ("en-US", "X509_V_ERR_IP_ADDRESS_MISMATCH", BAD_DOMAIN),
    ("en-US", "SEC_ERROR_UNKNOWN_ISSUER", UNKNOWN_ISSUER),
    # six pages list it (interception, self-signed, ...): the most commonly met comes first
    ("en-US", "NET::ERR_CERT_AUTHORITY_INVALID", UNKNOWN_ISSUER),
    ("en-US", "SEC_ERROR_OCSP_FUTURE_RESPONSE", "codes/SEC_ERROR_OCSP_FUTURE_RESPONSE.html"),
    ("de", "abgelaufenes Zertifikat", EXPIRED),
    ("de", "Aussteller unbekannt", UNKNOWN_ISSUER),
    ("de", "falsche Uhrzeit", TIME_ERRORS),
    ("de", "NET::ERR_CERT_DATE_INVALID", EXPIRED),
    ("fr", "certificat expiré", EXPIRED),
    ("fr", "émetteur inconnu", UNKNOWN_ISSUER),
    ("fr", "X509_V_ERR_HOSTNAME_MISMATCH", BAD_DOMAIN),
    ("es", "certificado caducado", EXPIRED),
    ("es", "emisor desconocido", UNKNOWN_ISSUER),
    ("es", "NET::ERR_CERT_COMMON_NAME_INVALID", BAD_DOMAIN),
    ("ja", "期限切れ", EXPIRED),
    ("ja", "発行者不明", UNKNOWN_ISSUER),
    ("ja", "時計", TIME_ERRORS),
    ("ja", "NET::ERR_CERT_DATE_INVALID", EXPIRED),
    ("zh-CN", "证书过期", EXPIRED),
    ("zh-CN", "颁发者未知", UNKNOWN_ISSUER),
    ("zh-CN", "时间错误", TIME_ERRORS),
    ("zh-CN", "X509_V_ERR_CERT_HAS_EXPIRED", EXPIRED),
    ("ar", "شهادة منتهية الصلاحية", EXPIRED),
    ("ar", "مصدر الشهادة غير معروف", UNKNOWN_ISSUER),
    ("ar", "الوقت", TIME_ERRORS),
    ("ar", "NET::ERR_CERT_DATE_INVALID", EXPIRED),
    ("pt-BR", "certificado expirado", EXPIRED),
    ("pt-BR", "emissor desconhecido", UNKNOWN_ISSUER),
    ("pt-BR", "ERR_CERT_DATE_INVALID", EXPIRED),
    ("ru", "истек срок сертификата", EXPIRED),
    ("ru", "издатель неизвестен", UNKNOWN_ISSUER),
    ("ru", "NET::ERR_CERT_COMMON_NAME_INVALID", BAD_DOMAIN),
    ("it", "certificato scaduto", EXPIRED),
    ("it", "ERR_CERT_COMMON_NAME_INVALID", BAD_DOMAIN),
]

TRANSLATED_QUERIES = [
    ("he", "פג תוקף האישור", EXPIRED),
    ("ko", "인증서 만료", EXPIRED),
]
"""Queries in locales being translated: each waits for the catalog of its page."""


@functools.cache
def translation_stats(repo: Path) -> dict[tuple[str, str], DocStats]:
    return {(row.locale, row.domain): row for row in stats(load_config(repo))}


def untranslated(repo: Path, locale: str, page: str) -> str | None:
    """Why `page` (a path in a locale's folder) is not in `locale` yet, or None once its
    catalog is translated as far as the build needs to publish it in that locale."""
    config = load_config(repo)
    domain = page.removesuffix(".html")
    if locale == config.source_locale:
        return None
    if locale not in config.locales:
        return f"{locale} is not one of the site's locales"
    row = translation_stats(repo).get((locale, domain))
    if row is None:
        return f"{domain} has no {locale} catalog"
    if row.total and row.translated / row.total < config.publish_threshold:
        return (
            f"{domain} is {row.translated} of {row.total} messages translated into {locale}; "
            f"the page is published in {locale} from {config.publish_threshold:.0%}"
        )
    return None


SELF_SIGNED = """\
---
code: MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT
title: The certificate signs itself
summary: No certificate authority vouches for this certificate; the site signed it itself.
category: certificate
overridable: true
equivalents:
  chromium: [NET::ERR_CERT_AUTHORITY_INVALID]
  openssl: [X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT]
related: [SEC_ERROR_UNKNOWN_ISSUER]
unreproducible: The test needs no scenario.
---

## What it means

The site presents a self-signed certificate, common on routers and test servers.

## What you can do

Continue only on a device you set up yourself.

## What site owners can do

Use a certificate from a certificate authority.
"""

SMALL_QUERIES = [
    ("en-US", "self-signed", "codes/MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT.html"),
    ("en-US", "self signed", "codes/MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT.html"),
    (
        "en-US",
        "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT",
        "codes/MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT.html",
    ),
    ("en-US", "expired", EXPIRED),
]


@pytest.fixture(scope="module")
def small_url(tmp_path_factory: pytest.TempPathFactory, serve: Serve) -> str:
    """The small test site with a page for self-signed certificates."""
    root = tmp_path_factory.mktemp("small-search")
    files = {**SITE_FILES, "content/codes/MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT.md": SELF_SIGNED}
    write_files(root, files)
    config = load_config(root)
    build(config)
    return serve(config.output)


@pytest.fixture(scope="module")
def search_page(browser: Any) -> Iterator[Any]:
    """One page for all queries: the index of a locale loads once, not once per query."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


def first_result(page: Any, base: str, locale: str, query: str) -> str:
    """The page the first search result opens, relative to the locale's folder."""
    home = f"{base}{locale}/index.html"
    if page.url != home:
        page.goto(home)
    page.fill("#search-input", query)
    page.wait_for_function(
        "q => document.querySelector('#search-results').getAttribute('data-query') === q"
        " && document.querySelector('#search-results a')",
        arg=query,
    )
    url: str = page.locator("#search-results a").first.evaluate("a => a.href")
    return url.removeprefix(f"{base}{locale}/")


@pytest.mark.parametrize(("locale", "query", "expected"), SHIPPED_QUERIES)
def test_a_query_finds_its_page_first_in_the_shipped_site(
    search_page: Any, shipped_url: str, locale: str, query: str, expected: str
) -> None:
    assert first_result(search_page, shipped_url, locale, query) == expected


@pytest.mark.parametrize(("locale", "query", "expected"), TRANSLATED_QUERIES)
def test_a_query_finds_its_page_first_once_its_locale_is_translated(
    request: pytest.FixtureRequest, locale: str, query: str, expected: str
) -> None:
    waiting = untranslated(REPO, locale, expected)
    if waiting:
        pytest.skip(f"waits for the translation: {waiting}")
    search_page, shipped_url = (request.getfixturevalue(f) for f in ("search_page", "shipped_url"))
    assert first_result(search_page, shipped_url, locale, query) == expected


@pytest.mark.parametrize(("locale", "query", "expected"), SMALL_QUERIES)
def test_a_query_finds_its_page_first_in_the_small_site(
    search_page: Any, small_url: str, locale: str, query: str, expected: str
) -> None:
    assert first_result(search_page, small_url, locale, query) == expected


def test_an_exact_code_is_first_even_where_other_pages_name_it(page: Any, shipped_url: str) -> None:
    # the overview and the interception page both mention SEC_ERROR_UNKNOWN_ISSUER
    page.goto(f"{shipped_url}en-US/codes/SEC_ERROR_EXPIRED_CERTIFICATE.html")
    page.fill("#search-input", "sec_error_unknown_issuer")
    page.locator("#search-results a").nth(1).wait_for()
    first = page.locator("#search-results a").first
    assert first.locator("code").inner_text() == "SEC_ERROR_UNKNOWN_ISSUER"
    assert page.locator("#search-results a").count() > 1


def test_results_show_the_code_title_and_summary_of_each_page(page: Any, shipped_url: str) -> None:
    first_result(page, shipped_url, "de", "SEC_ERROR_EXPIRED_CERTIFICATE")
    link = page.locator("#search-results a").first
    assert link.locator("code").inner_text() == "SEC_ERROR_EXPIRED_CERTIFICATE"
    assert "abgelaufen" in link.locator(".result-title").inner_text()
    assert link.locator(".result-summary").inner_text().strip() != ""
    assert page.locator("#search-status").inner_text().startswith("Gefundene Seiten:"), "in German"
