"""Rendering localized token streams to HTML fragments (whole body, one section, headings)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it.token import Token

from generator.syntax import markdown
from generator.syntax.context import ENV_KEY, RenderContext


@dataclass(frozen=True, slots=True)
class Heading:
    """A level-2 heading for a page's table of contents."""

    id: str
    html: str


def render_tokens(tokens: Sequence[Token], context: RenderContext) -> str:
    md = markdown()
    html: str = md.renderer.render(tokens, md.options, {ENV_KEY: context})
    return html


def render_inline(text_token: Token, context: RenderContext) -> str:
    md = markdown()
    html: str = md.renderer.render(text_token.children or [], md.options, {ENV_KEY: context})
    return html


def section(tokens: Sequence[Token], heading_id: str) -> tuple[Token, ...]:
    """The tokens under the h2 with `heading_id`, up to the next h2 (heading excluded)."""
    start = next(
        (
            i
            for i, t in enumerate(tokens)
            if t.type == "heading_open" and t.attrGet("id") == heading_id
        ),
        None,
    )
    if start is None:
        return ()
    body = start + 3
    end = next(
        (
            i
            for i in range(body, len(tokens))
            if tokens[i].type == "heading_open" and tokens[i].tag == "h2"
        ),
        len(tokens),
    )
    return tuple(tokens[body:end])


def headings(tokens: Sequence[Token], context: RenderContext) -> list[Heading]:
    """Level-2 headings with their ids and rendered inline text."""
    return [
        Heading(str(t.attrGet("id")), render_inline(tokens[i + 1], context))
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h2"
    ]
