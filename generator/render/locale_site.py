"""One locale's rendering context: localized documents, links, navigation, template context."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any, TypedDict

from markupsafe import Markup

from generator.config import SiteConfig
from generator.content.document import Document
from generator.content.load import Content
from generator.content.sources import SourceTree
from generator.l10n.catalogs import LocaleCatalogs
from generator.l10n.locale_data import LocaleInfo, locale_info
from generator.l10n.localize import LocalizedDocument, Text, localize, localized_head
from generator.l10n.page_labels import ShownPages
from generator.render.evidence import Evidence
from generator.render.fragments import render_tokens
from generator.render.pages import Page
from generator.render.rule_context import PageContext
from generator.render.screenshots import ScreenshotIndex
from generator.render.urls import PageKind, page_path, relative_url
from generator.syntax.os_blocks import OS_NAMES, os_open_html
from generator.theme.environment import Theme

if TYPE_CHECKING:
    from generator.review.published_history import FileHistory

KEPT_LOCALIZED = 64
"""Localized documents a locale keeps for reuse (each page uses a few, steps are shared)."""


@dataclass(frozen=True, slots=True)
class SiteInput:
    """Everything a build renders from, gathered before anything is written."""

    config: SiteConfig
    content: Content
    theme: Theme
    tree: SourceTree
    """Where each locale's catalogs are read from."""
    screenshots: ScreenshotIndex
    verification: Evidence
    """The approved verification record (content/_verify/)."""
    today: date
    preview: bool = False
    histories: Mapping[str, FileHistory] = field(default_factory=dict)
    """Path -> what may be published of its review history (empty when review is off)."""
    shown_pages: ShownPages | None = None
    """The recorded Firefox pages, read once for every locale's label checks."""
    alternates: dict[tuple[PageKind, str], list[Alternate]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Each page's alternates, shared by its versions in every locale a process renders."""
    languages: dict[tuple[PageKind, str], tuple[Markup, dict[str, Markup]]] = field(
        default_factory=dict, compare=False, repr=False
    )
    """Each page's rendered hreflang links and switcher items, shared the same way (for this
    build only: the live preview's next build may have another theme)."""


@dataclass(frozen=True, slots=True)
class Alternate:
    """The same page in another locale."""

    locale: LocaleInfo
    url: str
    """Relative URL from the current page."""
    absolute: str


class BaseContext(TypedDict):
    """What every page template of a locale is given; page kinds add their own keys."""

    site_title: str
    locale: LocaleInfo
    page_path: str
    kind: PageKind
    ident: str
    title: str
    alternates: list[Alternate]
    languages: Languages
    canonical: str
    sidebar: Callable[[str], Markup]
    home_url: str
    root_url: str
    l10n_url: str
    url: Callable[[str], str]
    asset: Callable[[str], str]
    i18n: Any
    """The locale's theme messages (`MessageTable`), for `i18n.gettext` in templates."""
    draft: bool
    build_date: str
    source_locale: LocaleInfo


@dataclass(frozen=True, slots=True)
class Languages:
    """The page in other languages, rendered: `links` for the head, `items` for the switcher."""

    links: Markup
    items: Markup


@dataclass(frozen=True, slots=True)
class NavItem:
    """A link in the navigation."""

    title: str
    url: str


class LocaleSite:
    """Renders every page of one locale; each document is localized once and reused."""

    def __init__(self, site: SiteInput, catalogs: LocaleCatalogs):
        self.site = site
        self.config = site.config
        self.locale = locale_info(catalogs.locale)
        self.catalogs = catalogs
        self.messages = self.catalogs.theme
        self._localized: OrderedDict[str, LocalizedDocument] = OrderedDict()
        self._heads: dict[str, tuple[str, dict[str, Text]]] = {}
        self._sidebars: dict[str, str] = {}

    def localized(self, document: Document) -> LocalizedDocument:
        """`document` in this locale; the most recently used ones are kept (a page's documents
        are used together), so memory does not grow with the documents of a locale."""
        found = self._localized.get(document.id)
        if found is not None:
            self._localized.move_to_end(document.id)
            return found
        found = localize(
            document,
            self.catalogs.for_document(document.id),
            self.locale.tag,
            self.config.source_locale,
            self.config.publish_threshold,
        )
        self._localized[document.id] = found
        if len(self._localized) > KEPT_LOCALIZED:
            self._localized.popitem(last=False)
        return found

    def head(self, document: Document) -> tuple[str, dict[str, Text]]:
        """The language of `document`'s body and its localized front-matter fields."""
        if document.id in self._localized:
            localized = self._localized[document.id]
            return localized.lang, localized.fields
        if document.id not in self._heads:
            self._heads[document.id] = localized_head(
                document,
                self.catalogs.for_document(document.id),
                self.locale.tag,
                self.config.source_locale,
                self.config.publish_threshold,
            )
        return self._heads[document.id]

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
            lang = f' lang="{localized.lang}" dir="{localized.dir}"' if localized.fell_back else ""
            parts.append(os_open_html(os_name).replace(">", f"{lang}>", 1) + body + "</section>\n")
        return "".join(parts)

    def base_context(self, path: str, kind: PageKind, ident: str, title: str) -> BaseContext:
        config = self.config

        def url(target: str) -> str:
            return relative_url(path, target)

        def asset(name: str) -> str:
            return url(self.site.theme.assets[name].url_path)

        alternates = self.alternates(path, kind, ident)
        return {
            "languages": self.languages(path, kind, ident, alternates),
            "site_title": self.messages.gettext(config.title),
            "locale": self.locale,
            "page_path": path,
            "kind": kind,
            "ident": ident,
            "title": title,
            "alternates": alternates,
            "canonical": config.base_url + path,
            "sidebar": self.sidebar,
            "home_url": url(page_path(self.locale.tag, PageKind.HOME)),
            "root_url": url("index.html"),
            "l10n_url": url("l10n/index.html"),
            "url": url,
            "asset": asset,
            "i18n": self.messages,
            "draft": self.site.preview,
            "build_date": self.locale.date(self.site.today),
            "source_locale": locale_info(config.source_locale),
        }

    def alternates(self, path: str, kind: PageKind, ident: str) -> list[Alternate]:
        """The page in every locale. Every locale's version of a page sits at the same depth,
        so the links to the others are the same from each: they are made once per page and
        process, and only the page's own entry is its own."""
        if kind == PageKind.L10N:
            return []
        me = self.locale.tag
        return [
            alt if alt.locale.tag != me else replace(alt, url=relative_url(path, path))
            for alt in self.shared_alternates(path, kind, ident)
        ]

    def shared_alternates(self, path: str, kind: PageKind, ident: str) -> list[Alternate]:
        """The page in every locale, each linked as from any locale's version of the page."""
        config = self.config
        shared = self.site.alternates.get((kind, ident))
        if shared is None:
            shared = self.site.alternates[kind, ident] = [
                Alternate(
                    locale_info(tag),
                    relative_url(f"\0/{path.partition('/')[2]}", page_path(tag, kind, ident)),
                    config.base_url + page_path(tag, kind, ident),
                )
                for tag in config.locales
            ]
        return shared

    def languages(
        self, path: str, kind: PageKind, ident: str, alternates: list[Alternate]
    ) -> Languages:
        """The hreflang links and the switcher's items (the theme's `languages.html`): the
        links, and every item but the page's own, are the same in each locale's version of
        the page, so they are rendered once per page and process."""
        if not alternates:
            return Languages(Markup(""), Markup(""))
        theme = self.site.theme
        shared = self.site.languages.get((kind, ident))
        if shared is None:
            item = theme.macro("languages.html", "language_item")
            links = theme.macro("languages.html", "hreflang_links")(alternates)
            neutral = self.shared_alternates(path, kind, ident)
            items = {alt.locale.tag: item(alt, False) for alt in neutral}
            shared = self.site.languages[kind, ident] = (Markup(links), items)
        links, items = shared
        me = self.locale.tag
        own = next(alt for alt in alternates if alt.locale.tag == me)
        mine = theme.macro("languages.html", "language_item")(own, True)
        return Languages(
            links, Markup("").join(mine if tag == me else html for tag, html in items.items())
        )

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
            kind = PageKind.HOME if article.slug == self.config.home else PageKind.ARTICLE
            target = page_path(self.locale.tag, kind, article.slug)
            title = self.head(article.document)[1]["title"].value
            items.append(NavItem(title, relative_url(path, target)))
        return items

    def nav_codes(self, path: str) -> list[NavItem]:
        return [
            NavItem(code, relative_url(path, page_path(self.locale.tag, PageKind.CODE, code)))
            for code in self.site.content.codes
        ]

    def render(self, template: str, path: str, context: Mapping[str, Any], **meta: str) -> Page:
        html = self.site.theme.render(template, context)
        return Page(path, html.encode("utf-8"), locale=self.locale.tag, **meta)

    # -- pages ------------------------------------------------------------------------------------
