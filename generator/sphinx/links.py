"""Resolving an embed's markers once every page is read: links and screenshots.

A `code:`/`article:` link goes to the Sphinx page that embeds its target, or else to the
certwarn site (`certwarn_site_url`, by default site.toml's `base_url`) in the same locale.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes

from generator.render.urls import PageKind, page_path
from generator.sphinx.context import LINK_MARK, SHOT_MARK
from generator.sphinx.embed import certwarn_html, embed_id
from generator.sphinx.source import Published, embeds_of, published_of
from generator.syntax.xref import xref_target

MARKER = re.compile(f'(href|src)="({re.escape(LINK_MARK)}|{re.escape(SHOT_MARK)})([^"]*)"')
IMAGES = "_images/certwarn"
"""Where screenshots are copied in the HTML output."""


def resolve(app: Any, doctree: nodes.document, docname: str) -> None:
    """`doctree-resolved`: replace every marker in the page's embeds."""
    published = published_of(app.config)
    used: set[tuple[str, str]] = app.certwarn_screenshots

    def replace(match: re.Match[str]) -> str:
        attribute, mark, value = match.groups()
        if mark == SHOT_MARK:
            lang, _, code = value.partition("/")
            used.add((lang, code))
            return f'{attribute}="{_root_of(app, docname)}{IMAGES}/{lang}/{code}.png"'
        return f'{attribute}="{link(app, published, docname, value)}"'

    for node in doctree.findall(certwarn_html):
        node["html"] = MARKER.sub(replace, node["html"])


def link(app: Any, published: Published, docname: str, target: str) -> str:
    parsed = xref_target(target)
    assert parsed is not None  # only xref targets are marked
    scheme, ident, anchor = parsed
    base = embed_id(scheme, ident)
    fragment = f"#{base}-{anchor}" if anchor else f"#{base}"
    embedded = embeds_of(app.env).get(f"{scheme}:{ident}", {})
    if docname in embedded:
        return fragment
    if embedded:
        return str(app.builder.get_relative_uri(docname, min(embedded))) + fragment
    site = app.config.certwarn_site_url or published.config.base_url
    if scheme == PageKind.CODE:
        path = page_path(published.locale, PageKind.CODE, ident)
    elif ident == published.config.home:
        path = page_path(published.locale, PageKind.HOME)
    else:
        path = page_path(published.locale, PageKind.ARTICLE, ident)
    return site.rstrip("/") + "/" + path + (f"#{anchor}" if anchor else "")


def _root_of(app: Any, docname: str) -> str:
    """The way up from a page's output file to the output folder."""
    return "../" * str(app.builder.get_target_uri(docname)).count("/")


def copy_screenshots(app: Any, exception: BaseException | None) -> None:
    """`build-finished`: put the screenshots the pages show beside them."""
    if exception is not None or app.builder.format != "html":
        return
    published = published_of(app.config)
    for lang, code in sorted(app.certwarn_screenshots):
        target = Path(app.outdir) / IMAGES / lang / f"{code}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(published.screenshots.files[(lang, code)], target)
