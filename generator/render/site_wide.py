"""Site-wide outputs: the root language chooser, sitemap.xml, the error-page manifest, assets."""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from pathlib import Path

from generator.errors import VerifyError
from generator.l10n.catalog_loading import load_catalogs
from generator.l10n.locale_data import MessageTable, locale_info
from generator.l10n.stats import DocStats
from generator.render.locale_site import LocaleSite, SiteInput
from generator.render.page_kinds import dashboard_page
from generator.render.pages import Page, PageInfo
from generator.render.plan import SITEMAP_NS
from generator.render.urls import PageKind, page_path
from generator.safe_paths import read_regular

MANIFEST_PARAMETERS = {
    "host": {
        "description": "Host name the browser tried to reach; shown in the page text.",
        "format": "hostname",
    },
    "date": {
        "description": "The device's current date and time, shown for time-related codes.",
        "format": "date-time",
    },
    "not_after": {
        "description": "Certificate expiry, shown when present.",
        "format": "date-time",
    },
    "code": {
        "description": "The code the client reported, for the page for unknown codes: shown "
        "there and passed to the lookup page. Letters, digits and `_ : . -` only.",
        "format": "code-name",
    },
    "continue": {
        "description": "URL that the page's 'Proceed to the site (Risky)' button opens, for "
        "bypassable codes; it must have the same origin as `host` or it is ignored.",
        "format": "uri",
    },
}
MANIFEST_SCHEMA = Path(__file__).with_name("manifest.schema.json")
"""The manifest's published JSON Schema (errors/manifest.schema.json); versioned with it."""


def site_wide_pages(
    site: SiteInput, pages: Sequence[PageInfo], stats: Sequence[DocStats]
) -> list[Page]:
    """Pages that span locales, made after every locale's pages exist (the assets apart:
    `asset_pages`).

    The dashboard is shown in the source locale, whose catalogs load like any locale's.
    """
    tag = site.config.source_locale
    source = LocaleSite(
        site, load_catalogs(site.config, site.tree, site.content, [tag]).catalogs[tag]
    )
    return [
        root_page(site),
        dashboard_page(source, stats),
        sitemap_index(site, sorted({p.locale for p in pages if p.locale})),
        manifest(site, pages, stats),
        Page("errors/manifest.schema.json", MANIFEST_SCHEMA.read_bytes()),
    ]


def root_page(site: SiteInput) -> Page:
    config = site.config
    languages = [
        {"info": locale_info(tag), "url": page_path(tag, PageKind.HOME)} for tag in config.locales
    ]
    html = site.theme.render(
        "root.html",
        {
            "site_title": config.title,
            "languages": languages,
            "source_locale": config.source_locale,
            "asset": lambda name: site.theme.assets[name].url_path,
            "draft": site.preview,
            "i18n": MessageTable(),
        },
    )
    return Page("index.html", html.encode("utf-8"))


def sitemap_index(site: SiteInput, locales: Sequence[str]) -> Page:
    """`sitemap.xml`: an index of the per-locale sitemaps (each stays far below the limits)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<sitemapindex xmlns="{SITEMAP_NS}">',
        *(
            f"  <sitemap><loc>{escape(site.config.base_url + tag)}/sitemap.xml</loc></sitemap>"
            for tag in locales
        ),
        "</sitemapindex>",
    ]
    return Page("sitemap.xml", ("\n".join(lines) + "\n").encode("utf-8"))


def manifest(site: SiteInput, pages: Sequence[PageInfo], stats: Sequence[DocStats]) -> Page:
    """`errors/manifest.json` (schema: errors/manifest.schema.json): code -> locale -> page,
    other clients' names for each code, and where to send a code that is not listed."""
    config = site.config
    codes: dict[str, dict[str, object]] = {}
    aliases: dict[str, list[str]] = {}
    for code in site.content.codes.values():
        equivalents = code.equivalents
        codes[code.code] = {
            "bypassable": code.overridable,
            "category": code.category,
            "equivalents": {
                "chromium": list(equivalents.chromium),
                "openssl": list(equivalents.openssl),
            },
            "locales": {},
        }
        for name in (*equivalents.chromium, *equivalents.openssl):
            aliases.setdefault(name.upper(), []).append(code.code)
    ratios = {(row.locale, row.domain): row for row in stats}
    for page in pages:
        if page.kind == PageKind.ERROR:
            entry = codes[page.ident]["locales"]
            assert isinstance(entry, dict)
            row = ratios.get((page.locale, f"codes/{page.ident}"))
            state = _translation(page.locale, config.source_locale, row, config.publish_threshold)
            entry[page.locale] = {"path": page.path, "title": page.title, "translation": state}
            if page.revision:
                entry[page.locale] |= {"revision": page.revision, "approved": page.approved}
    chosen = sorted({p.locale for p in pages if p.kind == PageKind.ERROR})
    data = {
        "$schema": "manifest.schema.json",
        "version": 3,
        "paths_relative_to": "site-root",
        "source_locale": config.source_locale,
        "locales": list(config.locales),
        "parameters": MANIFEST_PARAMETERS,
        "codes": codes,
        "aliases": aliases,
        "unknown": {
            "locales": {
                tag: {
                    "path": page_path(tag, PageKind.UNKNOWN),
                    "overview": page_path(tag, PageKind.HOME),
                }
                for tag in chosen
            }
        },
    }
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return Page("errors/manifest.json", text.encode("utf-8"))


def _translation(locale: str, source: str, row: DocStats | None, threshold: float) -> str:
    """How an error page's text is translated, by the rule `localize` applies."""
    if locale == source:
        return "source"
    if row is None or row.ratio < threshold:
        return "fallback"
    return "complete" if row.translated == row.total else "partial"


def asset_pages(site: SiteInput) -> list[Page]:
    """Theme assets under hashed names, and the screenshots pages refer to."""
    theme = site.theme
    pages = [Page(a.url_path, theme.asset_bytes(name)) for name, a in theme.assets.items()]
    root = site.config.root
    for (locale, code), source in sorted(site.screenshots.files.items()):
        data = read_regular(root, source.relative_to(root), error=VerifyError)
        pages.append(Page(f"_images/{locale}/{code}.png", data))
    return pages
