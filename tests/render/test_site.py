"""The built site: every page exists, links resolve, error pages stand alone, indexes agree."""

from __future__ import annotations

import html
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from generator.build.run import build
from generator.config import SiteConfig, load_config

LINK_ATTRIBUTES = ("href", "src", "action")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass
class ParsedPage:
    """What the checks need from one HTML file."""

    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, str]] = field(default_factory=list)
    """(tag, attribute, value) of every href, src and action."""
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self, page: ParsedPage):
        super().__init__(convert_charrefs=True)
        self.page = page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.page.tags.append((tag, values))
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        for name in LINK_ATTRIBUTES:
            if name in values:
                self.page.links.append((tag, name, values[name]))


def parse_html(path: Path) -> ParsedPage:
    page = ParsedPage()
    collector = _Collector(page)
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return page


def built_files(out: Path, suffix: str) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob(f"*{suffix}"))


def internal_target(page: str, url: str, base_url: str) -> tuple[str, str] | None:
    """(site-relative path, fragment) a link points to, or None when it leaves the site."""
    if url.startswith(base_url):
        url = "/" + url[len(base_url) :]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if not parts.path:
        return page, unquote(parts.fragment)
    if parts.path.startswith("/"):
        target = parts.path.lstrip("/")
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
    if target.endswith("/") or target in ("", "."):
        target = posixpath.join(target, "index.html")
    return unquote(target), unquote(parts.fragment)


def broken_links(out: Path, base_url: str) -> list[str]:
    """Every internal href/src/action in every HTML file whose file or #anchor is missing."""
    pages = {path: parse_html(out / path) for path in built_files(out, ".html")}
    broken = []
    for path, page in pages.items():
        for tag, attribute, url in page.links:
            found = internal_target(path, url, base_url)
            if found is None:
                continue
            target, fragment = found
            if target.startswith("../") or not (out / target).is_file():
                broken.append(f"{path}: <{tag} {attribute}={url!r}>: no file {target}")
            elif fragment and target in pages and fragment not in pages[target].ids:
                broken.append(
                    f"{path}: <{tag} {attribute}={url!r}>: no id {fragment!r} in {target}"
                )
    return broken


def front_matter(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert isinstance(data, dict)
    return data


def expected_pages(config: SiteConfig) -> set[str]:
    """The output paths a site must have, derived from its content folder."""
    content = config.content_dir
    codes = [p.stem for p in (content / "codes").glob("*.md")]
    slugs = [p.stem for p in (content / "articles").glob("*.md")]
    expected = {"index.html", "sitemap.xml", "errors/manifest.json", "errors/manifest.schema.json"}
    for locale in config.locales:
        expected.add(f"{locale}/index.html")
        expected.update(f"{locale}/articles/{slug}.html" for slug in slugs if slug != config.home)
        expected.update(f"{locale}/codes/{code}.html" for code in codes)
        expected.update(f"{locale}/errors/{code}.html" for code in codes)
    return expected


Write = Callable[[Path, Mapping[str, str]], Any]


@pytest.fixture(scope="module")
def shipped(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[SiteConfig, Path]:
    """The repository's own content, built into a temporary folder."""
    config = load_config(repo)
    out = tmp_path_factory.mktemp("shipped") / "html"
    build(config, out=out)
    return config, out


@pytest.fixture
def small(project: Path) -> tuple[SiteConfig, Path]:
    """The small test site, built to its configured output folder."""
    config = load_config(project)
    build(config)
    return config, config.output


# -- every page exists ----------------------------------------------------------------------------


def test_the_shipped_site_has_a_page_for_every_source(shipped: tuple[SiteConfig, Path]) -> None:
    config, out = shipped
    present = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert expected_pages(config) <= present


def test_the_shipped_site_explains_the_codes_the_issue_names(
    shipped: tuple[SiteConfig, Path],
) -> None:
    _, out = shipped
    for code in (
        "SEC_ERROR_UNKNOWN_ISSUER",
        "SSL_ERROR_BAD_CERT_DOMAIN",
        "SEC_ERROR_EXPIRED_CERTIFICATE",
        "SEC_ERROR_OCSP_INVALID_SIGNING_CERT",
        "SEC_ERROR_OCSP_FUTURE_RESPONSE",
        "MOZILLA_PKIX_ERROR_ADDITIONAL_POLICY_CONSTRAINT_FAILED",
        "MOZILLA_PKIX_ERROR_MITM_DETECTED",
    ):
        assert code in (out / "en-US/index.html").read_text(encoding="utf-8")
        assert (out / f"en-US/codes/{code}.html").is_file()
        assert (out / f"en-US/errors/{code}.html").is_file()


def test_the_home_page_lists_every_code_with_a_link(small: tuple[SiteConfig, Path]) -> None:
    config, out = small
    codes = [p.stem for p in (config.content_dir / "codes").glob("*.md")]
    page = parse_html(out / "en-US/index.html")
    hrefs = {value for tag, name, value in page.links if tag == "a"}
    assert len(codes) == 3
    assert {f"codes/{code}.html" for code in codes} <= hrefs


def test_the_home_page_groups_codes_by_kind_the_most_common_first(
    project: Path, write: Write
) -> None:
    ranks = {"MOZILLA_PKIX_ERROR_MITM_DETECTED": 1, "SEC_ERROR_UNKNOWN_ISSUER": 2}
    for code, rank in ranks.items():
        path = f"content/codes/{code}.md"
        text = (project / path).read_text(encoding="utf-8")
        write(project, {path: text.replace("---\n", f"---\nrank: {rank}\n", 1)})
    config = load_config(project)
    build(config)
    page = (config.output / "en-US/index.html").read_text(encoding="utf-8")
    page = page.split('class="codes-overview"', 1)[1]
    groups = re.findall(r'<h3 id="codes-([a-z-]+)"', page)
    codes = re.findall(r'href="codes/([A-Z_]+)\.html"', page)
    assert groups[:2] == ["interception", "certificate"]
    assert codes[:2] == ["MOZILLA_PKIX_ERROR_MITM_DETECTED", "SEC_ERROR_UNKNOWN_ISSUER"]
    assert len(set(codes)) == 3


def test_code_names_wrap_only_after_their_underscores(small: tuple[SiteConfig, Path]) -> None:
    _, out = small
    page = (out / "en-US/index.html").read_text(encoding="utf-8")
    assert "<code>SEC_<wbr>ERROR_<wbr>UNKNOWN_<wbr>ISSUER</code>" in page
    assert "<code>SEC_ERROR_UNKNOWN_ISSUER</code>" not in page


def test_a_historical_code_says_so_and_offers_no_way_past(project: Path, write: Write) -> None:
    path = "content/codes/MOZILLA_PKIX_ERROR_MITM_DETECTED.md"
    text = (project / path).read_text(encoding="utf-8")
    write(project, {path: text.replace("---\n", "---\nhistorical:\n  first: 60\n  last: 115\n", 1)})
    config = load_config(project)
    build(config)
    page = (config.output / "en-US/codes/MOZILLA_PKIX_ERROR_MITM_DETECTED.html").read_text("utf-8")
    assert "Historical error code." in page
    assert "Firefox 60 to 115 showed this error." in page
    assert "Yes, at your own risk" not in page
    error = (config.output / "en-US/errors/MOZILLA_PKIX_ERROR_MITM_DETECTED.html").read_text(
        "utf-8"
    )
    assert "Proceed to the site (Risky)" not in error


def test_every_os_variant_is_in_the_page_and_visible_without_script(
    small: tuple[SiteConfig, Path],
) -> None:
    _, out = small
    page = parse_html(out / "en-US/articles/bypassing-the-warning.html")
    variants = [a for tag, a in page.tags if "os-variant" in a.get("class", "").split()]
    assert [a["data-os"] for a in variants] == ["windows", "macos", "linux"]
    assert all("hidden" not in a and "data-hidden" not in a for a in variants)
    labels = [a for tag, a in page.tags if a.get("class") == "os-label"]
    assert len(labels) == len(variants)


# -- no broken internal link or anchor ------------------------------------------------------------


def test_the_shipped_site_has_no_broken_internal_link(shipped: tuple[SiteConfig, Path]) -> None:
    config, out = shipped
    assert broken_links(out, config.base_url) == []


def test_the_small_site_has_no_broken_internal_link(small: tuple[SiteConfig, Path]) -> None:
    config, out = small
    assert broken_links(out, config.base_url) == []


def test_the_link_checker_finds_a_missing_file_and_a_missing_anchor(
    tmp_path: Path, write: Write
) -> None:
    write(
        tmp_path,
        {
            "en/a.html": '<h2 id="here">A</h2><a href="b.html#gone"></a><a href="#here"></a>',
            "en/b.html": '<img src="../_static/none.png"><a href="https://x.test/en/a.html#here"></a>',
        },
    )
    assert broken_links(tmp_path, "https://x.test/") == [
        "en/a.html: <a href='b.html#gone'>: no id 'gone' in en/b.html",
        "en/b.html: <img src='../_static/none.png'>: no file _static/none.png",
    ]


# -- error pages are self-contained ---------------------------------------------------------------


def error_pages(out: Path) -> list[str]:
    return [p for p in built_files(out, ".html") if "/errors/" in p]


def test_there_is_one_error_page_per_code_and_locale_and_one_for_unknown_codes(
    shipped: tuple[SiteConfig, Path],
) -> None:
    config, out = shipped
    codes = [*(p.stem for p in (config.content_dir / "codes").glob("*.md")), "unknown"]
    assert error_pages(out) == sorted(
        f"{locale}/errors/{code}.html" for locale in config.locales for code in codes
    )


def test_error_pages_load_nothing_from_anywhere(shipped: tuple[SiteConfig, Path]) -> None:
    _, out = shipped
    for path in error_pages(out):
        page = parse_html(out / path)
        for tag, attributes in page.tags:
            assert tag not in ("img", "iframe", "object", "embed", "link"), (path, tag)
            if tag == "script":
                assert "src" not in attributes, path
            if tag != "a":
                assert not {"src", "srcset", "href", "data"} & attributes.keys(), (path, tag)
        text = (out / path).read_text(encoding="utf-8")
        assert not re.search(r"url\(|@import", text), path


def test_error_pages_link_outside_only_from_anchors(shipped: tuple[SiteConfig, Path]) -> None:
    _, out = shipped
    for path in error_pages(out):
        resources = [
            (tag, value)
            for tag, name, value in parse_html(out / path).links
            if tag != "a" and re.match(r"https?://", value)
        ]
        assert resources == [], path


def test_error_pages_offer_to_continue_only_when_the_browser_does(
    shipped: tuple[SiteConfig, Path],
) -> None:
    config, out = shipped
    for source in (config.content_dir / "codes").glob("*.md"):
        html = (out / f"en-US/errors/{source.stem}.html").read_text(encoding="utf-8")
        overridable = front_matter(source)["overridable"]
        assert ("Proceed to the site (Risky)" in html) is overridable, source.stem
        assert ("Secure Connection Failed" in html) is not overridable, source.stem
        assert "<details" in html
        assert source.stem in html


# -- content cannot inject markup or scripts ------------------------------------------------------

HOSTILE = """\
---
title: Hostile <script>alert("title")</script>
summary: A summary with <img src=x onerror=alert(1)>.
---

## Raw <b>HTML</b> in a heading

<script>alert("block")</script>

<div onclick="alert(1)">a div</div>

Inline <span style="x">span</span>, a [script link](javascript:alert(1)), an autolink
<javascript:alert(2)>, a [vbscript link](vbscript:msgbox), a [data link](data:text/html,hi),
and [an encoded one](java&#x73;cript:alert(3)).
"""


def test_raw_html_and_script_links_in_content_are_neutralized(project: Path, write: Write) -> None:
    write(project, {"content/articles/hostile.md": HOSTILE})
    config = load_config(project)
    build(config)
    out = config.output
    html = (out / "en-US/articles/hostile.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in html
    assert "&lt;div onclick" in html
    assert "&lt;b&gt;HTML&lt;/b&gt;" in html
    for path in built_files(out, ".html"):
        page = parse_html(out / path)
        scripts = [a for tag, a in page.tags if tag == "script" and "src" not in a]
        handlers = [(tag, a) for tag, a in page.tags if any(n.startswith("on") for n in a)]
        assert handlers == [], path
        assert all(tag != "div" or "onclick" not in a for tag, a in page.tags)
        assert len(scripts) <= (1 if "/errors/" in path or path == "index.html" else 0), path
        for _, _, url in page.links:
            assert not re.match(r"\s*(javascript|vbscript|data):", url, re.IGNORECASE), (path, url)


# -- manifest.json and sitemap.xml ----------------------------------------------------------------


def test_the_manifest_lists_every_error_page_with_its_facts(
    shipped: tuple[SiteConfig, Path],
) -> None:
    config, out = shipped
    manifest = json.loads((out / "errors/manifest.json").read_text(encoding="utf-8"))
    assert manifest["source_locale"] == config.source_locale
    assert manifest["locales"] == list(config.locales)
    sources = {p.stem: front_matter(p) for p in (config.content_dir / "codes").glob("*.md")}
    assert set(manifest["codes"]) == set(sources)
    for code, entry in manifest["codes"].items():
        assert entry["bypassable"] is sources[code]["overridable"]
        assert entry["category"] == sources[code]["category"]
        assert set(entry["locales"]) == set(config.locales)
        for locale, page in entry["locales"].items():
            assert page["path"] == f"{locale}/errors/{code}.html"
            assert (out / page["path"]).is_file()
            help_page = (out / f"{locale}/codes/{code}.html").read_text(encoding="utf-8")
            heading = re.search(r"<h1>(.*?)</h1>", help_page)
            assert heading and html.unescape(heading.group(1)) == page["title"]
        assert entry["locales"][config.source_locale]["title"] == sources[code]["title"]


def test_the_sitemap_lists_every_help_page_with_its_alternates(
    shipped: tuple[SiteConfig, Path],
) -> None:
    config, out = shipped
    index = ET.parse(out / "sitemap.xml").getroot()
    assert index.tag == f"{SITEMAP}sitemapindex"
    urls = []
    for part in index.iter(f"{SITEMAP}loc"):
        part_root = ET.parse(out / (part.text or "").removeprefix(config.base_url)).getroot()
        assert part_root.tag == f"{SITEMAP}urlset"
        urls += part_root.findall(f"{SITEMAP}url")
    listed = []
    for url in urls:
        loc = url.findtext(f"{SITEMAP}loc") or ""
        assert loc.startswith(config.base_url)
        listed.append(loc.removeprefix(config.base_url))
        alternates = url.findall(f"{XHTML}link")
        assert [a.get("hreflang") for a in alternates] == list(config.locales)
        for alternate in alternates:
            assert alternate.get("rel") == "alternate"
            href = alternate.get("href") or ""
            assert href.startswith(config.base_url)
            assert (out / href.removeprefix(config.base_url)).is_file()
    help_pages = [
        p
        for p in built_files(out, ".html")
        if p.split("/")[0] in config.locales
        and "/errors/" not in p
        and "/history/" not in p
        and not p.endswith("/lookup.html")
    ]
    assert sorted(listed) == help_pages
