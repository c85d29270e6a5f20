"""Line numbers of keys and tables in a TOML text, which `tomllib` does not report."""

from __future__ import annotations

import re

_ARRAY_TABLE = re.compile(r"^\s*\[\[\s*([^\]]+?)\s*\]\]")
_TABLE = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
_KEY = re.compile(r'^\s*("[^"]*"|[A-Za-z0-9_.-]+)\s*=')

KeyPath = tuple[str, ...]


class TomlLines:
    """Where each key sits: paths like `("certificate", "1", "san")`, 1-based lines."""

    def __init__(self, text: str):
        self._lines: dict[KeyPath, int] = {}
        counts: dict[KeyPath, int] = {}
        table: KeyPath = ()
        for number, line in enumerate(text.splitlines(), start=1):
            if match := _ARRAY_TABLE.match(line):
                name = _split(match.group(1))
                index = counts.get(name, -1) + 1
                counts[name] = index
                self._lines.setdefault(name, number)
                table = (*name, str(index))
            elif match := _TABLE.match(line):
                table = _split(match.group(1))
            elif match := _KEY.match(line):
                key = _split(match.group(1))
                self._lines.setdefault((*table, *key), number)
                continue
            else:
                continue
            self._lines.setdefault(table, number)

    def line(self, *path: str) -> int | None:
        """The line of a key, or of its nearest enclosing table; None when none is known."""
        for end in range(len(path), 0, -1):
            if path[:end] in self._lines:
                return self._lines[path[:end]]
        return None


def _split(dotted: str) -> KeyPath:
    if dotted.startswith('"'):
        return (dotted.strip('"'),)
    return tuple(part.strip().strip('"') for part in dotted.split("."))
