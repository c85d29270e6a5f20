"""Where each page lives in the output, and relative URLs between pages."""

from __future__ import annotations

HOME = "home"
ARTICLE = "article"
CODE = "code"
ERROR = "error"
L10N = "l10n"
LOOKUP = "lookup"


def page_path(locale: str, kind: str, ident: str = "") -> str:
    """Output path of a page, relative to the site root."""
    if kind == HOME:
        return f"{locale}/index.html"
    if kind == L10N:
        return "l10n/index.html"
    if kind == LOOKUP:
        return f"{locale}/lookup.html"
    folder = {ARTICLE: "articles", CODE: "codes", ERROR: "errors"}[kind]
    return f"{locale}/{folder}/{ident}.html"


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
