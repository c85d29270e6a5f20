"""The small test site's files, shared by conftest.py and the golden site script."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

SITE_TOML = """\
title = "Test warnings"
source_locale = "en-US"
locales = ["en-US"]
base_url = "https://help.example.test/warnings/"
theme = "default"
home = "overview"

[review]
required = false
"""

UNKNOWN_ISSUER = """\
---
code: SEC_ERROR_UNKNOWN_ISSUER
title: The issuer is not known
summary: The browser cannot trace the certificate to an authority it trusts.
category: certificate
overridable: true
equivalents:
  chromium: [NET::ERR_CERT_AUTHORITY_INVALID]
  openssl: [X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY]
related: [SEC_ERROR_EXPIRED_CERTIFICATE]
scenario: unknown-issuer
---

## What it means

The chain of signatures does not reach a trusted root.

![The warning page for an unknown issuer](screenshot:SEC_ERROR_UNKNOWN_ISSUER)

## What you can do

- Click {button}`Go Back (Recommended)`.
- Read [how to bypass the warning](article:bypassing-the-warning#before-you-continue).

## What site owners can do

Send the intermediate certificates, such as {file}`fullchain.pem`.
"""

EXPIRED = """\
---
code: SEC_ERROR_EXPIRED_CERTIFICATE
title: The certificate has expired
summary: The certificate is past its end date, or the device clock is wrong.
category: time
overridable: true
related: [SEC_ERROR_UNKNOWN_ISSUER]
scenario: expired-certificate
---

## What it means

Every certificate is valid for a limited time.

## What you can do

Check the clock first, see [the overview](article:overview#check-the-clock).

## What site owners can do

Renew the certificate.
"""

MITM = """\
---
code: MOZILLA_PKIX_ERROR_MITM_DETECTED
title: Something intercepts the connection
summary: Software between the browser and the site replaced the certificate.
category: interception
overridable: false
equivalents:
  chromium: []
unreproducible: It needs the browser's built-in list of intercepting products.
---

## What it means

Security software on the device reads encrypted traffic.

## What you can do

Turn off HTTPS scanning in {menu}`Settings`, or press {key}`Ctrl+Shift+R` to retry.

## What site owners can do

Nothing; the problem is on the visitor's device.
"""

OVERVIEW = """\
---
title: What do the warning codes mean?
summary: Why the browser shows a warning and what each code means.
order: 1
---

## Why you see a warning

The browser checks every secure site. See [SEC_ERROR_UNKNOWN_ISSUER](code:SEC_ERROR_UNKNOWN_ISSUER).

## Check the clock

A wrong clock makes valid certificates look expired.

::: os windows
Open {menu}`Date & time` in Settings.
:::

::: os macos
Open {menu}`Date & Time` in System Settings.
:::
"""

BYPASSING = """\
---
title: Bypassing the warning
summary: When it is safe to continue past a warning, and how.
order: 2
---

## Before you continue

Only continue on a device you run yourself. Back to [the overview](article:overview).

## Open your profile folder

::: steps profile-folder
:::

See also [the exact details](code:MOZILLA_PKIX_ERROR_MITM_DETECTED#what-you-can-do).
"""

STEPS = {
    "windows": "1. Press {key}`Win+R`.\n2. Type {file}`%APPDATA%\\Mozilla\\Firefox\\Profiles`.\n",
    "macos": "1. In Finder, choose {menu}`Go`.\n2. Type {file}`~/Library/Application Support`.\n",
    "linux": "1. Open {file}`~/.mozilla/firefox/` in your file manager.\n",
}

SITE_FILES: dict[str, str] = {
    "site.toml": SITE_TOML,
    "content/codes/SEC_ERROR_UNKNOWN_ISSUER.md": UNKNOWN_ISSUER,
    "content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md": EXPIRED,
    "content/codes/MOZILLA_PKIX_ERROR_MITM_DETECTED.md": MITM,
    "content/articles/overview.md": OVERVIEW,
    "content/articles/bypassing-the-warning.md": BYPASSING,
    **{f"content/steps/profile-folder/{os}.md": text for os, text in STEPS.items()},
}
"""Project-relative path -> text of every file of the small test site."""


def write_files(root: Path, files: Mapping[str, str]) -> None:
    """Write project-relative `files` under `root`, creating folders as needed."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
