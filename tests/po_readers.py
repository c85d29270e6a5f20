"""What babel, polib and translate-toolkit each read from one PO file, in one comparable form."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polib
from babel.messages.pofile import read_po as babel_read_po
from translate.storage import pypo

from generator.l10n.po_files import parse_catalog

FORMAT_GUESSES = frozenset({"python-brace-format"})
"""babel's Message adds this flag itself to any msgid with `{name}` (a certwarn role), whatever
the file says; it is babel's guess, not something it read, so babel's view leaves it out."""


@dataclass(frozen=True)
class Entry:
    """One message as a reader understood it."""

    obsolete: bool
    context: str | None
    msgid: str
    plural: str | None
    forms: tuple[str, ...]
    flags: frozenset[str]
    previous: tuple[str, ...]
    """previous msgid (and msgid_plural) of a fuzzy entry."""
    translator_comments: tuple[str, ...]
    notes: tuple[str, ...]
    locations: tuple[str, ...]


def _lines(text: str) -> tuple[str, ...]:
    return tuple(text.split("\n")) if text else ()


def babel_view(path: Path, locale: str | None) -> list[Entry]:
    """babel, through certwarn's parse_catalog (babel keeps `#|` lines as `|` comments)."""
    catalog = parse_catalog(path.read_text(encoding="utf-8"), path.name, locale)
    found = []
    for obsolete, messages in ((False, list(catalog)[1:]), (True, catalog.obsolete.values())):
        for m in messages:
            plural = isinstance(m.id, tuple)
            forms = tuple(m.string) if plural else (m.string,)
            found.append(
                Entry(
                    obsolete,
                    m.context,
                    m.id[0] if plural else m.id,
                    m.id[1] if plural else None,
                    forms,
                    frozenset(m.flags - FORMAT_GUESSES),
                    tuple(m.previous_id),
                    tuple(m.user_comments),
                    tuple(m.auto_comments),
                    () if obsolete else tuple(f"{f}:{n}" if n else f for f, n in m.locations),
                )
            )
    return found


def raw_babel_comments(path: Path) -> list[list[str]]:
    """The translator comments babel itself reads, `#|` lines included, per message."""
    with path.open("rb") as handle:
        catalog = babel_read_po(handle, abort_invalid=True)
    return [list(m.user_comments) for m in list(catalog)[1:]]


def polib_view(path: Path) -> list[Entry]:
    po = polib.pofile(str(path), wrapwidth=78)
    return [_polib_entry(e, bool(e.obsolete)) for e in po]


def _polib_entry(e: polib.POEntry, obsolete: bool) -> Entry:
    plural = bool(e.msgid_plural)
    forms = tuple(e.msgstr_plural[i] for i in sorted(e.msgstr_plural)) if plural else (e.msgstr,)
    previous = tuple(p for p in (e.previous_msgid, e.previous_msgid_plural) if p is not None)
    return Entry(
        obsolete,
        e.msgctxt,
        e.msgid,
        e.msgid_plural or None,
        forms,
        frozenset(e.flags),
        previous,
        _lines(e.tcomment),
        _lines(e.comment),
        () if obsolete else tuple(f"{f}:{n}" if n else f for f, n in e.occurrences),
    )


def toolkit_view(path: Path) -> list[Entry]:
    store = pypo.pofile(path.read_bytes())
    found = []
    for unit in store.units:
        if unit.isheader():
            continue
        plural = unit.hasplural()
        sources = unit.source.strings if plural else [unit.source]
        forms = tuple(str(s) for s in unit.target.strings) if plural else (str(unit.target),)
        previous = tuple(
            pypo.unquotefrompo(p) for p in (unit.prev_msgid, unit.prev_msgid_plural) if p
        )
        flags = frozenset(
            f.strip() for line in unit.typecomments for f in line[2:].split(",") if f.strip()
        )
        found.append(
            Entry(
                unit.isobsolete(),
                unit.getcontext() or None,
                str(sources[0]),
                str(sources[1]) if plural else None,
                forms,
                flags,
                previous,
                _lines(unit.getnotes("translator")),
                _lines(unit.getnotes("developer")),
                tuple(unit.getlocations()),
            )
        )
    return found


def headers(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The header fields as polib and translate-toolkit read them."""
    po = polib.pofile(str(path))
    store = pypo.pofile(path.read_bytes())
    return dict(po.metadata), {k: str(v) for k, v in store.parseheader().items()}
