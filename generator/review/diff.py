"""Unified diffs between a revision and the text currently published."""

from __future__ import annotations

import difflib

_NO_NEWLINE = "\n\\ No newline at end of file\n"


def unified_diff(old: str | None, new: str | None, path: str, labels: tuple[str, str]) -> str:
    """A `diff -u` style text; a missing side (unpublished, removed) counts as empty."""
    lines = difflib.unified_diff(
        _lines(old or ""),
        _lines(new or ""),
        fromfile=f"a/{path} ({labels[0]})",
        tofile=f"b/{path} ({labels[1]})",
    )
    return "".join(line if line.endswith("\n") else line + _NO_NEWLINE for line in lines)


def _lines(text: str) -> list[str]:
    """Lines split at newlines only: `splitlines` also splits at a carriage return or a
    form feed inside a line, and the diff would then show a line that is not in the file."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
