"""UI references such as {button}`Advanced…`: styled, accessible, and kept through translation."""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from markdown_it.utils import OptionsDict
from mdit_py_plugins.myst_role import myst_role_plugin

# role name -> (element, class); <kbd> is the semantic element for keys, <code> for literal names
UI_ROLES: dict[str, tuple[str, str]] = {
    "button": ("span", "ui ui-button"),
    "menu": ("span", "ui ui-menu"),
    "key": ("kbd", "ui ui-key"),
    "file": ("code", "ui ui-file"),
    "pref": ("code", "ui ui-pref"),
}


def ui_roles_plugin(md: MarkdownIt) -> None:
    """Parse ``{role}`text``` and render the roles in UI_ROLES."""
    myst_role_plugin(md)
    md.add_render_rule("myst_role", render_ui_role)


def render_ui_role(
    self: Any,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: MutableMapping[str, Any],
) -> str:
    token = tokens[idx]
    name = token.meta.get("name", "")
    text = escapeHtml(token.content)
    if name not in UI_ROLES:
        return text
    element, css = UI_ROLES[name]
    if name == "key":
        keys = [f"<kbd>{escapeHtml(k.strip())}</kbd>" for k in token.content.split("+")]
        return f'<kbd class="{css}">' + "+".join(keys) + "</kbd>"
    return f'<{element} class="{css}">{text}</{element}>'
