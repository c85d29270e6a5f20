"""Which pages a locale has, which documents each shows, and the locale's sitemap."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from html import escape

from generator.content.document import Document
from generator.content.load import Content
from generator.render.locale_site import LocaleSite
from generator.render.lookup import lookup_page
from generator.render.page_kinds import article_page, code_page, error_page
from generator.render.pages import Page
from generator.render.urls import ARTICLE, CODE, ERROR, HOME, page_path
from generator.syntax.os_blocks import OS_NAMES, container_argument

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
Plan = list[tuple[str, str, frozenset[str], Callable[[], Page]]]
"""(kind, ident, documents whose body the page shows, how to render it) per page."""


def included_steps(document: Document, content: Content) -> list[str]:
    """Ids of the step documents a document includes with `::: steps NAME`."""
    names = [
        container_argument(t.info) for t in document.tokens if t.type == "container_steps_open"
    ]
    return [content.steps[name][os_name].document.id for name in names for os_name in OS_NAMES]


def page_plan(site: LocaleSite) -> Plan:
    """Every page as (kind, ident, documents whose body it shows, how to render it)."""
    content = site.site.content
    plan: Plan = []
    for slug, article in content.articles.items():
        kind = HOME if slug == site.config.home else ARTICLE
        shown = frozenset({article.document.id, *included_steps(article.document, content)})
        plan.append((kind, slug, shown, partial(article_page, site, slug)))
    for code in content.codes.values():
        plan.append(
            (CODE, code.code, frozenset({code.document.id}), partial(code_page, site, code))
        )
    for code in content.codes.values():
        shown = frozenset({code.document.id})
        plan.append((ERROR, code.code, shown, partial(error_page, site, code)))
    return plan


def locale_pages(site: LocaleSite, changed: frozenset[str] | None = None) -> list[Page]:
    """The locale's pages; with `changed`, only those showing the body of a changed
    document (the lookup page and sitemap always)."""
    plan = page_plan(site)
    rendered = [render() for _, _, shown, render in plan if changed is None or shown & changed]
    return [*rendered, lookup_page(site), sitemap(site, plan)]


def sitemap(site: LocaleSite, plan: Plan) -> Page:
    """`<locale>/sitemap.xml`: this locale's help pages, each with its alternates."""
    base = site.config.base_url
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">',
    ]
    for kind, slug, _, _ in plan:
        if kind not in (HOME, ARTICLE, CODE):
            continue
        ident = "" if kind == HOME else slug
        lines.append(f"  <url><loc>{escape(base + page_path(site.locale.tag, kind, ident))}</loc>")
        for tag in site.config.locales:
            href = escape(base + page_path(tag, kind, ident))
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{tag}" href="{href}"/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    path = f"{site.locale.tag}/sitemap.xml"
    return Page(path, ("\n".join(lines) + "\n").encode("utf-8"), locale=site.locale.tag)
