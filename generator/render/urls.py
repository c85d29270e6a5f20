"""Where each page lives in the output, and relative URLs between pages."""

from __future__ import annotations

from enum import StrEnum


class PageKind(StrEnum):
    """What a page is; templates and the cache see the plain string value."""

    HOME = "home"
    ARTICLE = "article"
    CODE = "code"
    ERROR = "error"
    L10N = "l10n"
    HISTORY = "history"
    LOOKUP = "lookup"
    UNKNOWN = "unknown"
    """The self-contained error page for a code the site does not describe."""


FOLDERS = {
    PageKind.ARTICLE: "articles",
    PageKind.CODE: "codes",
    PageKind.ERROR: "errors",
    PageKind.HISTORY: "history",
}


def page_path(locale: str, kind: PageKind, ident: str = "") -> str:
    """Output path of a page, relative to the site root."""
    if kind == PageKind.HOME:
        return f"{locale}/index.html"
    if kind == PageKind.L10N:
        return "l10n/index.html"
    if kind == PageKind.LOOKUP:
        return f"{locale}/lookup.html"
    if kind == PageKind.UNKNOWN:
        return f"{locale}/errors/unknown.html"
    return f"{locale}/{FOLDERS[kind]}/{ident}.html"


def relative_url(from_page: str, to_path: str) -> str:
    """URL of `to_path` as written in the page at `from_page` (both site-relative, normalized)."""
    if to_path.startswith("#"):
        return to_path
    # posixpath.relpath resolves absolute paths and dominated build profiles; site paths are
    # already normalized, so comparing their folders is enough
    here = from_page.split("/")[:-1]
    there = to_path.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:])
