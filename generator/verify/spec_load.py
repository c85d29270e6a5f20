"""Reading `content/scenarios/<id>.toml` into a `Scenario`, with role-based defaults."""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from pathlib import Path
from typing import Any

from generator.errors import Problem, VerifyError
from generator.safe_paths import read_regular
from generator.verify.spec import (
    CertSpec,
    NameConstraintsSpec,
    OcspSpec,
    Scenario,
    ServerSpec,
    TlsSpec,
)
from generator.verify.spec_rules import scenario_findings
from generator.verify.toml_lines import TomlLines

SCENARIO_DIR = "content/scenarios"
SCENARIO_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""Kebab-case, named after the condition; nothing that could name another path."""
MAX_SPEC_BYTES = 256 * 1024
MAX_NESTING = 16
"""Arrays and inline tables nested deeper than this are refused before parsing."""


class SpecProblems(VerifyError):
    """Several problems in one scenario file; each is printed on its own line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        first = self.problems[0]
        super().__init__(first.message, first.path, first.line)

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def scenario_ids(root: Path) -> list[str]:
    """Every scenario id in the project, sorted."""
    return sorted(p.stem for p in (root / SCENARIO_DIR).glob("*.toml"))


def id_problem(scenario_id: str) -> str | None:
    """Why a string cannot be a scenario id, or None."""
    if SCENARIO_ID.fullmatch(scenario_id) and len(scenario_id) <= 80:
        return None
    example = "such as 'expired-certificate'"
    return f"scenario id {scenario_id!r} must be kebab-case letters and digits, {example}"


def load_scenario(root: Path, scenario_id: str) -> Scenario:
    """Read and validate one scenario; every problem in it is reported at once."""
    rel = f"{SCENARIO_DIR}/{scenario_id}.toml"
    if problem := id_problem(scenario_id):
        raise VerifyError(problem, SCENARIO_DIR)
    if not os.path.lexists(root / rel):
        found = ", ".join(scenario_ids(root)) or "none"
        raise VerifyError(f"no scenario {scenario_id!r}; looked for {rel} (found: {found})", rel)
    # the path policy: a regular file, never a link (even inside), a FIFO or a folder; bounded
    data = read_regular(root, rel, limit=MAX_SPEC_BYTES, links=False, error=VerifyError)
    return parse_scenario(scenario_id, rel, data)


def parse_scenario(scenario_id: str, rel: str, source: str | bytes) -> Scenario:
    text = _decoded(source, rel)
    if (deep := _too_deep(text)) is not None:
        raise VerifyError(f"nested more than {MAX_NESTING} levels deep", rel, deep)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise VerifyError(f"not valid TOML: {e}", rel, _toml_error_line(e, text)) from e
    findings = scenario_findings(data)
    if findings:
        lines = TomlLines(text)
        raise SpecProblems(
            [Problem(f"{_dotted(at)}: {msg}", rel, lines.line(*at)) for at, msg in findings]
        )
    return _scenario(scenario_id, rel, data)


def _decoded(source: str | bytes, rel: str) -> str:
    if isinstance(source, str):
        return source
    try:
        return source.decode("utf-8")
    except UnicodeDecodeError as e:
        line = source.count(b"\n", 0, e.start) + 1
        raise VerifyError(
            f"not UTF-8: byte 0x{source[e.start]:02x} cannot be decoded", rel, line
        ) from e


def _too_deep(text: str) -> int | None:
    """The line where brackets or braces nest past MAX_NESTING, ignoring quoted text."""
    depth, quote, line = 0, "", 1
    for index, char in enumerate(text):
        if char == "\n":
            line += 1
        if quote:
            if char == quote and text[index - 1] != "\\":
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            quote = "\n"
        elif char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                return line
        elif char in "]}":
            depth = max(0, depth - 1)
    return None


def _toml_error_line(error: tomllib.TOMLDecodeError, text: str) -> int | None:
    """tomllib (before Python 3.14) gives the line only inside its message."""
    if match := re.search(r"at line (\d+)", str(error)):
        return int(match.group(1))
    return text.count("\n") + 1 if "end of document" in str(error) else None


def _dotted(at: tuple[str, ...]) -> str:
    return "".join(f"[{part}]" if part.isdigit() else f".{part}" for part in at).lstrip(".")


def _scenario(scenario_id: str, rel: str, data: dict[str, Any]) -> Scenario:
    issuers = {
        c.get("issuer") for c in data["certificate"] if c.get("issuer", c["name"]) != c["name"]
    }
    leaf = data["chain"][0]
    tls = data.get("tls", {})
    return Scenario(
        id=scenario_id,
        path=rel,
        description=data["description"],
        host=data["host"],
        certificates=tuple(
            _cert(c, c["name"] in issuers, c["name"] == leaf) for c in data["certificate"]
        ),
        chain=tuple(data["chain"]),
        trusted=tuple(data["trusted"]),
        ocsp=_ocsp(data["ocsp"], data["certificate"], leaf) if "ocsp" in data else None,
        tls=TlsSpec(
            tls.get("min_version", "1.2"),
            tls.get("max_version", "1.3"),
            tls.get("ciphers"),
            tls.get("client_certificate", False),
        ),
        firefox_prefs=tuple(sorted(data.get("firefox", {}).get("prefs", {}).items())),
        chromium_args=tuple(data.get("chromium", {}).get("args", ())),
        expect=tuple(data.get("expect", {}).items()),
        server=ServerSpec(**data.get("server", {})),
        distrusted=tuple(data.get("distrusted", ())),
        hsts=data.get("hsts"),
        tests_disabled_algorithm=data.get("tests_disabled_algorithm", False),
    )


def _cert(data: dict[str, Any], is_ca: bool, is_leaf: bool) -> CertSpec:
    key_type = data.get("key_type", "ec")
    nc = data.get("name_constraints")
    return CertSpec(
        name=data["name"],
        subject=data["subject"],
        issuer=data.get("issuer", data["name"]),
        key_type=key_type,
        key_size=data.get("key_size", 2048 if key_type == "rsa" else 256),
        hash=data.get("hash", "sha256"),
        not_before_days=data.get("not_before_days", -30 if is_ca else -1),
        not_after_days=data.get("not_after_days", 3650 if is_ca else 90),
        san=tuple(data.get("san", ())),
        ca=data.get("ca", is_ca) if data.get("basic_constraints", True) else None,
        path_length=data.get("path_length"),
        key_usage=tuple(data.get("key_usage", _default_key_usage(is_ca, key_type))),
        extended_key_usage=tuple(
            data.get("extended_key_usage", ["server_auth"] if is_leaf else [])
        ),
        name_constraints=NameConstraintsSpec(
            tuple(nc.get("permitted", ())), tuple(nc.get("excluded", ()))
        )
        if nc
        else None,
        must_staple=data.get("must_staple", False),
        unknown_critical_extension=data.get("unknown_critical_extension", False),
        ocsp_url=data.get("ocsp_url"),
        version=data.get("version", 3),
        outer_hash=data.get("outer_hash"),
        not_before=_moment(data.get("not_before")),
        not_after=_moment(data.get("not_after")),
        corrupt_signature=data.get("corrupt_signature", False),
    )


def _moment(value: dt.date | None) -> dt.datetime | None:
    """A TOML date (midnight UTC) or date-time (UTC when it gives no offset)."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _default_key_usage(is_ca: bool, key_type: str) -> list[str]:
    if is_ca:
        return ["key_cert_sign", "crl_sign"]
    return ["digital_signature", "key_encipherment"] if key_type == "rsa" else ["digital_signature"]


def _ocsp(data: dict[str, Any], certs: list[dict[str, Any]], leaf: str) -> OcspSpec:
    leaf_issuer = next(c.get("issuer", c["name"]) for c in certs if c["name"] == leaf)
    return OcspSpec(
        status=data["status"],
        this_update_days=data.get("this_update_days", 0),
        next_update_days=data.get("next_update_days", 7),
        signer=data.get("signer", leaf_issuer),
        stapled=data.get("stapled", True),
        responder=data.get("responder", "none"),
    )
