"""The `certwarn` directive: a code page or article as Sphinx sections, from approved sources."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docutils import nodes
from markdown_it.token import Token
from sphinx.util.docutils import SphinxDirective

from generator.l10n.locale_data import locale_info
from generator.l10n.localize import LocalizedDocument
from generator.sphinx.context import EmbedContext, prefixed_ids, render_html
from generator.sphinx.source import Published, embeds_of, published_of
from generator.syntax.xref import xref_target

FALLBACK_NOTICE = (
    "This page has not been translated into your language yet, so it is shown in %(language)s."
)
"""The theme's own message, so translators translate it once."""


class certwarn_html(nodes.General, nodes.Element):  # type: ignore[misc,unused-ignore]  # noqa: N801
    """Rendered certwarn HTML (`html`), with its words (`text`) for builders that are not HTML."""


def embed_id(scheme: str, ident: str) -> str:
    """The id of an embed's section: `certwarn-code-sec-error-unknown-issuer`."""
    return str(nodes.make_id(f"certwarn-{scheme}-{ident}"))


class CertwarnDirective(SphinxDirective):  # type: ignore[misc,unused-ignore]
    """`.. certwarn:: code:SEC_ERROR_UNKNOWN_ISSUER` or `article:slug` (MyST: ```{certwarn}```)."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        published = published_of(self.config)
        target = self.arguments[0]
        parsed = xref_target(target)
        if parsed is None or parsed[2]:
            raise self.error(f"certwarn: expected code:CODE or article:slug, got {target!r}")
        scheme, ident, _ = parsed
        localized = self._localized(published, scheme, ident)
        base = embed_id(scheme, ident)
        embeds_of(self.env).setdefault(f"{scheme}:{ident}", {})[self.env.docname] = base
        return [embed_section(published, localized, scheme, ident, base)]

    def _localized(self, published: Published, scheme: str, ident: str) -> LocalizedDocument:
        content = published.content
        if scheme == "code" and ident in content.codes:
            return published.localized(content.codes[ident].document)
        if scheme == "article" and ident in content.articles:
            return published.localized(content.articles[ident].document)
        folder = "codes" if scheme == "code" else "articles"
        reason = published.unpublished_reason(f"content/{folder}/{ident}.md")
        raise self.error(f"certwarn: cannot embed {scheme}:{ident}: {reason}")


def embed_section(
    published: Published, localized: LocalizedDocument, scheme: str, ident: str, base: str
) -> nodes.section:
    """Title, summary, facts of a code, then one sub-section per level-2 heading."""
    context = EmbedContext(published, base)
    section = nodes.section(ids=[base], classes=["certwarn", f"certwarn-{scheme}"])
    section += nodes.title(text=localized.fields["title"].value)
    if scheme == "code":
        section += _facts(published, ident)
    summary = nodes.paragraph(text=localized.fields["summary"].value, classes=["certwarn-summary"])
    section += summary
    if localized.fell_back:
        source = locale_info(published.config.source_locale).native_name
        notice = _notice(context.gettext(FALLBACK_NOTICE), source)
        section += nodes.note("", nodes.paragraph(text=notice))
    tokens = prefixed_ids(localized.tokens, base)
    for heading, body in split_sections(tokens):
        html = _html_node(render_html(body, context), body, localized.lang)
        if heading is None:
            section += html
            continue
        opening, words = heading
        sub = nodes.section(ids=[str(opening.attrGet("id"))])
        sub += nodes.title(text=inline_text(words))
        sub += html
        section += sub
    return section


def _notice(message: str, language: str) -> str:
    """The translated notice, or the source's when the translation's placeholders are wrong."""
    try:
        return message % {"language": language}
    except (KeyError, ValueError, TypeError):
        return FALLBACK_NOTICE % {"language": language}


def _facts(published: Published, code: str) -> nodes.field_list:
    """The code's name and its equivalents in Chromium and OpenSSL."""
    doc = published.content.codes[code]
    rows = [
        ("Same problem in Chrome and Edge", doc.equivalents.chromium),
        ("OpenSSL verify code", doc.equivalents.openssl),
    ]
    facts = nodes.field_list(classes=["certwarn-facts"])
    facts += nodes.field("", nodes.field_name(text="Firefox"), _names((code,)))
    for label, names in rows:
        if not names:
            continue
        name_text = published.catalogs.theme.gettext(label)
        facts += nodes.field("", nodes.field_name(text=name_text), _names(names))
    return facts


def _names(names: tuple[str, ...]) -> nodes.field_body:
    value = nodes.paragraph()
    for i, name in enumerate(names):
        value += nodes.literal(text=name)
        if i < len(names) - 1:
            value += nodes.Text(", ")
    return nodes.field_body("", value)


Heading = tuple[Token, Token]
"""A heading's opening token (with its id) and its inline token (its words)."""


def split_sections(tokens: tuple[Token, ...]) -> Iterator[tuple[Heading | None, tuple[Token, ...]]]:
    """Each level-2 heading (None for the text before the first) with the tokens under it."""
    starts = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    if not starts or starts[0] > 0:
        lead = tokens[: starts[0] if starts else len(tokens)]
        if lead:
            yield None, lead
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(tokens)
        yield (tokens[start], tokens[start + 1]), tokens[start + 3 : end]


def inline_text(token: Token) -> str:
    """The words of an inline token (headings become plain section titles)."""
    return "".join(
        child.content
        for child in token.children or []
        if child.type in ("text", "code_inline", "myst_role")
    )


def _html_node(html: str, tokens: tuple[Token, ...], lang: str) -> certwarn_html:
    words = " ".join(inline_text(t) for t in tokens if t.type == "inline")
    wrapped = f'<div class="certwarn-body" lang="{lang}">\n{html}</div>\n'
    return certwarn_html(html=wrapped, text=words)


def visit_html(translator: Any, node: certwarn_html) -> None:
    translator.body.append(node["html"])
    raise nodes.SkipNode


def visit_text(translator: Any, node: certwarn_html) -> None:
    translator.add_text(node["text"])
    raise nodes.SkipNode


def skip(translator: Any, node: certwarn_html) -> None:
    raise nodes.SkipNode
