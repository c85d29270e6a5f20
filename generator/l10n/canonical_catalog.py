"""A catalog reduced to what a reviewer approves: its messages and the header fields gettext
tools act on, not how the file lays them out."""

from __future__ import annotations

from dataclasses import dataclass

from generator.l10n.po_reader import read_po

REVIEWED_HEADERS = ("language", "plural-forms", "content-type", "last-translator", "language-team")
"""Not the dates (a tool bumps PO-Revision-Date on every save) nor Generated-By/X-Generator."""


@dataclass(frozen=True, slots=True, order=True)
class CanonicalMessage:
    """One message without its `#:` references, `#.` notes (both from the source) or layout."""

    context: str
    msgid: str
    plural: str
    forms: tuple[str, ...]
    flags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CanonicalCatalog:
    headers: tuple[tuple[str, str], ...]
    messages: tuple[CanonicalMessage, ...]
    """Sorted: the order of entries in the file is not a change."""


def canonical_catalog(text: str, path: str) -> CanonicalCatalog:
    """CatalogError when the text is not a catalog."""
    po = read_po(text, path)
    messages = sorted(
        CanonicalMessage(e.context or "", e.msgid, e.plural or "", tuple(e.forms), e.flags)
        for e in po.entries
    )
    headers = tuple((name, po.header.get(name, "")) for name in REVIEWED_HEADERS)
    return CanonicalCatalog(headers, tuple(messages))
