"""A reverse proxy's answer when the upstream's TLS fails: certwarn's page, from the manifest.

`ErrorPages(site)` reads `errors/manifest.json` from a built certwarn site; `response(name,
accept_language, host)` gives the status, headers and body to send instead of the upstream's
answer, and `link(...)` the URL of the page with its `host` parameter, for a proxy that serves
the site's pages under `/warnings/` and redirects there. `name` is whatever the proxy's TLS
library reports: an OpenSSL name such as `X509_V_ERR_CERT_HAS_EXPIRED`, a Chromium name, or a
Firefox code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode


def best_locale(manifest: dict[str, Any], accept_language: str) -> str:
    """The site locale an Accept-Language header prefers; the source locale otherwise."""
    ranked = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, quality = part.strip().partition(";q=")
        if tag:
            ranked.append((-float(quality or 1), position, tag.lower()))
    locales = {tag.lower(): tag for tag in manifest["locales"]}
    for _, _, wanted in sorted(ranked):
        if wanted in locales:
            return locales[wanted]
        language = wanted.split("-")[0]
        same_language = [t for t in manifest["locales"] if t.lower().split("-")[0] == language]
        if same_language:
            return same_language[0]
    return str(manifest["source_locale"])


def page_path(manifest: dict[str, Any], name: str, locale: str) -> str:
    """The error page for a code or one of its other names; the page for unknown codes else."""
    key = name.upper()
    codes = manifest["codes"]
    code = key if key in codes else (manifest["aliases"].get(key) or [None])[0]
    if code is None:
        return str(manifest["unknown"]["locales"][locale]["path"])
    return str(codes[code]["locales"][locale]["path"])


class ErrorPages:
    """The error pages of one built site (the folder that holds errors/manifest.json)."""

    def __init__(self, site: Path):
        self.site = site
        self.manifest = json.loads((site / "errors" / "manifest.json").read_text("utf-8"))

    def response(
        self, name: str, accept_language: str, host: str
    ) -> tuple[int, dict[str, str], bytes]:
        locale = best_locale(self.manifest, accept_language)
        path = page_path(self.manifest, name, locale)
        body = (self.site / path).read_bytes()
        headers = {
            "Content-Type": "text/html; charset=utf-8",
            "Content-Language": locale,
            "Cache-Control": "no-store",
        }
        return 502, headers, body

    def link(self, name: str, accept_language: str, host: str) -> str:
        """Where to send a browser instead (pages served under `/warnings/`), with its host."""
        locale = best_locale(self.manifest, accept_language)
        path = page_path(self.manifest, name, locale)
        query = {"host": host}
        if path == self.manifest["unknown"]["locales"][locale]["path"]:
            query["code"] = name  # the page for unknown codes shows it and looks it up
        return f"/warnings/{path}?{urlencode(query)}"
