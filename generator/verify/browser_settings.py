"""The browser preferences and arguments a scenario may set: only what verification needs.

Scenario specs are content, and content never chooses how a browser runs: a Chromium switch
such as `--renderer-cmd-prefix` or a Firefox pref that loads code would let a spec execute a
program. Anything not listed here is refused when the spec is loaded.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.verify.spec import PrefValue

Check = Callable[[PrefValue], bool]


def _int_in(low: int, high: int) -> Check:
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v <= high


def _bool(value: PrefValue) -> bool:
    return isinstance(value, bool)


def _distinguished_name(value: PrefValue) -> bool:
    return isinstance(value, str) and len(value) <= 256 and value.isprintable()


FIREFOX_PREFS: dict[str, tuple[Check, str]] = {
    "security.OCSP.enabled": (_int_in(0, 2), "0, 1 or 2"),
    "security.OCSP.require": (_bool, "true or false"),
    "security.ssl.enable_ocsp_stapling": (_bool, "true or false"),
    "security.pki.cert_short_lifetime_in_days": (_int_in(0, 3650), "days from 0 to 3650"),
    "security.pki.mitm_canary_issuer": (_distinguished_name, "a distinguished name"),
    "security.pki.mitm_canary_issuer.enabled": (_bool, "true or false"),
    "security.tls.version.min": (_int_in(1, 4), "1 to 4 (TLS 1.0 to 1.3)"),
    "security.tls.version.max": (_int_in(1, 4), "1 to 4 (TLS 1.0 to 1.3)"),
    "security.tls.version.enable-deprecated": (_bool, "true or false"),
}
"""Exact pref names, each with its check and how the allowed values read."""
FIREFOX_PREF_PATTERNS = ((re.compile(r"security\.ssl3\.[a-z0-9_]{1,64}"), _bool, "true or false"),)
"""Cipher-suite switches, one boolean pref per suite."""

CHROMIUM_ARGS = (
    re.compile(r"--ssl-version-(?:min|max)=tls1(?:\.[123])?"),
    re.compile(r"--cipher-suite-blacklist=0x[0-9a-fA-F]{4}(?:,0x[0-9a-fA-F]{4}){0,63}"),
)
"""Whole-argument patterns: TLS versions and disabled cipher suites."""


def firefox_pref_problem(name: str, value: PrefValue) -> str | None:
    """Why a scenario may not set this pref to this value, or None when it may."""
    rule = FIREFOX_PREFS.get(name)
    if rule is None:
        rule = next(
            (
                (check, want)
                for pattern, check, want in FIREFOX_PREF_PATTERNS
                if pattern.fullmatch(name)
            ),
            None,
        )
    if rule is None:
        allowed = ", ".join([*FIREFOX_PREFS, "security.ssl3.*"])
        return f"not a pref verification may set; allowed: {allowed}"
    check, want = rule
    return None if check(value) else f"expected {want}, got {value!r}"


def chromium_arg_problem(arg: str) -> str | None:
    if any(pattern.fullmatch(arg) for pattern in CHROMIUM_ARGS):
        return None
    return (
        f"{arg!r} is not an argument verification may pass; allowed: "
        "--ssl-version-min=/--ssl-version-max=tls1|tls1.1|tls1.2|tls1.3, "
        "--cipher-suite-blacklist=0xNNNN,..."
    )
