"""The certwarn Markdown dialect: markdown-it-py with one small plugin per construct.

May import only the leaves; render rules learn about the site through `context.RenderContext`.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt

from generator.syntax.heading_ids import heading_ids_plugin
from generator.syntax.os_blocks import os_blocks_plugin
from generator.syntax.screenshots import screenshots_plugin
from generator.syntax.ui_roles import ui_roles_plugin
from generator.syntax.xref import xref_plugin


@cache
def markdown() -> MarkdownIt:
    """The shared parser: CommonMark with tables, raw HTML off, and the certwarn plugins."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    for plugin in (
        ui_roles_plugin,
        xref_plugin,
        screenshots_plugin,
        os_blocks_plugin,
        heading_ids_plugin,
    ):
        md.use(plugin)
    return md
