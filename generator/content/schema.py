"""Front-matter schemas for codes and articles: required keys, types, allowed values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.content.frontmatter import FrontMatter
from generator.errors import Problem

CATEGORIES = (
    "certificate",
    "domain",
    "time",
    "ocsp",
    "policy",
    "interception",
    "connection",
    "client-certificate",
)
CODE_PATTERN = re.compile(r"^[A-Z][A-Z0-9_]+$")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Field:
    """One front-matter key: its type, whether it is required, and its allowed values."""

    kind: str
    """str, bool, int, list, or mapping."""
    required: bool = True
    choices: tuple[str, ...] = ()


CODE_FIELDS = {
    "code": Field("str"),
    "title": Field("str"),
    "summary": Field("str"),
    "category": Field("str", choices=CATEGORIES),
    "overridable": Field("bool"),
    "equivalents": Field("mapping", required=False),
    "related": Field("list", required=False),
    "scenario": Field("str", required=False),
    "unreproducible": Field("str", required=False),
    "historical": Field("mapping", required=False),
    "rank": Field("int", required=False),
}
ARTICLE_FIELDS = {
    "title": Field("str"),
    "summary": Field("str"),
    "order": Field("int", required=False),
}
STEP_FIELDS: dict[str, Field] = {}
EQUIVALENT_KEYS = ("chromium", "openssl")
HISTORICAL_KEYS = ("first", "last")
"""`historical`: the first and (optionally) the last Firefox major version that showed the code."""
TRANSLATABLE = ("title", "summary", "unreproducible")

_PYTHON_TYPES: dict[str, type] = {
    "str": str,
    "bool": bool,
    "int": int,
    "list": list,
    "mapping": dict,
}
_TYPE_NAMES = {
    "str": "a string",
    "bool": "true or false",
    "int": "a whole number",
    "list": "a list",
    "mapping": "a mapping",
}


def check_fields(front: FrontMatter, fields: dict[str, Field], path: str) -> list[Problem]:
    """Problems with required keys, unknown keys, types and choices; empty when all is well."""
    problems: list[Problem] = []
    first_line = 2 if front.end_line else 1
    for key, spec in fields.items():
        if spec.required and key not in front.data:
            problems.append(Problem(f"missing required key {key!r}", path, first_line))
    for key, value in front.data.items():
        line = front.key_lines.get(str(key), first_line)
        known = fields.get(str(key))
        if known is None:
            expected = "this file takes no front matter"
            if fields:
                expected = f"expected one of: {', '.join(fields)}"
            problems.append(Problem(f"unknown key {key!r}; {expected}", path, line))
        elif message := _value_problem(known, value):
            problems.append(Problem(f"{key}: {message}", path, line))
    return problems


def _value_problem(spec: Field, value: Any) -> str | None:
    python_type = _PYTHON_TYPES[spec.kind]
    wrong_bool = isinstance(value, bool) and spec.kind != "bool"
    if not isinstance(value, python_type) or wrong_bool:
        return f"expected {_TYPE_NAMES[spec.kind]}, got {value!r}"
    if isinstance(value, str) and not value.strip():
        return "must not be empty"
    if spec.choices and value not in spec.choices:
        return f"expected one of {', '.join(spec.choices)}, got {value!r}"
    return None


def check_code_rules(front: FrontMatter, stem: str, path: str) -> list[Problem]:
    """Rules across keys of a code page: name, equivalents, scenario xor unreproducible, history."""
    data, lines = front.data, front.key_lines
    problems: list[Problem] = []
    code = data.get("code")
    if isinstance(code, str) and code != stem:
        problems.append(
            Problem(
                f"code must match the file name {stem!r}, got {code!r}", path, lines.get("code")
            )
        )
    if ("scenario" in data) == ("unreproducible" in data):
        problems.append(
            Problem(
                "expected exactly one of 'scenario' (a verification scenario id) or "
                "'unreproducible' (why none can exist)",
                path,
                2,
            )
        )
    equivalents = data.get("equivalents")
    if isinstance(equivalents, dict):
        problems += _equivalent_problems(equivalents, path, lines.get("equivalents"))
    historical = data.get("historical")
    if isinstance(historical, dict):
        problems += _historical_problems(data, historical, path, lines.get("historical"))
    related = data.get("related", [])
    if isinstance(related, list) and not all(isinstance(r, str) for r in related):
        problems.append(
            Problem(
                f"related: expected a list of codes, got {related!r}", path, lines.get("related")
            )
        )
    return problems


def _equivalent_problems(equivalents: dict[Any, Any], path: str, line: int | None) -> list[Problem]:
    problems = []
    for key, value in equivalents.items():
        if key not in EQUIVALENT_KEYS:
            expected = ", ".join(EQUIVALENT_KEYS)
            problems.append(
                Problem(f"equivalents: unknown key {key!r}; expected {expected}", path, line)
            )
        elif not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(
                Problem(f"equivalents.{key}: expected a list of codes, got {value!r}", path, line)
            )
    return problems


def _historical_problems(
    data: dict[Any, Any], historical: dict[Any, Any], path: str, line: int | None
) -> list[Problem]:
    """A historical code names the versions that showed it, and is not bypassable today."""
    unknown = [k for k in historical if k not in HISTORICAL_KEYS]
    if unknown:
        expected = ", ".join(HISTORICAL_KEYS)
        return [Problem(f"historical: unknown key {unknown[0]!r}; expected {expected}", path, line)]
    versions = [historical.get(k) for k in HISTORICAL_KEYS if k in historical]
    if "first" not in historical or not all(_is_version(v) for v in versions):
        message = "historical: expected Firefox versions such as {first: 60, last: 115}"
        return [Problem(f"{message}, got {historical!r}", path, line)]
    if historical.get("last", historical["first"]) < historical["first"]:
        return [Problem(f"historical: last comes before first, got {historical!r}", path, line)]
    if data.get("overridable") is True:
        message = "historical codes are not shown by current Firefox, so overridable must be false"
        return [Problem(message, path, line)]
    return []


def _is_version(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0
