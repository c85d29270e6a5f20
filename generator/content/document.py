"""A parsed source document: its block tokens (parsed once) and its translatable units."""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it.token import Token

from generator.content.frontmatter import FrontMatter
from generator.content.segment import Unit, segment
from generator.syntax import markdown


@dataclass(frozen=True, slots=True)
class Document:
    """One Markdown source after parsing; shared by every locale, never mutated."""

    id: str
    """Site-wide id: `codes/<CODE>`, `articles/<slug>` or `steps/<name>/<os>`."""
    path: str
    """Project-relative path of the source file."""
    revision: str | None
    """Review-store revision the text came from (None for the working copy)."""
    tokens: tuple[Token, ...]
    """Block tokens from markdown-it; inline tokens carry their parsed children."""
    units: tuple[Unit, ...]
    """Translatable units in source order: front-matter fields first, then blocks."""
    line_offset: int
    """Lines before the body; add to a token's 0-based `map[0]` for the file line."""

    def line_of(self, token: Token) -> int | None:
        """1-based file line where a block token starts."""
        return token.map[0] + self.line_offset + 1 if token.map else None

    def unit(self, key: str) -> Unit | None:
        """The front-matter unit stored under `key` (`title`, `summary`, …)."""
        return next((u for u in self.units if u.key == key), None)


def parse_document(
    doc_id: str, path: str, front: FrontMatter, revision: str | None, fields: tuple[str, ...]
) -> Document:
    """Parse the body once and segment it; `fields` names the translatable front-matter keys."""
    tokens = tuple(markdown().parse(front.body))
    meta_units = tuple(
        Unit(str(front.data[key]), front.key_lines.get(key, 1), key, None, key)
        for key in fields
        if isinstance(front.data.get(key), str)
    )
    units = meta_units + segment(tokens, front.body_offset)
    return Document(doc_id, path, revision, tokens, units, front.body_offset)
