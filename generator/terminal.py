"""Text from content, as a terminal shows it: control characters escaped, never obeyed.

The one way paths and text from the project reach a terminal: every error and warning
(`errors.format_location`), command output naming files, and `review show`/`review list`.
Content, comments, catalogs, scenario specs and file names are untrusted. Printed raw, an
escape sequence could clear the screen or recolour a line, a carriage return overwrite what
came before, and a bidirectional override reorder what the reviewer reads (Trojan Source):
text would be hidden from the person who approves it.
"""

from __future__ import annotations

import re

_FORMAT = "\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff"
"""Invisible and bidirectional formatting characters (joiners, which scripts need, stay)."""
_UNSAFE = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_FORMAT}]")
_UNSAFE_IN_LINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_FORMAT}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """One field on one line: newlines and every other control character escaped."""
    return _UNSAFE.sub(_escape, text.replace("\n", "\\n"))


def printable_lines(text: str) -> str:
    """Several lines (a diff): newlines and tabs kept, other controls escaped."""
    return _UNSAFE_IN_LINES.sub(_escape, text)
