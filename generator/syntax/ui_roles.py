"""UI references such as {button}`Advanced`: styled, accessible, and kept through translation.

Which surface a label belongs to decides its role, and so what it is checked against:
`button` is a control on Firefox's warning page (on a code page, compared with the page the
verification record shows for that code); `otherbutton` a control of another warning page
(an older Firefox's, the clock page, another code's page); `menu` any other part of Firefox
(menus, Settings, Certificate Manager, their buttons); `app` a label of another program (the
operating system, an antivirus product, a router). See docs/markdown.md.
"""

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
    "otherbutton": ("span", "ui ui-button ui-otherbutton"),
    "menu": ("span", "ui ui-menu"),
    "app": ("span", "ui ui-menu ui-app"),
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
