"""Which pages a locale has, which documents each shows, and the locale's sitemap."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from html import escape

from generator.content.document import Document
from generator.content.load import Content
from generator.render.changed import Changed
from generator.render.history import changes_feed, history_page
from generator.render.locale_site import LocaleSite
from generator.render.lookup import lookup_page
from generator.render.page_kinds import article_page, code_page, error_page, unknown_error_page
from generator.render.pages import Page
from generator.render.urls import PageKind, page_path
from generator.syntax.os_blocks import OS_NAMES, container_argument

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True, slots=True)
class PlannedPage:
    """A page a locale will have, before it is rendered."""

    kind: PageKind
    ident: str
    """The code or article slug ("" for the home page)."""
    shows: frozenset[str]
    """Ids of the documents whose body the page shows: it renders again when one changes."""
    render: Callable[[], Page]
    lists: frozenset[str] = frozenset()
    """Ids of other documents whose head (title, summary, front matter) the page shows."""


def included_steps(document: Document, content: Content) -> list[str]:
    """Ids of the step documents a document includes with `::: steps NAME`."""
    names = [
        container_argument(t.info) for t in document.tokens if t.type == "container_steps_open"
    ]
    return [content.steps[name][os_name].document.id for name in names for os_name in OS_NAMES]


def page_plan(site: LocaleSite) -> list[PlannedPage]:
    """Every page of the locale, in output order."""
    content = site.site.content
    every_code = frozenset(code.document.id for code in content.codes.values())
    plan = []
    for slug, article in content.articles.items():
        kind = PageKind.HOME if slug == site.config.home else PageKind.ARTICLE
        ident = "" if kind == PageKind.HOME else slug
        shown = frozenset({article.document.id, *included_steps(article.document, content)})
        # the home page's table lists every code
        listed = every_code if kind == PageKind.HOME else frozenset()
        render = partial(article_page, site, slug)
        plan.append(PlannedPage(kind, ident, shown, render, listed))
    for code in content.codes.values():  # a code's two pages together: it is localized once
        shown = frozenset({code.document.id, *included_steps(code.document, content)})
        related = frozenset(content.codes[r].document.id for r in code.related)
        for kind, make in ((PageKind.CODE, code_page), (PageKind.ERROR, error_page)):
            listed = related if kind == PageKind.CODE else frozenset()
            plan.append(PlannedPage(kind, code.code, shown, partial(make, site, code), listed))
    if site.site.histories:  # each history page beside its page: a document is localized once
        histories = iter(history_plan(site, plan))
        plan = [
            each
            for page in plan
            for each in (page, *([next(histories)] if page.kind != PageKind.ERROR else []))
        ]
    return plan


def history_plan(site: LocaleSite, pages: list[PlannedPage]) -> list[PlannedPage]:
    """A history page for each help page's document (the review log is in every key)."""
    content = site.site.content
    documents = {f"articles/{slug}": a.document for slug, a in content.articles.items()}
    documents |= {f"codes/{code}": c.document for code, c in content.codes.items()}
    planned = []
    for page in pages:
        if page.kind == PageKind.ERROR:
            continue
        ident = page.ident or site.config.home
        prefix = "codes" if page.kind == PageKind.CODE else "articles"
        document = documents[f"{prefix}/{ident}"]
        url = page_path(site.locale.tag, page.kind, page.ident)
        render = partial(history_page, site, document, url)
        planned.append(PlannedPage(PageKind.HISTORY, ident, frozenset({document.id}), render))
    return planned


def locale_pages(site: LocaleSite, changed: Changed | None = None) -> Iterator[Page]:
    """The locale's pages, one at a time; with `changed`, only those showing or listing a
    changed document. The lookup page lists every code's front matter; the page for unknown
    codes and the sitemap show no document (with `changed`, the documents are the same)."""
    plan = page_plan(site)
    wanted = (p for p in plan if changed is None or changed.touches(p.shows, p.lists))
    yield from (page.render() for page in wanted)
    if changed is None or changed.heads & {c.document.id for c in site.site.content.codes.values()}:
        yield lookup_page(site)
    if changed is None:
        yield unknown_error_page(site)
        yield sitemap(site, plan)
    if site.site.histories:
        yield changes_feed(site, help_documents(site))


def help_documents(site: LocaleSite) -> list[Document]:
    """The documents that have a help page: articles (home included) and codes."""
    content = site.site.content
    return [a.document for a in content.articles.values()] + [
        c.document for c in content.codes.values()
    ]


def sitemap(site: LocaleSite, plan: list[PlannedPage]) -> Page:
    """`<locale>/sitemap.xml`: this locale's help pages, each with its alternates."""
    base = site.config.base_url
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">',
    ]
    for page in plan:
        if page.kind not in (PageKind.HOME, PageKind.ARTICLE, PageKind.CODE):
            continue
        own = page_path(site.locale.tag, page.kind, page.ident)
        lines.append(f"  <url><loc>{escape(base + own)}</loc>")
        for tag in site.config.locales:
            href = escape(base + page_path(tag, page.kind, page.ident))
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{tag}" href="{href}"/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    path = f"{site.locale.tag}/sitemap.xml"
    return Page(path, ("\n".join(lines) + "\n").encode("utf-8"), locale=site.locale.tag)
