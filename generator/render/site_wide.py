"""Site-wide outputs: the root language chooser, sitemap.xml, the error-page manifest, assets."""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape

from generator.l10n.catalog_loading import load_catalogs
from generator.l10n.locale_data import MessageTable, locale_info
from generator.l10n.stats import DocStats
from generator.render.locale_site import LocaleSite, SiteInput
from generator.render.page_kinds import dashboard_page
from generator.render.pages import Page, PageInfo
from generator.render.plan import SITEMAP_NS
from generator.render.urls import PageKind, page_path

MANIFEST_PARAMETERS = {
    "host": "Host name the browser tried to reach; shown in the page text.",
    "date": "The device's current date and time (ISO 8601), shown for time-related codes.",
    "not_after": "Certificate expiry (ISO 8601), shown when present.",
    "continue": "http(s) URL that 'Proceed to the site (Risky)' opens, for bypassable codes.",
}


def site_wide_pages(
    site: SiteInput, pages: Sequence[PageInfo], stats: Sequence[DocStats]
) -> list[Page]:
    """Pages that span locales, made after every locale's pages exist.

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
        manifest(site, pages),
        *asset_pages(site),
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


def manifest(site: SiteInput, pages: Sequence[PageInfo]) -> Page:
    """`errors/manifest.json`: code -> locale -> path and title, with bypassability."""
    codes: dict[str, dict[str, object]] = {}
    for code in site.content.codes.values():
        codes[code.code] = {
            "bypassable": code.overridable,
            "category": code.category,
            "locales": {},
        }
    for page in pages:
        if page.kind == PageKind.ERROR:
            entry = codes[page.ident]["locales"]
            assert isinstance(entry, dict)
            entry[page.locale] = {"path": page.path, "title": page.title}
            if page.revision:
                entry[page.locale] |= {"revision": page.revision, "approved": page.approved}
    data = {
        "version": 1,
        "source_locale": site.config.source_locale,
        "locales": list(site.config.locales),
        "parameters": MANIFEST_PARAMETERS,
        "codes": codes,
    }
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return Page("errors/manifest.json", text.encode("utf-8"))


def asset_pages(site: SiteInput) -> list[Page]:
    """Theme assets under hashed names, and the screenshots pages refer to."""
    pages = [Page(a.url_path, a.source.read_bytes()) for a in site.theme.assets.values()]
    for (locale, code), source in sorted(site.screenshots.files.items()):
        pages.append(Page(f"_images/{locale}/{code}.png", source.read_bytes()))
    return pages
