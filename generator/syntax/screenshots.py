"""Images that name a screenshot (`screenshot:<CODE>`), with a placeholder until one exists."""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

from generator.syntax.context import context_of

SCHEME = "screenshot:"


def screenshot_code(src: str) -> str | None:
    """The code a `screenshot:` source names, or None for any other image source."""
    return src[len(SCHEME) :] if src.startswith(SCHEME) else None


def screenshots_plugin(md: MarkdownIt) -> None:
    """Render `![alt](screenshot:CODE)` as the locale's screenshot or a labelled placeholder."""
    md.add_render_rule("image", render_screenshot)


def render_screenshot(
    self: Any,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: MutableMapping[str, Any],
) -> str:
    token = tokens[idx]
    alt = escapeHtml(self.renderInlineAsText(token.children or [], options, env))
    code = screenshot_code(str(token.attrGet("src") or ""))
    context = context_of(env)
    shot = context.screenshot(code) if context and code else None
    if shot is None:
        note = escapeHtml(context.gettext("Screenshot not available yet") if context else "")
        return (
            f'<span class="screenshot screenshot-missing" role="img" aria-label="{alt}">'
            f'<span class="screenshot-alt">{alt}</span>'
            f'<span class="screenshot-note">{note}</span></span>'
        )
    lang = "" if context is None or shot.lang == context.lang else f' lang="{shot.lang}"'
    # The image fits the column; on a phone its text is small, so a tap opens it full size.
    src = escapeHtml(shot.url)
    return (
        f'<a class="screenshot-link" href="{src}">'
        f'<img class="screenshot" src="{src}" alt="{alt}"{lang} decoding="async"></a>'
    )
