"""The per-message part of `review show` for a catalog revision."""

from __future__ import annotations

from generator.errors import CatalogError
from generator.l10n.catalog_diff import catalog_changes, format_changes
from generator.l10n.po_files import THEME_DOMAIN


def catalog_review(old: str | None, new: str, path: str) -> str:
    """Each changed message with its checks; a note instead when either text is unreadable."""
    try:
        changes = catalog_changes(old, new, path, path.endswith(f"/{THEME_DOMAIN}.po"))
    except CatalogError as e:
        return f"{e}\n(the line diff below is all that can be shown)\n\n"
    return format_changes(changes, path) + "\n"
