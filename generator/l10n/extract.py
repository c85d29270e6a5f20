"""Building gettext templates: one per source document, plus one for the theme's strings."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from textwrap import TextWrapper
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract, extract_from_dir

from generator.content.document import Document
from generator.l10n.po_files import new_catalog
from generator.l10n.po_writer import WIDTH
from generator.theme.environment import Theme
from generator.theme.folders import read_theme_file, theme_files

Message = tuple[int, str | tuple[str, ...], list[str], str | None]
"""What babel extracts: line, message (singular and plural), comments, context."""

JINJA = "jinja2.ext:babel_extract"
PYTHON_METHOD = [("**.py", "python")]
KEYWORDS: dict[str, Any] = {"gettext": None, "_": None, "ngettext": (1, 2)}
"""Render rules under generator/syntax/ ask for theme strings through `context.gettext(...)`."""
SYNTAX_DIR = Path(__file__).resolve().parents[1] / "syntax"
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "trimmed": "true", "newstyle_gettext": "true"}


_notes = TextWrapper(width=WIDTH, break_long_words=False, break_on_hyphens=False)


def note_lines(note: str) -> list[str]:
    """A note for translators as the `#.` lines gettext tools show (each line read back as is)."""
    return _notes.wrap(note) if note else []


def document_template(document: Document) -> Catalog:
    """One message per unit, in source order, with its location and a note for translators."""
    catalog = new_catalog(None)
    for unit in document.units:
        location = (document.path, unit.line)
        existing = catalog.get(unit.text)
        if existing is not None:
            existing.locations.append(location)
            continue
        catalog.add(unit.text, locations=[location], auto_comments=note_lines(unit.note))
    return catalog


def _template_messages(folder: Path) -> Iterator[tuple[str, Message]]:
    """The theme's messages, each template read by the path policy (never by babel's own
    directory walk, which would follow a link out of the project or wait on a FIFO)."""
    for name in theme_files(folder, "templates"):
        parts = name.split("/")
        if not name.endswith(".html") or any(p.startswith((".", "_")) for p in parts):
            continue  # what babel's directory walk leaves out
        data = read_theme_file(folder, f"templates/{name}")
        for message in extract(JINJA, io.BytesIO(data), KEYWORDS, options=JINJA_OPTIONS):
            yield name, message


def theme_template(theme: Theme, site_title: str) -> Catalog:
    """Every `_()`, `ngettext` and `{% trans %}` string of the theme, and the site title."""
    catalog = new_catalog(None)
    catalog.add(site_title, locations=[("site.toml", 2)], auto_comments=["The site's name."])
    found: list[tuple[str, int, str | tuple[str, ...], list[str], str | None]] = [
        (f"themes/{folder.name}/templates/{name}", line, message, comments, context)
        for folder in theme.folders
        for name, (line, message, comments, context) in _template_messages(folder)
    ]
    python = extract_from_dir(str(SYNTAX_DIR), method_map=PYTHON_METHOD, keywords=KEYWORDS)
    found += [(f"generator/syntax/{n}", line, m, notes, c) for n, line, m, notes, c in python]
    for filename, lineno, message, comments, context in found:
        location = (filename, lineno)
        existing = catalog.get(message, context)
        if existing is not None:
            existing.locations.append(location)
        else:
            notes = [line for comment in comments for line in note_lines(comment)]
            catalog.add(message, locations=[location], auto_comments=notes, context=context)
    return catalog
