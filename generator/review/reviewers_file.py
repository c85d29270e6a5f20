"""`content/_review/reviewers.toml`: the reviewer list as people read and propose it.

The file is a proposal until administrators sign it (`certwarn review trust sign`); the
build checks that it says what the signed trust root says.
"""

from __future__ import annotations

import re
import tomllib
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from generator.errors import Problem, ReviewError, decode_utf8, raise_problems
from generator.review.clock import in_utc
from generator.review.files import read_store_file
from generator.review.keys import NAME, parse_public_key
from generator.review.reviewers import Reviewer, Roster

_REVIEWER_KEYS = {"key", "locales", "ready_for_localization", "retired", "revoked"}


def load_roster(path: Path, shown: str) -> Roster:
    """Read and check the reviewers file; a missing file lists nobody."""
    data = read_store_file(path, shown)
    if data is None:
        return Roster(shown, {})
    text = decode_utf8(data, shown, ReviewError)
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ReviewError(f"not valid TOML: {e}", shown, getattr(e, "lineno", None)) from e
    except RecursionError as e:
        raise ReviewError("not valid TOML: nested too deeply", shown) from e
    problems: list[Problem] = []
    roster = _roster(table, text, shown, problems)
    raise_problems(problems)
    return roster


def _roster(data: dict[str, Any], text: str, shown: str, problems: list[Problem]) -> Roster:
    lines = _table_lines(data, text)
    if unknown := sorted(set(data) - {"trust", "admins", "reviewers"}):
        expected = "expected [trust], [admins.NAME] and [reviewers.NAME]"
        problems.append(Problem(f"unknown tables {unknown}; {expected}", shown, None))
    reviewers = {}
    for name, entry in _tables(data, "reviewers", shown, problems).items():
        reviewer = _reviewer(name, entry, shown, lines.get(f"reviewers.{name}"), problems)
        if reviewer is not None:
            reviewers[name] = reviewer
    admins = _admins(_tables(data, "admins", shown, problems), shown, lines, problems)
    threshold = _threshold(data.get("trust", {}), len(admins), shown, lines.get("trust"), problems)
    return Roster(shown, reviewers, admins, threshold, lines)


def _table_lines(data: dict[str, Any], text: str) -> dict[str, int]:
    """`trust`, `admins.NAME`, `reviewers.NAME` -> the line of its table header."""
    names = ["trust"]
    for section in ("admins", "reviewers"):
        table = data.get(section)
        names += [f"{section}.{name}" for name in table] if isinstance(table, dict) else []
    found = {name: _line_of(text, name) for name in names}
    return {name: line for name, line in found.items() if line}


def _admins(
    tables: dict[str, dict[str, Any]], shown: str, lines: dict[str, int], problems: list[Problem]
) -> dict[str, str]:
    admins = {}
    for name, entry in tables.items():
        line = lines.get(f"admins.{name}")
        if extra := sorted(set(entry) - {"key"}):
            problems.append(
                Problem(f"admin {name!r}: unknown keys {extra}; expected ['key']", shown, line)
            )
        key = _key(f"admin {name!r}", entry.get("key"), shown, line, problems)
        if key is not None:
            admins[name] = key
    return admins


def _tables(
    data: dict[str, Any], section: str, shown: str, problems: list[Problem]
) -> dict[str, dict[str, Any]]:
    table = data.get(section, {})
    if not isinstance(table, dict):
        problems.append(Problem(f"[{section}]: expected tables [{section}.NAME]", shown, None))
        return {}
    found = {}
    for name, entry in table.items():
        if not NAME.match(name):
            message = f"{section} name: expected letters, digits, '.', '_' or '-', got {name!r}"
            problems.append(Problem(message, shown, None))
        elif isinstance(entry, dict):
            found[name] = entry
        else:
            message = f"{section} {name!r}: expected a table [{section}.{name}], got {entry!r}"
            problems.append(Problem(message, shown, None))
    return found


def _reviewer(
    name: str, entry: dict[str, Any], shown: str, line: int | None, problems: list[Problem]
) -> Reviewer | None:
    where = f"reviewer {name!r}"
    found: list[str] = []
    if extra := sorted(set(entry) - _REVIEWER_KEYS):
        found.append(f"{where}: unknown keys {extra}; expected {sorted(_REVIEWER_KEYS)}")
    locales = entry.get("locales", [])
    if not isinstance(locales, str | list) or not all(isinstance(t, str) for t in locales):
        found.append(f'{where}: locales: expected "*" or a list of locale tags, got {locales!r}')
    ready = entry.get("ready_for_localization", False)
    if not isinstance(ready, bool):
        found.append(f"{where}: ready_for_localization: expected true or false, got {ready!r}")
    moments = {k: _moment(entry.get(k), f"{where}: {k}", found) for k in ("retired", "revoked")}
    problems.extend(Problem(message, shown, line) for message in found)
    key = _key(where, entry.get("key"), shown, line, problems)
    if found or key is None:
        return None
    return Reviewer(
        name,
        key,
        (locales,) if isinstance(locales, str) else tuple(locales),
        ready,
        moments["retired"],
        moments["revoked"],
    )


def _key(where: str, key: Any, shown: str, line: int | None, problems: list[Problem]) -> str | None:
    try:
        parse_public_key(key if isinstance(key, str) else repr(key))
    except ValueError as e:
        problems.append(Problem(f"{where}: key: {e}", shown, line))
        return None
    return str(key)


def _moment(value: Any, where: str, found: list[str]) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime) and value.tzinfo is not None:
        try:
            return in_utc(value)
        except ValueError as e:
            found.append(f"{where}: {e}")
            return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime.combine(value, time(), UTC)
    found.append(f"{where}: expected a date or a time with its UTC offset, got {value!r}")
    return None


def _threshold(
    trust: Any, admins: int, shown: str, line: int | None, problems: list[Problem]
) -> int:
    value = trust.get("threshold", 1) if isinstance(trust, dict) else trust
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= max(admins, 1):
        problems.append(
            Problem(
                f"[trust] threshold: expected a whole number from 1 to the "
                f"{admins} administrators, got {value!r}",
                shown,
                line,
            )
        )
        return 1
    return value


def _line_of(text: str, table: str) -> int:
    """The 1-based line of `[table]` (0 when absent)."""
    parts = [rf"(?:\"{re.escape(p)}\"|{re.escape(p)})" for p in table.split(".", 1)]
    pattern = r"^[ \t]*\[[ \t]*" + r"[ \t]*\.[ \t]*".join(parts) + r"[ \t]*\]"
    match = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 0
