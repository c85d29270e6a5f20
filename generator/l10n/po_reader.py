"""A fast reader for gettext catalogs as the build needs them (babel still writes and merges).

Reading thousands of catalogs per build with babel's general parser dominated build time; this
reader handles exactly the PO syntax (msgctxt, msgid, msgid_plural, msgstr[n], flags, obsolete
and previous entries, continuation lines, C escapes) and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from generator.errors import CatalogError
from generator.l10n.plural_rule import DEFAULT, parse_plural_forms

_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"\s*$')
_ESCAPES = dict(zip('ntr"\\abfv', '\n\t\r"\\\a\b\f\v', strict=True))
_ESCAPE = re.compile(r"\\(.)")


@dataclass(slots=True)
class Entry:
    """One message of a catalog."""

    msgid: str = ""
    plural: str | None = None
    """msgid_plural, for plural messages."""
    forms: list[str] = field(default_factory=list)
    """msgstr (one item) or msgstr[0..n]."""
    context: str | None = None
    fuzzy: bool = False
    flags: tuple[str, ...] = ()
    """Every `#,` flag as written (fuzzy included)."""
    line: int = 0
    """1-based line of the msgid."""

    @property
    def translated(self) -> bool:
        return any(self.forms)


@dataclass(frozen=True, slots=True)
class PoFile:
    """The entries of one catalog (header excluded) and its plural rule."""

    entries: tuple[Entry, ...]
    plural_forms: str
    num_plurals: int
    header: Mapping[str, str] = field(default_factory=dict)
    """Header fields by lower-case name, as written."""

    def by_id(self) -> dict[str, Entry]:
        return {e.msgid: e for e in self.entries if e.context is None}


def _unquote(text: str, path: str, line: int) -> str:
    def replace(match: re.Match[str]) -> str:
        try:
            return _ESCAPES[match.group(1)]
        except KeyError:
            raise CatalogError(
                f"unknown escape \\{match.group(1)} in a string", path, line
            ) from None

    return _ESCAPE.sub(replace, text) if "\\" in text else text


def read_po(text: str, path: str) -> PoFile:
    """Parse PO text; a malformed line or header raises CatalogError with the file and line."""
    entries = list(_entries(text, path))
    header = next((e for e in entries if e.msgid == "" and e.context is None), None)
    fields = _header_fields(header.forms[0] if header is not None and header.forms else "")
    charset = re.search(r"charset\s*=\s*([^\s;]+)", fields.get("content-type", ""))
    if charset and charset.group(1).lower() not in ("utf-8", "utf8"):
        raise CatalogError(
            f"Content-Type: expected charset=UTF-8, got {charset.group(1)!r}",
            path,
            _header_line(text, "Content-Type"),
        )
    plural_forms = fields.get("plural-forms")
    rule = DEFAULT
    if plural_forms is not None:
        rule = parse_plural_forms(plural_forms, path, _header_line(text, "Plural-Forms"))
    forms = plural_forms if plural_forms is not None else "nplurals=2; plural=(n != 1);"
    return PoFile(tuple(e for e in entries if e.msgid), forms, rule.num_plurals, fields)


def _header_fields(header: str) -> dict[str, str]:
    fields = {}
    for line in header.splitlines():
        name, _, value = line.partition(":")
        fields[name.strip().lower()] = value.strip()
    return fields


def _header_line(text: str, name: str) -> int | None:
    """The line where a header field starts (the first one: headers come first)."""
    pattern = re.compile(rf'^\s*(?:msgstr\s+)?"{re.escape(name)}\s*:', re.IGNORECASE)
    for number, line in enumerate(text.splitlines(), start=1):
        if pattern.match(line):
            return number
    return None


def _entries(text: str, path: str) -> Iterator[Entry]:
    entry = Entry()
    target: tuple[str, int] | None = None
    flags_pending: list[str] = []
    seen_msgid = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            if seen_msgid:
                yield entry
                entry, target, seen_msgid = Entry(), None, False
            if line.startswith("#,"):
                flags_pending += [f.strip() for f in line[2:].split(",") if f.strip()]
            elif line.startswith("#~"):
                flags_pending = []  # an obsolete entry's flags are not the next entry's
            continue
        if line.startswith('"'):
            if target is None or not line.endswith('"') or len(line) < 2:
                raise CatalogError(f"unexpected line {raw!r}", path, number)
            _append(entry, target, _unquote(line[1:-1], path, number))
            continue
        match = _KEYWORD.match(line)
        if match is None:
            raise CatalogError(f"expected msgid, msgstr or a comment, got {raw!r}", path, number)
        keyword, index, value = (
            match.group(1),
            match.group(2),
            _unquote(match.group(3), path, number),
        )
        if keyword in ("msgctxt", "msgid") and seen_msgid and (keyword == "msgctxt" or entry.forms):
            yield entry
            entry, seen_msgid = Entry(), False
        if keyword == "msgid":
            entry.msgid, entry.line, seen_msgid = value, number, True
            entry.fuzzy, entry.flags = "fuzzy" in flags_pending, tuple(sorted(set(flags_pending)))
            flags_pending = []
            target = ("msgid", 0)
        elif keyword == "msgctxt":
            entry.context = value
            target = ("msgctxt", 0)
        elif keyword == "msgid_plural":
            entry.plural = value
            target = ("plural", 0)
        else:
            position = int(index) if index is not None else 0
            while len(entry.forms) <= position:
                entry.forms.append("")
            entry.forms[position] = value
            target = ("form", position)
    if seen_msgid:
        yield entry


def _append(entry: Entry, target: tuple[str, int], value: str) -> None:
    kind, position = target
    if kind == "msgid":
        entry.msgid += value
    elif kind == "msgctxt":
        entry.context = (entry.context or "") + value
    elif kind == "plural":
        entry.plural = (entry.plural or "") + value
    else:
        entry.forms[position] += value
