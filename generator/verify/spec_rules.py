"""Checks on a parsed scenario file: keys and types first, then the rules across keys."""

from __future__ import annotations

from typing import Any

from generator.verify import spec_fields as fields
from generator.verify.names import is_ip, parse_dn, parse_general_name, parse_subtree
from generator.verify.spec import EC_SIZES, LOCAL_RESPONDER

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
    if size is not None and key_type == "rsa" and not 1024 <= size <= 8192:
        found.append(("key_size", f"expected RSA bits between 1024 and 8192, got {size!r}"))
    if size is not None and key_type == "ec" and size not in EC_SIZES:
        found.append(("key_size", f"expected an EC curve size of 256, 384 or 521, got {size!r}"))
    if "path_length" in cert and not (cert.get("ca") and cert["path_length"] >= 0):
        found.append(("path_length", "needs ca = true and a value of 0 or more"))
    return found


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


def _unknown(name: str, names: list[str]) -> str:
    return f"no certificate named {name!r}; expected one of {', '.join(names)}"


def _is_host_name(host: str) -> bool:
    labels = host.split(".")
    return all(label and label.replace("-", "").isalnum() and label.isascii() for label in labels)
