"""A Sphinx extension for the certwarn dialect (UI roles, OS blocks, step includes) under MyST.

`certwarn bench` builds the same Markdown with Sphinx as its baseline; this extension lets
Sphinx read it: `{button}`…``-style roles, `:::{os} windows` blocks and `:::{steps} name`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive, directives

UI_ROLES = ("button", "otherbutton", "menu", "app", "key", "file", "pref")
OS_NAMES = {"windows": "Windows", "macos": "macOS", "linux": "Linux"}


def ui_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Any,
    options: Any = None,
    content: Any = (),
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    node = nodes.literal(rawtext, text, classes=["ui", f"ui-{name}"])
    return [node], []


class OsBlock(Directive):  # type: ignore[misc]
    """`:::{os} windows` … `:::`: one OS variant with its label."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        os_name = self.arguments[0]
        section = nodes.container(classes=["os-variant", f"os-{os_name}"])
        section += nodes.rubric(text=OS_NAMES.get(os_name, os_name))
        self.state.nested_parse(self.content, self.content_offset, section)
        return [section]


class Steps(Directive):  # type: ignore[misc]
    """`:::{steps} name`: every OS variant of `steps/<name>/<os>.md`."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        folder = Path(env.srcdir) / "steps" / self.arguments[0]
        tabs = nodes.container(classes=["os-steps"])
        for os_name, label in OS_NAMES.items():
            path = folder / f"{os_name}.md"
            env.note_dependency(str(path))
            variant = nodes.container(classes=["os-variant", f"os-{os_name}"])
            variant += nodes.rubric(text=label)
            lines = path.read_text(encoding="utf-8").splitlines()
            from docutils.statemachine import StringList

            self.state.nested_parse(StringList(lines, str(path)), 0, variant)
            tabs += variant
        return [tabs]


def setup(app: Any) -> dict[str, Any]:
    for name in UI_ROLES:
        app.add_role(name, ui_role, override=True)
    directives.register_directive("os", OsBlock)
    app.add_directive("os", OsBlock, override=True)
    app.add_directive("steps", Steps)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
