"""Reading and writing catalogs with babel (errors wrapped with file and line)."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, unescape

from generator.atomic import write_atomic
from generator.errors import CatalogError
from generator.l10n import po_writer
from generator.l10n.gettext_locale import plural_forms
from generator.l10n.locale_data import babel_locale
from generator.l10n.plural_rule import parse_plural_forms

PROJECT = "certwarn"
FIXED_DATE = datetime(2026, 1, 1)
"""Header dates are fixed so that extracting twice gives identical files."""


def new_catalog(locale: str | None) -> Catalog:
    catalog = Catalog(
        locale=babel_locale(locale) if locale else None,
        project=PROJECT,
        version="1",
        copyright_holder="certwarn authors",
        msgid_bugs_address="",
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        fuzzy=False,
    )
    if locale:
        _use_gettext_plurals(catalog, locale)
    return catalog


def _use_gettext_plurals(catalog: Catalog, locale: str) -> None:
    """babel counts CLDR's plural forms (three for French); gettext tools expect two.

    Catalog has no public setter; these are the attributes its own header parsing sets.
    """
    rule = parse_plural_forms(plural_forms(locale))
    setattr(catalog, "_num_plurals", rule.num_plurals)  # noqa: B010 (typed None in babel)
    setattr(catalog, "_plural_expr", rule.expression)  # noqa: B010


def parse_catalog(text: str, path: str, locale: str | None = None) -> Catalog:
    try:
        catalog = read_po(
            io.StringIO(text), locale=babel_locale(locale) if locale else None, abort_invalid=True
        )
    except PoFileError as e:
        line = getattr(e, "lineno", None)
        raise CatalogError(f"not a valid gettext catalog: {e}", path, line) from e
    except (ValueError, UnicodeError) as e:
        raise CatalogError(f"not a valid gettext catalog: {e}", path) from e
    return _restore_previous(catalog)


def render_catalog(catalog: Catalog, path: str = "") -> str:
    """PO text every gettext tool reads the same way (see po_writer)."""
    return po_writer.render_catalog(catalog, path)


def _restore_previous(catalog: Catalog) -> Catalog:
    """babel keeps `#| msgid …` lines as translator comments starting with `|`; make them the
    message's previous id again, so that an update writes them back as they were."""
    for message in [*catalog, *catalog.obsolete.values()]:
        previous = [c for c in message.user_comments if c.startswith("|")]
        if not previous:
            continue
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
        ids = _previous_strings(c[1:].strip() for c in previous)
        message.previous_id = [ids[k] for k in ("msgid", "msgid_plural") if k in ids]
    return catalog


def _previous_strings(lines: Iterable[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    keyword = ""
    for line in lines:
        if not line.startswith('"'):
            keyword, _, line = line.partition(" ")
            found[keyword] = ""
        if keyword and line.startswith('"') and line.endswith('"') and len(line) > 1:
            found[keyword] += unescape(line)
    return found


def write_text_atomic(path: Path, text: str) -> bool:
    """Write when the text differs; return whether the file changed."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))
    return True
