"""The answers certwarn's render rules get inside a Sphinx page: links and images as markers.

Where a `code:`/`article:` link points is known only when every page has been read (it may
be embedded in another page, or not at all), so links and screenshots are rendered as
markers that `links.resolve` replaces once Sphinx resolves the doctree.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it.token import Token

from generator.sphinx.source import Published
from generator.syntax import markdown
from generator.syntax.context import ENV_KEY, RenderContext, Screenshot
from generator.syntax.os_blocks import OS_NAMES, os_open_html
from generator.syntax.xref import xref_target

LINK_MARK = "certwarn-link:"
"""An href still to resolve: `certwarn-link:code:X#anchor`."""
SHOT_MARK = "certwarn-shot:"
"""An image still to place: `certwarn-shot:<locale>/<CODE>`."""


@dataclass(frozen=True, slots=True)
class EmbedContext:
    """Implements `generator.syntax.context.RenderContext` for an embed in a Sphinx page."""

    published: Published
    prefix: str
    """Id prefix of the embed, keeping its heading ids unique within the Sphinx page."""

    @property
    def lang(self) -> str:
        return self.published.locale

    def link(self, target: str) -> str | None:
        return LINK_MARK + target if xref_target(target) is not None else None

    def screenshot(self, code: str) -> Screenshot | None:
        found = self.published.screenshots.find(code, self.published.locale)
        if found is None:
            return None
        _, lang = found
        return Screenshot(f"{SHOT_MARK}{lang}/{code}", lang)

    def steps(self, name: str) -> str:
        variants = self.published.content.steps[name]
        parts = []
        for os_name in OS_NAMES:
            localized = self.published.localized(variants[os_name].document)
            body = render_html(prefixed_ids(localized.tokens, self.prefix), self)
            lang = f' lang="{localized.lang}"' if localized.fell_back else ""
            parts.append(os_open_html(os_name).replace(">", f"{lang}>", 1) + body + "</section>\n")
        return "".join(parts)

    def gettext(self, message: str) -> str:
        return self.published.catalogs.theme.gettext(message)


def prefixed_ids(tokens: tuple[Token, ...], prefix: str) -> tuple[Token, ...]:
    """The tokens with every heading id prefixed (two embeds on a page never share an id)."""
    changed = []
    for token in tokens:
        ident = token.attrGet("id") if token.type == "heading_open" else None
        if ident:
            attrs = dict(token.attrs)
            attrs["id"] = f"{prefix}-{ident}"
            token = token.copy(attrs=attrs)
        changed.append(token)
    return tuple(changed)


def render_html(tokens: tuple[Token, ...], context: RenderContext) -> str:
    """HTML of block tokens through certwarn's own render rules (OS labels, UI roles, …)."""
    md = markdown()
    html: str = md.renderer.render(tokens, md.options, {ENV_KEY: context})
    return html
