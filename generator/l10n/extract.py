"""Building gettext templates: one per source document, plus one for the theme's strings."""

from __future__ import annotations

from pathlib import Path
from textwrap import TextWrapper

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir

from generator.content.document import Document
from generator.l10n.po_files import new_catalog
from generator.l10n.po_writer import WIDTH
from generator.theme.environment import Theme

JINJA_METHOD = [("**.html", "jinja2.ext:babel_extract")]
PYTHON_METHOD = [("**.py", "python")]
"""Render rules under generator/syntax/ ask for theme strings through `context.gettext(...)`."""
SYNTAX_DIR = Path(__file__).resolve().parents[1] / "syntax"
JINJA_OPTIONS = {
    "**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true", "newstyle_gettext": "true"}
}


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


def theme_template(theme: Theme, site_title: str) -> Catalog:
    """Every `_()`, `ngettext` and `{% trans %}` string of the theme, and the site title."""
    catalog = new_catalog(None)
    catalog.add(site_title, locations=[("site.toml", 2)], auto_comments=["The site's name."])
    sources = [
        (folder / "templates", f"themes/{folder.name}/templates", JINJA_METHOD)
        for folder in theme.folders
    ]
    sources.append((SYNTAX_DIR, "generator/syntax", PYTHON_METHOD))
    for folder, shown, method in sources:
        found = extract_from_dir(
            str(folder),
            method_map=method,
            options_map=JINJA_OPTIONS,
            keywords={"gettext": None, "_": None, "ngettext": (1, 2)},
        )
        for filename, lineno, message, comments, context in found:
            location = (f"{shown}/{filename}", lineno)
            existing = catalog.get(message, context)
            if existing is not None:
                existing.locations.append(location)
            else:
                notes = [line for comment in comments for line in note_lines(comment)]
                catalog.add(message, locations=[location], auto_comments=notes, context=context)
    return catalog
