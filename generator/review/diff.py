"""Unified diffs between a revision and the text currently published."""

from __future__ import annotations

import difflib

_NO_NEWLINE = "\n\\ No newline at end of file\n"


def unified_diff(old: str | None, new: str | None, path: str, labels: tuple[str, str]) -> str:
    """A `diff -u` style text; a missing side (unpublished, removed) counts as empty."""
    lines = difflib.unified_diff(
        (old or "").splitlines(keepends=True),
        (new or "").splitlines(keepends=True),
        fromfile=f"a/{path} ({labels[0]})",
        tofile=f"b/{path} ({labels[1]})",
    )
    return "".join(line if line.endswith("\n") else line + _NO_NEWLINE for line in lines)
