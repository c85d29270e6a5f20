"""The multi-locale build: per-unit fallback, thresholds, safety, direction, alternates, sitemap."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from l10n_helpers import add_locales, between, certwarn, page, translate

BASE = "https://help.example.test/warnings/"


@pytest.fixture
def multi(project: Path) -> Path:
    """The small site with German (complete), Arabic (complete) and Italian (empty) catalogs."""
    add_locales(project, "de", "ar", "it")
    translate(project, "de", lambda s: s)
    translate(project, "ar", lambda s: s)
    return project


def body(html: str) -> str:
    return between(html, '<div class="prose">', "</article>")


def test_identity_catalog_reproduces_the_source_html(multi: Path) -> None:
    assert certwarn(multi, "build") == 0
    for relative in (
        "index.html",
        "codes/SEC_ERROR_UNKNOWN_ISSUER.html",
        "articles/bypassing-the-warning.html",
    ):
        source = body(page(multi, f"en-US/{relative}"))
        german = body(page(multi, f"de/{relative}"))
        assert german == source.replace("/en-US/", "/de/")


def test_translated_text_is_published_and_untranslated_units_keep_the_source_with_lang(
    multi: Path,
) -> None:
    translate(multi, "de", lambda s: {"What it means": "Was das bedeutet"}.get(s, s))
    assert certwarn(multi, "build") == 0
    html = page(multi, "de/codes/SEC_ERROR_UNKNOWN_ISSUER.html")
    assert '<h2 id="what-it-means">Was das bedeutet</h2>' in html, "anchors stay the source's"


def test_fuzzy_translations_are_never_published(multi: Path) -> None:
    translate(
        multi,
        "de",
        lambda s: "UNGEPRÜFT " + s if "{" not in s and "%" not in s else None,
        fuzzy=True,
    )
    assert certwarn(multi, "build") == 0
    for path in (multi / "build/html/de").rglob("*.html"):
        assert "UNGEPRÜFT" not in path.read_text(encoding="utf-8"), path


def test_a_page_below_the_threshold_is_served_in_the_source_language_with_a_notice(
    multi: Path,
) -> None:
    assert certwarn(multi, "build") == 0
    html = page(multi, "it/codes/SEC_ERROR_EXPIRED_CERTIFICATE.html")
    assert '<html lang="it" dir="ltr"' in html, "the chrome is Italian"
    assert '<article class="article code-page" lang="en-US" dir="ltr"' in html
    assert 'class="notice"' in html


def test_untranslated_units_in_a_published_translation_are_marked_with_the_source_lang(
    project: Path,
) -> None:
    add_locales(project, "de")
    translate(project, "de", lambda s: None if s.startswith("Every certificate") else "DE: " + s)
    assert certwarn(project, "build") == 0
    html = page(project, "de/codes/SEC_ERROR_EXPIRED_CERTIFICATE.html")
    assert '<p lang="en-US" dir="ltr">Every certificate is valid for a limited time.</p>' in html


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klick](javascript:alert(1))",
    "[klick](data:text/html;base64,PHNjcmlwdD4=)",
    '" onmouseover="alert(1)',
    "<!-- --><iframe src=//evil.example>",
    "[x](</x onclick=alert(1)>)",
]


class Markup(HTMLParser):
    """Every element and attribute a browser would build from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Markup()
    parser.feed(html)
    return parser.tags


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_translations_never_reach_a_page_as_markup(project: Path, payload: str) -> None:
    add_locales(project, "de")
    translate(project, "de", lambda s: f"{s} {payload}")
    assert certwarn(project, "build") == 0
    english = {
        tag
        for path in (project / "build/html/en-US").rglob("*.html")
        for tag, _ in elements(path.read_text())
    }
    for path in (project / "build/html/de").rglob("*.html"):
        for tag, attrs in elements(path.read_text(encoding="utf-8")):
            assert tag in english, (path, tag)
            assert not [name for name in attrs if name.startswith("on")], (path, tag, attrs)
            for name in ("href", "src"):
                value = (attrs.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (
                    path,
                    tag,
                    attrs,
                )
            if tag == "script":
                assert "src" in attrs or path.parent.name == "errors", (path, attrs)


def test_right_to_left_locales_carry_dir_rtl(multi: Path) -> None:
    assert certwarn(multi, "build") == 0
    for relative in (
        "index.html",
        "codes/SEC_ERROR_UNKNOWN_ISSUER.html",
        "errors/SEC_ERROR_UNKNOWN_ISSUER.html",
    ):
        assert '<html lang="ar" dir="rtl"' in page(multi, f"ar/{relative}")
    assert '<html lang="de" dir="ltr"' in page(multi, "de/index.html")


def test_every_switcher_and_hreflang_link_resolves(multi: Path) -> None:
    assert certwarn(multi, "build") == 0
    out = multi / "build/html"
    for path in out.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if "lang-list" not in html:
            continue
        switcher = between(html, '<ul class="lang-list">', "</ul>")
        hrefs = re.findall(r'href="([^"]+)"', switcher)
        assert len(hrefs) == 4, path
        for href in hrefs:
            assert (path.parent / href).resolve().is_file(), (path, href)
        for absolute in re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', html):
            assert absolute.startswith(BASE)
            assert (out / absolute.removeprefix(BASE)).is_file(), (path, absolute)


def test_sitemap_is_valid_xml_with_an_alternate_per_locale(multi: Path) -> None:
    assert certwarn(multi, "build") == 0
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    index = ET.parse(multi / "build/html/sitemap.xml").getroot()
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = [loc.text for loc in index.findall("s:sitemap/s:loc", ns)]
    assert parts == [f"{BASE}{tag}/sitemap.xml" for tag in ("ar", "de", "en-US", "it")]
    urls = []
    for part in parts:
        urls += (
            ET.parse(multi / "build/html" / part.removeprefix(BASE)).getroot().findall("s:url", ns)
        )
    assert len(urls) == 4 * 5, "home, one article and three codes, per locale"
    for url in urls:
        alternates = url.findall("x:link", ns)
        assert sorted(a.get("hreflang") for a in alternates) == ["ar", "de", "en-US", "it"]
        loc = url.find("s:loc", ns).text
        assert loc in [a.get("href") for a in alternates]
        assert urljoin(BASE, loc).startswith(BASE)


def test_error_pages_exist_in_every_locale_and_the_manifest_lists_them(multi: Path) -> None:
    import json

    assert certwarn(multi, "build") == 0
    manifest = json.loads(page(multi, "errors/manifest.json"))
    entry = manifest["codes"]["SEC_ERROR_UNKNOWN_ISSUER"]
    assert sorted(entry["locales"]) == ["ar", "de", "en-US", "it"]
    assert entry["bypassable"] is True
    for locale, item in entry["locales"].items():
        assert (multi / "build/html" / item["path"]).is_file(), locale
