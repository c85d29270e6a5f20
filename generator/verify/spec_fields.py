"""The keys each table of a scenario file accepts, and the type checks on their values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.verify.spec import (
    DER_DAMAGES,
    EXTENDED_KEY_USAGES,
    HASHES,
    KEY_TYPES,
    KEY_USAGES,
    OCSP_STATUSES,
    RESPONDER_MODES,
    SERVER_KINDS,
    TLS_VERSIONS,
)


@dataclass(frozen=True, slots=True)
class Field:
    """One key: the kind of value, whether it must be present, and its allowed values."""

    kind: str
    """str, bool, int, number, date, strings (a list of strings), table, or tables."""
    required: bool = False
    choices: tuple[str, ...] = ()


TOP = {
    "description": Field("str", required=True),
    "host": Field("str", required=True),
    "chain": Field("strings", required=True),
    "trusted": Field("strings", required=True),
    "certificate": Field("tables", required=True),
    "ocsp": Field("table"),
    "tls": Field("table"),
    "firefox": Field("table"),
    "chromium": Field("table"),
    "expect": Field("table"),
    "server": Field("table"),
    "distrusted": Field("strings"),
    "hsts": Field("str"),
    "tests_disabled_algorithm": Field("bool"),
}
CERTIFICATE = {
    "name": Field("str", required=True),
    "subject": Field("str", required=True),
    "issuer": Field("str"),
    "key_type": Field("str", choices=KEY_TYPES),
    "key_size": Field("int"),
    "hash": Field("str", choices=HASHES),
    "not_before_days": Field("number"),
    "not_after_days": Field("number"),
    "san": Field("strings"),
    "basic_constraints": Field("bool"),
    "ca": Field("bool"),
    "path_length": Field("int"),
    "key_usage": Field("strings", choices=KEY_USAGES),
    "extended_key_usage": Field("strings", choices=EXTENDED_KEY_USAGES),
    "name_constraints": Field("table"),
    "must_staple": Field("bool"),
    "unknown_critical_extension": Field("bool"),
    "ocsp_url": Field("str"),
    "version": Field("int"),
    "outer_hash": Field("str", choices=HASHES),
    "not_before": Field("date"),
    "not_after": Field("date"),
    "corrupt_signature": Field("bool"),
}
NAME_CONSTRAINTS = {"permitted": Field("strings"), "excluded": Field("strings")}
OCSP = {
    "status": Field("str", required=True, choices=OCSP_STATUSES),
    "this_update_days": Field("number"),
    "next_update_days": Field("number"),
    "signer": Field("str"),
    "stapled": Field("bool"),
    "responder": Field("str", choices=RESPONDER_MODES),
}
TLS = {
    "min_version": Field("str", choices=TLS_VERSIONS),
    "max_version": Field("str", choices=TLS_VERSIONS),
    "ciphers": Field("str"),
    "client_certificate": Field("bool"),
}
SERVER = {
    "kind": Field("str", choices=SERVER_KINDS),
    "alert": Field("int"),
    "damage": Field("str", choices=DER_DAMAGES),
}
EXPECT = {"firefox": Field("str", required=True), "chromium": Field("str"), "openssl": Field("str")}
FIREFOX = {"prefs": Field("table")}
CHROMIUM = {"args": Field("strings")}

_KIND_NAMES = {
    "str": "a string",
    "bool": "true or false",
    "int": "a whole number",
    "number": "a number",
    "date": "a date such as 1946-02-14",
    "strings": "a list of strings",
    "table": "a table",
    "tables": "an array of tables ([[...]])",
}
_KIND_CHECKS: dict[str, Callable[[Any], bool]] = {
    "str": lambda v: isinstance(v, str),
    "bool": lambda v: isinstance(v, bool),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "date": lambda v: isinstance(v, dt.date) and not isinstance(v, dt.time),
    "strings": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "table": lambda v: isinstance(v, dict),
    "tables": lambda v: isinstance(v, list) and all(isinstance(x, dict) for x in v),
}


def field_problems(data: dict[str, Any], fields: dict[str, Field]) -> list[tuple[str, str]]:
    """(key, message) for each missing, unknown, mistyped or disallowed value."""
    found = [
        (key, "missing required key") for key, f in fields.items() if f.required and key not in data
    ]
    for key, value in data.items():
        field = fields.get(key)
        if field is None:
            found.append((key, f"unknown key; expected one of {', '.join(sorted(fields))}"))
        elif not _KIND_CHECKS[field.kind](value):
            found.append((key, f"expected {_KIND_NAMES[field.kind]}, got {value!r}"))
        elif field.choices:
            values = value if isinstance(value, list) else [value]
            for bad in [v for v in values if v not in field.choices]:
                found.append((key, f"expected one of {', '.join(field.choices)}, got {bad!r}"))
    return found
