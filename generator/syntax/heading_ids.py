"""Heading ids taken from the source text, so anchors stay the same in every locale."""

from __future__ import annotations

import re
import unicodedata

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

_TEXT_TYPES = ("text", "code_inline", "myst_role")


def slugify(text: str) -> str:
    """Lowercase ASCII words joined with `-`: `What you can do` -> `what-you-can-do`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"\{[a-z]+\}|[`*_{}\[\]()]", "", ascii_text)
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    return "-".join(words) or "section"


def heading_ids_plugin(md: MarkdownIt) -> None:
    """Give every heading an `id` from its source text; duplicates get `-2`, `-3`…"""
    md.core.ruler.push("heading_ids", _assign_ids)


def _visible_text(inline: Token) -> str:
    """What a reader sees of a heading: role labels and link texts, not role names or URLs."""
    if not inline.children:
        return inline.content
    return "".join(c.content for c in inline.children if c.type in _TEXT_TYPES)


def _assign_ids(state: StateCore) -> None:
    seen: dict[str, int] = {}
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.attrGet("id"):
            continue
        slug = slugify(_visible_text(tokens[index + 1]))
        seen[slug] = seen.get(slug, 0) + 1
        token.attrSet("id", slug if seen[slug] == 1 else f"{slug}-{seen[slug]}")
