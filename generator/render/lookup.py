"""The lookup page (`<locale>/lookup.html?code=…`): any client's name for a code leads to its page.

Help desks and integrators link to it with the code a reader saw: Firefox's own, Chromium's
(`NET::ERR_…`, often quoted without `NET::`) or OpenSSL's (`X509_V_ERR_…`). The page carries its
whole map, so it works from a file without a server; without JavaScript it is a table of
every name and its page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.content.load import CodeDoc
from generator.render.locale_site import LocaleSite
from generator.render.page_kinds import code_row
from generator.render.pages import Page
from generator.render.urls import PageKind, page_path, relative_url

FIREFOX, CHROMIUM, OPENSSL = "firefox", "chromium", "openssl"


@dataclass(frozen=True, slots=True)
class CodeName:
    """One client's name for a code, as a page's front matter lists it."""

    name: str
    client: str
    """FIREFOX, CHROMIUM or OPENSSL."""
    code: str
    """The page (the Firefox code) that explains it."""


def lookup_key(name: str) -> str:
    """The form names are matched in: upper case, without Chromium's `NET::` (lookup.js too)."""
    return name.strip().upper().removeprefix("NET::")


def code_names(code: CodeDoc) -> list[CodeName]:
    """Every name a page lists for its code: its own, then Chromium's and OpenSSL's."""
    names = [CodeName(code.code, FIREFOX, code.code)]
    names += [CodeName(n, CHROMIUM, code.code) for n in code.equivalents.chromium]
    names += [CodeName(n, OPENSSL, code.code) for n in code.equivalents.openssl]
    return names


def lookup_map(codes: list[CodeDoc]) -> dict[str, list[str]]:
    """Lookup key -> the codes of the pages that list that name, in content order."""
    found: dict[str, list[str]] = {}
    for code in codes:
        for name in code_names(code):
            pages = found.setdefault(lookup_key(name.name), [])
            if name.code not in pages:
                pages.append(name.code)
    return found


def _code_url(site: LocaleSite, path: str, code: str) -> str:
    return relative_url(path, page_path(site.locale.tag, PageKind.CODE, code))


def lookup_page(site: LocaleSite) -> Page:
    path = page_path(site.locale.tag, PageKind.LOOKUP)
    codes = list(site.site.content.codes.values())
    title = site.messages.gettext("Look up an error code")
    names = sorted(
        (n for code in codes for n in code_names(code)), key=lambda n: (lookup_key(n.name), n.code)
    )
    context: dict[str, Any] = dict(site.base_context(path, PageKind.LOOKUP, "", title))
    context.update(
        codes=[code_row(site, code, path) for code in codes],
        names=[
            {
                "name": n,
                "url": relative_url(path, page_path(site.locale.tag, PageKind.CODE, n.code)),
            }
            for n in names
        ],
        lookup=json.dumps(lookup_map(codes), ensure_ascii=False, sort_keys=True),
    )
    return site.render("lookup.html", path, context, title=title, kind=PageKind.LOOKUP)
