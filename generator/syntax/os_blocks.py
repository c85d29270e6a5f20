"""Per-OS blocks (`::: os windows`) and step includes (`::: steps NAME`) shown as OS tabs."""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from mdit_py_plugins.container import container_plugin

from generator.syntax.context import context_of

OS_NAMES = {"windows": "Windows", "macos": "macOS", "linux": "Linux"}
"""Operating systems in display order, with their names (not translated: product names)."""


def container_argument(info: str) -> str:
    """The word after the container name: `os windows` -> `windows`."""
    parts = info.split()
    return parts[1] if len(parts) > 1 else ""


def os_blocks_plugin(md: MarkdownIt) -> None:
    """Register the `os` and `steps` containers and their render rules."""
    container_plugin(md, "os", render=render_os_block)
    container_plugin(md, "steps", render=render_steps)


def os_open_html(os_name: str) -> str:
    label = escapeHtml(OS_NAMES.get(os_name, os_name))
    return (
        f'<section class="os-variant" data-os="{escapeHtml(os_name)}">'
        f'<p class="os-label">{label}</p>\n'
    )


def render_os_block(
    self: Any,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: MutableMapping[str, Any],
) -> str:
    token = tokens[idx]
    if token.nesting == 1:
        return os_open_html(container_argument(token.info))
    return "</section>\n"


def render_steps(
    self: Any,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: MutableMapping[str, Any],
) -> str:
    token = tokens[idx]
    if token.nesting != 1:
        return ""
    name = container_argument(token.info)
    context = context_of(env)
    inner = context.steps(name) if context else ""
    return f'<div class="os-steps" data-steps="{escapeHtml(name)}">\n{inner}</div>\n'
