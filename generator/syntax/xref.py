"""Links to codes and articles by id (`code:X`, `article:slug#anchor`), resolved per locale."""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markdown_it.utils import OptionsDict

from generator.syntax.context import context_of

XREF_SCHEMES = ("code", "article")


def xref_target(href: str) -> tuple[str, str, str] | None:
    """Split `code:X#a` into (scheme, id, anchor); None for any other link."""
    scheme, sep, rest = href.partition(":")
    if not sep or scheme not in XREF_SCHEMES:
        return None
    ident, _, anchor = rest.partition("#")
    return scheme, ident, anchor


def xref_plugin(md: MarkdownIt) -> None:
    """Resolve id links at render time and mark external links."""
    md.add_render_rule("link_open", render_link_open)
    md.core.ruler.push("code_name_breaks", _code_name_breaks)
    md.add_render_rule("wbr", lambda *_: "<wbr>")


def _code_name_breaks(state: StateCore) -> None:
    """Let a code name in a code link wrap after its underscores, never inside a word."""
    for block in state.tokens:
        children, inside, out = block.children or [], False, []
        for token in children:
            if token.type in ("link_open", "link_close"):
                target = xref_target(str(token.attrGet("href") or ""))
                inside = token.type == "link_open" and target is not None and target[0] == "code"
            if inside and token.type == "text" and "_" in token.content:
                out += _split_after_underscores(token)
            else:
                out.append(token)
        if len(out) != len(children):
            block.children = out


def _split_after_underscores(token: Token) -> list[Token]:
    parts = token.content.split("_")
    pieces: list[Token] = []
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        pieces.append(token.copy(content=part if last else part + "_"))
        if not last:
            pieces.append(Token("wbr", "", 0))
    return pieces


def render_link_open(
    self: Any,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: MutableMapping[str, Any],
) -> str:
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    context = context_of(env)
    attrs = dict(token.attrs)
    if xref_target(href) is not None:
        resolved = context.link(href) if context else None
        attrs["href"] = resolved if resolved is not None else "#"
    elif href.startswith(("http://", "https://")):
        attrs["rel"] = "noopener noreferrer"
        attrs["class"] = "external"
    copy = token.copy(attrs=attrs)
    return self.renderToken([copy], 0, options, env)  # type: ignore[no-any-return]
