"""The answers Markdown render rules get for one page: resolved links, screenshots, steps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.l10n.locale_data import MessageTable
from generator.render.screenshots import ScreenshotIndex
from generator.render.urls import PageKind, page_path, relative_url
from generator.syntax.context import Screenshot
from generator.syntax.xref import xref_target


@dataclass(frozen=True, slots=True)
class PageContext:
    """Implements `generator.syntax.context.RenderContext` for one page in one locale."""

    lang: str
    page: str
    """Site-relative path of the page being rendered."""
    home: str
    """Slug of the article that is each locale's front page."""
    messages: MessageTable
    screenshots: ScreenshotIndex
    render_steps: Callable[[str], str]
    base_url: str = ""
    """When set, links are absolute under this URL (self-contained error pages)."""

    def link(self, target: str) -> str | None:
        parsed = xref_target(target)
        if parsed is None:
            return None
        scheme, ident, anchor = parsed
        if scheme == "code":
            path = page_path(self.lang, PageKind.CODE, ident)
        elif ident == self.home:
            path = page_path(self.lang, PageKind.HOME)
        else:
            path = page_path(self.lang, PageKind.ARTICLE, ident)
        path += f"#{anchor}" if anchor else ""
        return self.base_url + path if self.base_url else relative_url(self.page, path)

    def screenshot(self, code: str) -> Screenshot | None:
        if self.base_url:
            return None  # self-contained pages load no images
        found = self.screenshots.find(code, self.lang)
        if found is None:
            return None
        path, lang = found
        return Screenshot(relative_url(self.page, path), lang)

    def steps(self, name: str) -> str:
        return self.render_steps(name)

    def gettext(self, message: str) -> str:
        return self.messages.gettext(message)
