"""Checks on a parsed scenario file: keys and types first, then the rules across keys."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from generator.verify import spec_fields as fields
from generator.verify.browser_settings import chromium_arg_problem, firefox_pref_problem
from generator.verify.names import is_ip, parse_dn, parse_general_name, parse_subtree
from generator.verify.spec import (
    DER_DAMAGES,
    DISABLED_HASHES,
    EC_SIZES,
    LOCAL_RESPONDER,
    RSA_BITS,
    VERSIONS,
)

MAX_DAYS = 36500
"""Relative times stay within a hundred years of now, so every date can be encoded."""
EARLIEST = dt.date(1900, 1, 1)

KeyPath = tuple[str, ...]
Finding = tuple[KeyPath, str]
"""Where (a key path such as `("certificate", "0", "san")`) and what is wrong."""


def scenario_findings(data: dict[str, Any]) -> list[Finding]:
    """Everything wrong with a scenario file's data; empty when it can be built."""
    found = _shape(data)
    if not found:
        found += _certificate_rules(data["certificate"])
        found += _reference_rules(data)
        found += _ocsp_rules(data)
        found += _disabled_algorithm_rules(data)
        found += _server_rules(data)
        found += _browser_rules(data)
        if not (is_ip(data["host"]) or _is_host_name(data["host"])):
            found.append((("host",), f"expected a host name or IP address, got {data['host']!r}"))
    return found


def _shape(data: dict[str, Any]) -> list[Finding]:
    found: list[Finding] = [((k,), m) for k, m in fields.field_problems(data, fields.TOP)]
    for index, cert in enumerate(_tables(data.get("certificate"))):
        found += [
            (("certificate", str(index), k), m)
            for k, m in fields.field_problems(cert, fields.CERTIFICATE)
        ]
        if isinstance(cert.get("name_constraints"), dict):
            nc = fields.field_problems(cert["name_constraints"], fields.NAME_CONSTRAINTS)
            found += [(("certificate", str(index), "name_constraints", k), m) for k, m in nc]
    for section, schema in (
        ("ocsp", fields.OCSP),
        ("tls", fields.TLS),
        ("firefox", fields.FIREFOX),
        ("chromium", fields.CHROMIUM),
        ("server", fields.SERVER),
        ("expect", fields.EXPECT),
    ):
        if isinstance(data.get(section), dict):
            found += [((section, k), m) for k, m in fields.field_problems(data[section], schema)]
    prefs = (
        data.get("firefox", {}).get("prefs", {}) if isinstance(data.get("firefox"), dict) else {}
    )
    for name, value in prefs.items() if isinstance(prefs, dict) else ():
        if not isinstance(value, str | int | bool):
            found.append(
                (("firefox", "prefs", name), f"expected a string, number or boolean, got {value!r}")
            )
    return found


def _tables(value: Any) -> list[dict[str, Any]]:
    return [t for t in value if isinstance(t, dict)] if isinstance(value, list) else []


def _certificate_rules(certs: list[dict[str, Any]]) -> list[Finding]:
    found: list[Finding] = []
    seen: set[str] = set()
    for index, cert in enumerate(certs):
        at = ("certificate", str(index))
        if cert["name"] in seen:
            found.append(((*at, "name"), f"duplicate certificate name {cert['name']!r}"))
        seen.add(cert["name"])
        found += [((*at, key), message) for key, message in _value_rules(cert)]
    return found


def _value_rules(cert: dict[str, Any]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for key, parse, entries in (
        ("subject", parse_dn, [cert["subject"]]),
        ("san", parse_general_name, cert.get("san", [])),
        ("name_constraints", parse_subtree, _subtrees(cert)),
    ):
        for entry in entries:
            try:
                parse(entry)
            except ValueError as e:
                found.append((key, str(e)))
    size, key_type = cert.get("key_size"), cert.get("key_type", "ec")
    low, high = RSA_BITS
    if size is not None and key_type == "rsa" and not (low <= size <= high and size % 2 == 0):
        found.append(
            ("key_size", f"expected an even number of RSA bits from {low} to {high}, got {size!r}")
        )
    if size is not None and key_type == "ec" and size not in EC_SIZES:
        found.append(("key_size", f"expected an EC curve size of 256, 384 or 521, got {size!r}"))
    if "path_length" in cert and not (cert.get("ca") and cert["path_length"] >= 0):
        found.append(("path_length", "needs ca = true and a value of 0 or more"))
    elif cert.get("path_length", 0) > 64:
        found.append(("path_length", f"expected at most 64, got {cert['path_length']!r}"))
    if cert.get("version", 3) not in VERSIONS:
        found.append(("version", f"expected 1 or 3, got {cert['version']!r}"))
    if "outer_hash" in cert and cert["outer_hash"] == cert.get("hash", "sha256"):
        found.append(("outer_hash", "must differ from hash, or be left out"))
    for key in ("not_before_days", "not_after_days"):
        if key in cert and (problem := _days_problem(cert[key])):
            found.append((key, problem))
    for key in ("not_before", "not_after"):
        if key in cert and (problem := _date_problem(cert, key)):
            found.append((key, problem))
    return found


def _days_problem(value: float) -> str | None:
    if math.isfinite(value) and abs(value) <= MAX_DAYS:
        return None
    return f"expected a finite number of days from -{MAX_DAYS} to {MAX_DAYS}, got {value!r}"


def _date_problem(cert: dict[str, Any], key: str) -> str | None:
    if f"{key}_days" in cert:
        return f"give either {key} or {key}_days, not both"
    value = cert[key]
    day = value.date() if isinstance(value, dt.datetime) else value
    if day < EARLIEST:
        return f"expected a date from {EARLIEST.isoformat()} on, got {value}"
    return None


def _subtrees(cert: dict[str, Any]) -> list[str]:
    nc = cert.get("name_constraints", {})
    return [*nc.get("permitted", []), *nc.get("excluded", [])]


def _reference_rules(data: dict[str, Any]) -> list[Finding]:
    names = [c["name"] for c in data["certificate"]]
    found: list[Finding] = []
    for index, cert in enumerate(data["certificate"]):
        issuer = cert.get("issuer", cert["name"])
        if issuer not in names:
            found.append((("certificate", str(index), "issuer"), _unknown(issuer, names)))
    for key in ("chain", "trusted"):
        found += [((key,), _unknown(name, names)) for name in data[key] if name not in names]
    if not data["chain"]:
        found.append((("chain",), "expected at least the leaf certificate's name"))
    if not found and _has_cycle(data["certificate"]):
        found.append(
            (("certificate",), "issuers form a loop; every chain must end in a self-signed root")
        )
    return found


def _has_cycle(certs: list[dict[str, Any]]) -> bool:
    issuer_of = {c["name"]: c.get("issuer", c["name"]) for c in certs}
    for name in issuer_of:
        seen = {name}
        while issuer_of[name] != name:
            name = issuer_of[name]
            if name in seen:
                return True
            seen.add(name)
    return False


def _ocsp_rules(data: dict[str, Any]) -> list[Finding]:
    ocsp = data.get("ocsp")
    names = [c["name"] for c in data["certificate"]]
    uses_responder = any(c.get("ocsp_url") == LOCAL_RESPONDER for c in data["certificate"])
    responder = ocsp.get("responder", "none") if ocsp else "none"
    found: list[Finding] = []
    for key in ("this_update_days", "next_update_days"):
        if ocsp and key in ocsp and (problem := _days_problem(ocsp[key])):
            found.append((("ocsp", key), problem))
    if ocsp and ocsp.get("signer") is not None and ocsp["signer"] not in names:
        found.append((("ocsp", "signer"), _unknown(ocsp["signer"], names)))
    if uses_responder and responder == "none":
        found.append(
            (
                ("ocsp",),
                f"a certificate has ocsp_url = {LOCAL_RESPONDER!r}, so [ocsp] needs "
                "responder = 'same' or 'http-500'",
            )
        )
    if responder != "none" and not uses_responder:
        found.append(
            (
                ("ocsp", "responder"),
                f"the responder runs but no certificate has ocsp_url = {LOCAL_RESPONDER!r}",
            )
        )
    for index, cert in enumerate(data["certificate"]):
        url = cert.get("ocsp_url")
        if url is not None and url != LOCAL_RESPONDER and not url.startswith("http://"):
            found.append(
                (
                    ("certificate", str(index), "ocsp_url"),
                    f"expected {LOCAL_RESPONDER!r} or an http:// URL, got {url!r}",
                )
            )
    return found


def _disabled_algorithm_rules(data: dict[str, Any]) -> list[Finding]:
    """SHA-1 and MD5 only where the scenario says it tests a disabled algorithm; MD5 and
    SHA-1 need a signer that has such a signature algorithm (MD5: RSA only)."""
    declared = data.get("tests_disabled_algorithm", False)
    key_types = {c["name"]: c.get("key_type", "ec") for c in data["certificate"]}
    found: list[Finding] = []
    used = False
    for index, cert in enumerate(data["certificate"]):
        for key in ("hash", "outer_hash"):
            name = cert.get(key)
            if name not in DISABLED_HASHES:
                continue
            used = True
            at = ("certificate", str(index), key)
            signer = key_types.get(cert.get("issuer", cert["name"]), "ec")
            if not declared:
                found.append(
                    (at, f"{name!r} is a disabled algorithm; it is allowed only in a scenario "
                     "that declares tests_disabled_algorithm = true")
                )  # fmt: skip
            elif signer != "rsa" and (name == "md5" or signer == "ed25519"):
                found.append((at, f"an {signer} key cannot sign with {name}; use an RSA issuer"))
    if declared and not used:
        found.append(
            (("tests_disabled_algorithm",), "no certificate uses md5 or sha1; remove this key")
        )
    return found


def _server_rules(data: dict[str, Any]) -> list[Finding]:
    server, names = data.get("server", {}), [c["name"] for c in data["certificate"]]
    kind = server.get("kind", "tls")
    found: list[Finding] = []
    if kind == "alert" and not 0 <= server.get("alert", -1) <= 255:
        found.append((("server", "alert"), "an alert server needs alert = 0 to 255"))
    if kind != "alert" and "alert" in server:
        found.append((("server", "alert"), "only a server of kind = 'alert' sends an alert"))
    if kind == "bad-der" and "damage" not in server:
        found.append((("server",), f"a bad-der server needs damage = {' or '.join(DER_DAMAGES)}"))
    if kind != "bad-der" and "damage" in server:
        found.append((("server", "damage"), "only a server of kind = 'bad-der' damages DER"))
    for name in data.get("distrusted", []):
        if name not in names:
            found.append((("distrusted",), _unknown(name, names)))
    if "hsts" in data:
        if data["hsts"] not in names:
            found.append((("hsts",), _unknown(data["hsts"], names)))
        if is_ip(data["host"]):
            found.append((("hsts",), "IP addresses are never HSTS hosts; use a host name"))
    return found


_EXPECT_FORMS = {
    "firefox": (
        re.compile(r"OK|[A-Z][A-Z0-9_]{2,80}"),
        "OK or a code such as SEC_ERROR_UNKNOWN_ISSUER",
    ),
    "chromium": (
        re.compile(r"OK|NET::ERR_[A-Z0-9_]{2,80}"),
        "OK or a code such as NET::ERR_CERT_INVALID",
    ),
    "openssl": (
        re.compile(r"OK|X509_V_ERR_[A-Z0-9_]{2,80}"),
        "OK or a code such as X509_V_ERR_CERT_REVOKED",
    ),
}


def _browser_rules(data: dict[str, Any]) -> list[Finding]:
    found: list[Finding] = []
    for oracle, value in data.get("expect", {}).items():
        form, example = _EXPECT_FORMS[oracle]
        if not form.fullmatch(value):
            found.append((("expect", oracle), f"expected {example}, got {value!r}"))
    for name, value in data.get("firefox", {}).get("prefs", {}).items():
        if problem := firefox_pref_problem(name, value):
            found.append((("firefox", "prefs", name), problem))
    for arg in data.get("chromium", {}).get("args", []):
        if problem := chromium_arg_problem(arg):
            found.append((("chromium", "args"), problem))
    return found


def _unknown(name: str, names: list[str]) -> str:
    return f"no certificate named {name!r}; expected one of {', '.join(names)}"


def _is_host_name(host: str) -> bool:
    labels = host.split(".")
    return all(label and label.replace("-", "").isalnum() and label.isascii() for label in labels)
