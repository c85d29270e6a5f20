"""Rendering one locale's pages (home, articles, codes, error pages) through the theme."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from html import escape
from typing import Any

from markupsafe import Markup

from generator.catalogs import LocaleCatalogs
from generator.config import SiteConfig
from generator.content import CodeDoc, Content
from generator.document import Document
from generator.i18n import LocaleInfo, locale_info
from generator.l10n_stats import DocStats
from generator.pagecontext import PageContext
from generator.pages import Page
from generator.render import headings, plain_text, render_tokens, section
from generator.screenshot_index import ScreenshotIndex
from generator.sources import SourceTree
from generator.syntax.os_blocks import OS_NAMES, container_argument, os_open_html
from generator.theme import Theme
from generator.translate import LocalizedDocument, localize
from generator.urls import ARTICLE, CODE, ERROR, HOME, L10N, page_path, relative_url
from generator.verify.report import Report

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True, slots=True)
class SiteInput:
    """Everything a build renders from, gathered before anything is written."""

    config: SiteConfig
    content: Content
    theme: Theme
    tree: SourceTree
    """Where each locale's catalogs are read from."""
    screenshots: ScreenshotIndex
    verification: Report | None
    """The newest `certwarn verify` report, if verification has run."""
    today: date
    preview: bool = False


@dataclass(frozen=True, slots=True)
class Alternate:
    """The same page in another locale."""

    locale: LocaleInfo
    url: str
    """Relative URL from the current page."""
    absolute: str


@dataclass(frozen=True, slots=True)
class NavItem:
    """A link in the navigation."""

    title: str
    url: str


def included_steps(document: Document, content: Content) -> list[str]:
    """Ids of the step documents a document includes with `::: steps NAME`."""
    names = [
        container_argument(t.info) for t in document.tokens if t.type == "container_steps_open"
    ]
    return [content.steps[name][os_name].document.id for name in names for os_name in OS_NAMES]


class LocaleSite:
    """Renders every page of one locale; each document is localized once and reused."""

    def __init__(self, site: SiteInput, catalogs: LocaleCatalogs):
        self.site = site
        self.config = site.config
        self.locale = locale_info(catalogs.locale)
        self.catalogs = catalogs
        self.messages = self.catalogs.theme
        self._localized: dict[str, LocalizedDocument] = {}
        self._sidebars: dict[str, str] = {}

    def localized(self, document: Document) -> LocalizedDocument:
        if document.id not in self._localized:
            self._localized[document.id] = localize(
                document,
                self.catalogs.for_document(document.id),
                self.locale.tag,
                self.config.source_locale,
                self.config.publish_threshold,
            )
        return self._localized[document.id]

    def plan(self) -> list[tuple[str, str, frozenset[str], Callable[[], Page]]]:
        """Every page as (kind, ident, documents whose body it shows, how to render it)."""
        content = self.site.content
        plan: list[tuple[str, str, frozenset[str], Callable[[], Page]]] = []
        for slug, article in content.articles.items():
            kind = HOME if slug == self.config.home else ARTICLE
            shown = frozenset({article.document.id, *included_steps(article.document, content)})
            plan.append((kind, slug, shown, partial(self.article_page, slug)))
        for code in content.codes.values():
            plan.append(
                (CODE, code.code, frozenset({code.document.id}), partial(self.code_page, code))
            )
        for code in content.codes.values():
            shown = frozenset({code.document.id})
            plan.append((ERROR, code.code, shown, partial(self.error_page, code)))
        return plan

    def pages(self, changed: frozenset[str] | None = None) -> list[Page]:
        """The locale's pages; with `changed`, only those showing the body of a changed
        document (the search index and sitemap always)."""
        plan = self.plan()
        rendered = [render() for _, _, shown, render in plan if changed is None or shown & changed]
        return [*rendered, self.search_index(), self.sitemap(plan)]

    def sitemap(self, plan: list[tuple[str, str, frozenset[str], Callable[[], Page]]]) -> Page:
        """`<locale>/sitemap.xml`: this locale's help pages, each with its alternates."""
        base = self.config.base_url
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">',
        ]
        for kind, slug, _, _ in plan:
            if kind not in (HOME, ARTICLE, CODE):
                continue
            ident = "" if kind == HOME else slug
            lines.append(
                f"  <url><loc>{escape(base + page_path(self.locale.tag, kind, ident))}</loc>"
            )
            for tag in self.config.locales:
                href = escape(base + page_path(tag, kind, ident))
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{tag}" href="{href}"/>')
            lines.append("  </url>")
        lines.append("</urlset>")
        path = f"{self.locale.tag}/sitemap.xml"
        return Page(path, ("\n".join(lines) + "\n").encode("utf-8"), locale=self.locale.tag)

    def search_index(self) -> Page:
        """`<locale>/search-index.json`: title, summary and words of each help page."""
        prefix = f"{self.locale.tag}/"
        content = self.site.content
        documents = [
            (HOME if slug == self.config.home else ARTICLE, slug, "", a.document)
            for slug, a in content.articles.items()
        ]
        documents += [(CODE, c.code, c.code, c.document) for c in content.codes.values()]
        entries = []
        for kind, slug, code, document in documents:
            localized = self.localized(document)
            path = page_path(self.locale.tag, kind, "" if kind == HOME else slug)
            entries.append(
                {
                    "path": path.removeprefix(prefix),
                    "title": localized.fields["title"].value,
                    "code": code,
                    "summary": localized.fields["summary"].value,
                    "text": plain_text(localized.tokens),
                }
            )
        text = json.dumps({"pages": entries}, ensure_ascii=False, separators=(",", ":"))
        return Page(f"{prefix}search-index.json", text.encode("utf-8"), locale=self.locale.tag)

    # -- shared context -------------------------------------------------------------------------

    def page_context(self, path: str, absolute: bool = False) -> PageContext:
        return PageContext(
            self.locale.tag,
            path,
            self.config.home,
            self.messages,
            self.site.screenshots,
            lambda name: self.render_steps(name, path),
            self.config.base_url if absolute else "",
        )

    def render_steps(self, name: str, path: str) -> str:
        variants = self.site.content.steps[name]
        parts = []
        for os_name in OS_NAMES:
            localized = self.localized(variants[os_name].document)
            body = render_tokens(localized.tokens, self.page_context(path))
            lang = f' lang="{localized.lang}"' if localized.fell_back else ""
            parts.append(os_open_html(os_name).replace(">", f"{lang}>", 1) + body + "</section>\n")
        return "".join(parts)

    def base_context(self, path: str, kind: str, ident: str, title: str) -> dict[str, Any]:
        config = self.config

        def url(target: str) -> str:
            return relative_url(path, target)

        def asset(name: str) -> str:
            return url(self.site.theme.assets[name].url_path)

        alternates = [
            Alternate(
                locale_info(tag),
                url(page_path(tag, kind, ident)),
                config.base_url + page_path(tag, kind, ident),
            )
            for tag in config.locales
            if kind != L10N
        ]
        return {
            "site_title": self.messages.gettext(config.title),
            "locale": self.locale,
            "page_path": path,
            "kind": kind,
            "ident": ident,
            "title": title,
            "alternates": alternates,
            "canonical": config.base_url + path,
            "sidebar": self.sidebar,
            "home_url": url(page_path(self.locale.tag, HOME)),
            "root_url": url("index.html"),
            "l10n_url": url("l10n/index.html"),
            "url": url,
            "asset": asset,
            "i18n": self.messages,
            "draft": self.site.preview,
            "build_date": self.locale.date(self.site.today),
            "source_locale": locale_info(config.source_locale),
        }

    def sidebar(self, path: str) -> Markup:
        """The navigation for a page: rendered once per folder, the page's own link marked."""
        folder, _, name = path.rpartition("/")
        if folder not in self._sidebars:
            context = {
                "i18n": self.messages,
                "nav_articles": self.nav_articles(path),
                "nav_codes": self.nav_codes(path),
            }
            self._sidebars[folder] = self.site.theme.render("sidebar.html", context)
        html = self._sidebars[folder]
        return Markup(
            html.replace(f'<a href="{name}">', f'<a href="{name}" aria-current="page">', 1)
        )

    def nav_articles(self, path: str) -> list[NavItem]:
        articles = sorted(self.site.content.articles.values(), key=lambda a: (a.order, a.slug))
        items = []
        for article in articles:
            kind = HOME if article.slug == self.config.home else ARTICLE
            target = page_path(self.locale.tag, kind, article.slug)
            title = self.localized(article.document).fields["title"].value
            items.append(NavItem(title, relative_url(path, target)))
        return items

    def nav_codes(self, path: str) -> list[NavItem]:
        return [
            NavItem(code, relative_url(path, page_path(self.locale.tag, CODE, code)))
            for code in self.site.content.codes
        ]

    def render(self, template: str, path: str, context: dict[str, Any], **meta: str) -> Page:
        html = self.site.theme.render(template, context)
        return Page(path, html.encode("utf-8"), locale=self.locale.tag, **meta)

    # -- pages ------------------------------------------------------------------------------------

    def article_page(self, slug: str) -> Page:
        article = self.site.content.articles[slug]
        is_home = slug == self.config.home
        kind, ident = (HOME, "") if is_home else (ARTICLE, slug)
        path = page_path(self.locale.tag, kind, ident)
        localized = self.localized(article.document)
        render_context = self.page_context(path)
        title = localized.fields["title"].value
        context = self.base_context(path, kind, ident, title)
        context.update(
            doc=localized,
            body=render_tokens(localized.tokens, render_context),
            toc=headings(localized.tokens, render_context),
            codes=[self.code_row(code, path) for code in self.site.content.codes.values()]
            if is_home
            else [],
        )
        template = "home.html" if is_home else "article.html"
        return self.render(
            template,
            path,
            context,
            title=title,
            kind=kind,
            ident=slug,
        )

    def code_row(self, code: CodeDoc, path: str) -> dict[str, Any]:
        localized = self.localized(code.document)
        return {
            "code": code.code,
            "title": localized.fields["title"],
            "summary": localized.fields["summary"],
            "overridable": code.overridable,
            "url": relative_url(path, page_path(self.locale.tag, CODE, code.code)),
        }

    def code_page(self, code: CodeDoc) -> Page:
        path = page_path(self.locale.tag, CODE, code.code)
        localized = self.localized(code.document)
        render_context = self.page_context(path)
        title = localized.fields["title"].value
        context = self.base_context(path, CODE, code.code, title)
        context.update(
            doc=localized,
            code=code,
            body=render_tokens(localized.tokens, render_context),
            toc=headings(localized.tokens, render_context),
            related=[self.code_row(self.site.content.codes[r], path) for r in code.related],
            error_page_url=relative_url(path, page_path(self.locale.tag, ERROR, code.code)),
            verification=[
                r
                for r in (
                    self.site.verification.for_code(code.code) if self.site.verification else []
                )
                if r.status != "unavailable"
            ],
        )
        return self.render(
            "code.html",
            path,
            context,
            title=title,
            kind=CODE,
            ident=code.code,
        )

    def error_page(self, code: CodeDoc) -> Page:
        path = page_path(self.locale.tag, ERROR, code.code)
        localized = self.localized(code.document)
        render_context = self.page_context(path, absolute=True)
        advice = section(localized.tokens, "what-you-can-do")
        context = self.base_context(path, ERROR, code.code, localized.fields["title"].value)
        context.update(
            doc=localized,
            code=code,
            advice=render_tokens(advice, render_context),
            help_url=relative_url(path, page_path(self.locale.tag, CODE, code.code)),
            help_absolute=self.config.base_url + page_path(self.locale.tag, CODE, code.code),
            css=self.site.theme.asset_text("error.css"),
            script=self.site.theme.asset_text("error.js"),
        )
        title = localized.fields["title"].value
        return self.render("error.html", path, context, title=title, kind=ERROR, ident=code.code)

    def dashboard_page(self, stats: Sequence[DocStats]) -> Page:
        """`l10n/index.html`: translation status per locale and document."""
        path = page_path(self.locale.tag, L10N)
        context = self.base_context(path, L10N, "", self.messages.gettext("Translation status"))
        by_locale: dict[str, list[DocStats]] = {}
        for row in stats:
            by_locale.setdefault(row.locale, []).append(row)
        summary = [
            {
                "locale": locale_info(tag),
                "url": relative_url(path, page_path(tag, HOME)),
                "translated": sum(r.translated for r in rows),
                "total": sum(r.total for r in rows),
                "rows": rows,
            }
            for tag, rows in by_locale.items()
        ]
        context.update(summary=summary)
        return self.render("l10n.html", path, context, title=context["title"], kind=L10N)
