"""Names as scenario files write them (RFC 4514 DNs, `DNS:`/`IP:` entries) made into x509 values."""

from __future__ import annotations

import ipaddress

from cryptography import x509


def parse_dn(text: str) -> x509.Name:
    """An RFC 4514 distinguished name; an empty string is the empty name."""
    try:
        return x509.Name.from_rfc4514_string(text)
    except ValueError as e:
        why = f" ({e})" if str(e) else ""
        raise ValueError(
            f"expected an RFC 4514 name such as 'CN=example.test,O=certwarn'{why}, got {text!r}"
        ) from e


def parse_general_name(entry: str) -> x509.GeneralName:
    """`DNS:example.test` or `IP:127.0.0.1`, as in a subjectAltName."""
    kind, value = _split(entry)
    if kind == "DNS":
        return x509.DNSName(value)
    try:
        return x509.IPAddress(ipaddress.ip_address(value))
    except ValueError as e:
        raise ValueError(f"not an IP address, got {value!r}") from e


def parse_subtree(entry: str) -> x509.GeneralName:
    """`DNS:.test` or `IP:10.0.0.0/8`, as in nameConstraints."""
    kind, value = _split(entry)
    if kind == "DNS":
        return x509.DNSName(value)
    try:
        return x509.IPAddress(ipaddress.ip_network(value))
    except ValueError as e:
        raise ValueError(f"not an IP network such as '10.0.0.0/8', got {value!r}") from e


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _split(entry: str) -> tuple[str, str]:
    kind, sep, value = entry.partition(":")
    if not sep or kind not in ("DNS", "IP") or not value:
        raise ValueError(f"expected 'DNS:<name>' or 'IP:<address>', got {entry!r}")
    return kind, value
