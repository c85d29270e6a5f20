"""Where catalogs live: one template per document under `locales/templates/`, one catalog per
locale and document under `locales/<locale>/LC_MESSAGES/`, the theme's strings in a domain
of their own. (Kept apart from `po_files`, which reads and writes them with babel: building
a site needs the names, not babel's catalog classes.)"""

from __future__ import annotations

THEME_DOMAIN = "theme"


def template_path(domain: str) -> str:
    """`codes/X` -> `locales/templates/codes/X.pot`."""
    return f"locales/templates/{domain}.pot"


def catalog_path(locale: str, domain: str) -> str:
    """`de`, `codes/X` -> `locales/de/LC_MESSAGES/codes/X.po`."""
    return f"locales/{locale}/LC_MESSAGES/{domain}.po"
