"""The trust root `content/_review/reviewers.toml`: who may review which locales, by key."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.atomic import write_atomic
from generator.errors import Problem, ReviewError, raise_problems
from generator.review.keys import parse_public_key

ALL_LOCALES = "*"
_KEYS = {"key", "locales", "ready_for_localization"}


@dataclass(frozen=True, slots=True)
class Reviewer:
    """One entry of the reviewers file."""

    name: str
    key: str
    """Public key, `ed25519:<base64>`."""
    locales: tuple[str, ...]
    """Locales this reviewer may decide on; `("*",)` for all."""
    ready_for_localization: bool
    """May this reviewer mark source revisions ready for localization."""

    def may_review(self, locale: str) -> bool:
        wanted = normalize_locale(locale)
        return any(tag == ALL_LOCALES or normalize_locale(tag) == wanted for tag in self.locales)


@dataclass(frozen=True, slots=True)
class Roster:
    """All reviewers, by name, and where they are listed."""

    path: str
    """The reviewers file as messages show it."""
    reviewers: Mapping[str, Reviewer]

    def by_key(self, key: str) -> Reviewer | None:
        return next((r for r in self.reviewers.values() if r.key == key), None)


def normalize_locale(tag: str) -> str:
    """Compare `pt_BR`, `pt-BR` and `pt-br` as one locale."""
    return tag.replace("_", "-").lower()


def load_roster(path: Path, shown: str) -> Roster:
    """Read and check the reviewers file; a missing file lists nobody."""
    if not path.exists():
        return Roster(shown, {})
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ReviewError(f"not valid TOML: {e}", shown, getattr(e, "lineno", None)) from e
    problems: list[Problem] = []
    table = data.get("reviewers", {})
    unknown = sorted(set(data) - {"reviewers"})
    if unknown or not isinstance(table, dict):
        problems.append(Problem("expected only [reviewers.NAME] tables", shown, None))
        table = {}
    reviewers = {}
    for name, entry in table.items():
        found = _entry_problems(name, entry)
        problems.extend(Problem(message, shown, _line_of(text, name)) for message in found)
        if not found:
            locales = entry.get("locales", [])
            reviewers[name] = Reviewer(
                name,
                entry["key"],
                (locales,) if isinstance(locales, str) else tuple(locales),
                entry.get("ready_for_localization", False),
            )
    raise_problems(problems)
    return Roster(shown, reviewers)


def _entry_problems(name: str, entry: Any) -> list[str]:
    where = f"reviewer {name!r}"
    if not isinstance(entry, dict):
        return [f"{where}: expected a table, got {entry!r}"]
    problems = []
    if extra := sorted(set(entry) - _KEYS):
        problems.append(f"{where}: unknown keys {extra}; expected {sorted(_KEYS)}")
    key = entry.get("key")
    try:
        parse_public_key(key if isinstance(key, str) else repr(key))
    except ValueError as e:
        problems.append(f"{where}: key: {e}")
    locales = entry.get("locales", [])
    if not isinstance(locales, str | list) or not all(isinstance(t, str) for t in locales):
        problems.append(f'{where}: locales: expected "*" or a list of locale tags, got {locales!r}')
    ready = entry.get("ready_for_localization", False)
    if not isinstance(ready, bool):
        problems.append(f"{where}: ready_for_localization: expected true or false, got {ready!r}")
    return problems


def _line_of(text: str, name: str) -> int | None:
    pattern = rf"^[ \t]*\[[ \t]*reviewers\.(\"{re.escape(name)}\"|{re.escape(name)})[ \t]*\]"
    match = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def reviewer_entry(name: str, key: str, locales: list[str], source_locale: str) -> str:
    """The TOML table that lists a reviewer; only source reviewers mark ready for localization."""
    shown = '"*"' if not locales else "[" + ", ".join(f'"{tag}"' for tag in locales) + "]"
    ready = Reviewer(name, key, tuple(locales) or (ALL_LOCALES,), False).may_review(source_locale)
    return (
        f'[reviewers.{name}]\nkey = "{key}"\nlocales = {shown}\n'
        f"ready_for_localization = {'true' if ready else 'false'}\n"
    )


def add_reviewer(path: Path, shown: str, name: str, entry: str) -> None:
    """Append a reviewer's table to the reviewers file, which must not list them yet."""
    check_unlisted(path, shown, name)
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    separator = "\n" if old and not old.endswith("\n\n") else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, (old + separator + entry).encode("utf-8"))


def check_unlisted(path: Path, shown: str, name: str) -> None:
    if name in load_roster(path, shown).reviewers:
        raise ReviewError(f"reviewer {name!r} is listed already; edit the file instead", shown)
