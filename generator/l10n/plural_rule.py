"""A catalog's `Plural-Forms` header, checked before anything evaluates it."""

from __future__ import annotations

import gettext as stdlib_gettext
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from generator.errors import CatalogError

MAX_PLURALS = 6
"""No language has more (Arabic: zero, one, two, few, many, other)."""
PROBES = (*range(0, 1000), 1_000_000, 10**9)
"""The numbers a rule is tried on: every form a language uses shows up below 1000."""
_HEADER = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")


@dataclass(frozen=True, slots=True)
class PluralRule:
    """`nplurals=2; plural=(n != 1);` as a form count and a function from n to a form."""

    num_plurals: int
    expression: str
    choose: Callable[[int], int]


DEFAULT = PluralRule(2, "(n != 1)", lambda n: int(n != 1))


def parse_plural_forms(value: str, path: str | None = None, line: int | None = None) -> PluralRule:
    """Check a `Plural-Forms` value; CatalogError at the header line when it cannot be used."""
    rule = _checked(value)
    if isinstance(rule, str):
        raise CatalogError(rule, path, line)
    return rule


@cache
def _checked(value: str) -> PluralRule | str:
    """The rule, or what is wrong with it (every locale's catalogs share a few values)."""
    try:
        return _parse(value)
    except CatalogError as e:
        return e.message


def _parse(value: str, path: str | None = None, line: int | None = None) -> PluralRule:
    match = _HEADER.match(value)
    if match is None:
        raise CatalogError(
            f"Plural-Forms: expected 'nplurals=N; plural=EXPRESSION;', got {value!r}", path, line
        )
    count, expression = int(match.group(1)), match.group(2)
    if not 1 <= count <= MAX_PLURALS:
        message = f"Plural-Forms: nplurals must be 1 to {MAX_PLURALS}, got {count}"
        raise CatalogError(message, path, line)
    try:
        choose = stdlib_gettext.c2py(expression)
    except (ValueError, RecursionError, SyntaxError) as e:
        raise CatalogError(
            f"Plural-Forms: not a valid plural expression: {expression!r}", path, line
        ) from e
    for n in PROBES:
        try:
            form = choose(n)
        except (ArithmeticError, RecursionError, TypeError, ValueError) as e:
            message = f"Plural-Forms: plural={expression} fails for n={n}: {e}"
            raise CatalogError(message, path, line) from e
        if not 0 <= form < count:
            message = f"Plural-Forms: plural={expression} gives form {form} for n={n}"
            raise CatalogError(f"{message}; expected 0 to {count - 1}", path, line)
    return PluralRule(count, expression, choose)
