"""Where catalogs live, and reading/writing them with babel (errors wrapped with file and line)."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po

from generator.atomic import write_atomic
from generator.errors import CatalogError
from generator.l10n.locale_data import babel_locale

THEME_DOMAIN = "theme"
PROJECT = "certwarn"
FIXED_DATE = datetime(2026, 1, 1)
"""Header dates are fixed so that extracting twice gives identical files."""


def template_path(domain: str) -> str:
    """`codes/X` -> `locales/templates/codes/X.pot`."""
    return f"locales/templates/{domain}.pot"


def catalog_path(locale: str, domain: str) -> str:
    """`de`, `codes/X` -> `locales/de/LC_MESSAGES/codes/X.po`."""
    return f"locales/{locale}/LC_MESSAGES/{domain}.po"


def new_catalog(locale: str | None) -> Catalog:
    return Catalog(
        locale=babel_locale(locale) if locale else None,
        project=PROJECT,
        version="1",
        copyright_holder="certwarn authors",
        msgid_bugs_address="",
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        fuzzy=False,
    )


def parse_catalog(text: str, path: str, locale: str | None = None) -> Catalog:
    try:
        return read_po(
            io.StringIO(text), locale=babel_locale(locale) if locale else None, abort_invalid=True
        )
    except PoFileError as e:
        line = getattr(e, "lineno", None)
        raise CatalogError(f"not a valid gettext catalog: {e}", path, line) from e
    except (ValueError, UnicodeError) as e:
        raise CatalogError(f"not a valid gettext catalog: {e}", path) from e


def render_catalog(catalog: Catalog) -> str:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=78, include_previous=True, sort_output=False)
    return buffer.getvalue().decode("utf-8")


def write_text_atomic(path: Path, text: str) -> bool:
    """Write when the text differs; return whether the file changed."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))
    return True
