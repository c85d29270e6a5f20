"""Segmentation of block tokens into translatable units (headings, paragraphs, items, cells)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it.token import Token

_BLOCK_KINDS = {
    "heading_open": "heading",
    "paragraph_open": "paragraph",
    "th_open": "table cell",
    "td_open": "table cell",
}
_ROLE = re.compile(r"\{(\w+)\}`([^`]+)`")
_XREF = re.compile(r"\]\(((?:code|article|screenshot):[^)\s]+)\)")


@dataclass(frozen=True, slots=True)
class Unit:
    """One message for translators: a block's inline Markdown or a front-matter field."""

    text: str
    """Source text with inline Markdown kept; the gettext msgid."""
    line: int
    """1-based line in the source file."""
    kind: str
    """heading, paragraph, list item, table cell, or the front-matter key."""
    token_index: int | None
    """Index of the inline token in the document's tokens; None for front-matter fields."""
    key: str = ""
    """Front-matter key for field units; empty for body units."""

    @property
    def note(self) -> str:
        """A hint for translators: what must stay as it is."""
        notes = [f"{self.kind.capitalize()}."]
        roles = _ROLE.findall(self.text)
        if roles:
            shown = ", ".join(f"{{{name}}}`{label}`" for name, label in roles)
            notes.append(f"Keep the UI references {shown} and each {{role}} name: {_how(roles)}.")
        targets = _XREF.findall(self.text)
        if targets:
            notes.append(f"Keep the link targets {', '.join(targets)} unchanged.")
        return " ".join(notes)


def segment(tokens: Sequence[Token], line_offset: int) -> tuple[Unit, ...]:
    """Every inline token that carries prose, in document order."""
    units: list[Unit] = []
    in_item = 0
    for index, token in enumerate(tokens):
        if token.type == "list_item_open":
            in_item += 1
        elif token.type == "list_item_close":
            in_item -= 1
        if token.type != "inline" or not token.content.strip():
            continue
        kind = _BLOCK_KINDS.get(tokens[index - 1].type, "text")
        if kind == "paragraph" and in_item:
            kind = "list item"
        if [c.type for c in token.children or []] == ["image"]:
            kind = "image alt text"
        line = (token.map[0] if token.map else 0) + line_offset + 1
        units.append(Unit(token.content, line, kind, index))
    return tuple(units)


_HOW = (
    (("button", "menu", "otherbutton"), "write the label as your language's Firefox shows it"),
    (("app",), "an {app} label as that program shows it in your language"),
    (("key", "file", "pref"), "leave {key}, {file} and {pref} contents as they are"),
)
"""What a translator does with each role's label, in the order the note says it."""


def _how(roles: Sequence[tuple[str, str]]) -> str:
    names = {name for name, _ in roles}
    return "; ".join(how for group, how in _HOW if names & set(group))
