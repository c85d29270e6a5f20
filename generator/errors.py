"""The one error type users see, its subclasses, and non-fatal problems."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.terminal import printable, printable_lines


class CertwarnError(Exception):
    """An error a user can cause; the command line prints it as `path:line: message`."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        return format_location(self.path, self.line, self.message)


class ConfigError(CertwarnError):
    """The site configuration or a theme's settings are wrong."""


class ContentError(CertwarnError):
    """A Markdown source, its front matter, or a reference in it is wrong."""


class CatalogError(CertwarnError):
    """A gettext catalog cannot be read or written."""


class ReviewError(CertwarnError):
    """The review store, a signature or a reviewer's rights do not hold."""


class VerifyError(CertwarnError):
    """A verification scenario is wrong or could not be carried out."""


class ProblemsError(CertwarnError):
    """Several problems found together; each is printed on its own line."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding reported together with others instead of stopping at the first."""

    message: str
    """What is wrong, what was expected, and what was found."""
    path: str | None = None
    """The file the problem is in, relative to the project."""
    line: int | None = None
    """1-based line in that file, when known."""

    def __str__(self) -> str:
        return format_location(self.path, self.line, self.message)

    def sort_key(self) -> tuple[str, int, str]:
        return (self.path or "", self.line or 0, self.message)


def format_location(path: str | None, line: int | None, message: str) -> str:
    """`path:line: message` as a terminal may show it: control characters in the path (a file
    name is content) and in the message (it quotes content) are escaped, never obeyed."""
    message = printable_lines(message)
    if path is None:
        return message
    if line is None:
        return f"{printable(path)}: {message}"
    return f"{printable(path)}:{line}: {message}"


def decode_utf8(data: bytes, path: str, error: type[CertwarnError] = CertwarnError) -> str:
    """A file's text; `error` at the line of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise error(f"not valid UTF-8: got byte {data[e.start]:#04x}", path, line) from e


def raise_problems(problems: list[Problem]) -> None:
    """Raise one error that lists every problem, or return when there are none."""
    if problems:
        raise ProblemsError(problems)
