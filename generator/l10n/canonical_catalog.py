"""A catalog reduced to what a reviewer approves: its messages, not how the file lays them out."""

from __future__ import annotations

from dataclasses import dataclass

from generator.l10n.po_files import parse_catalog
from generator.l10n.po_reader import read_po
from generator.l10n.po_writer import NEVER_WRITTEN


@dataclass(frozen=True, slots=True, order=True)
class CanonicalMessage:
    """One message without its `#:` references, `#.` notes (both from the source) or layout."""

    context: str
    msgid: tuple[str, ...]
    forms: tuple[str, ...]
    flags: tuple[str, ...]
    previous: tuple[str, ...]
    translator_comments: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CanonicalCatalog:
    language: str
    plural_forms: str
    messages: tuple[CanonicalMessage, ...]
    """Sorted: the order of entries in the file is not a change."""


def canonical_catalog(text: str, path: str) -> CanonicalCatalog:
    """CatalogError when the text is not a catalog."""
    header = read_po(text, path).header
    catalog = parse_catalog(text, path)
    messages = []
    for message in catalog:
        if not message.id:
            continue
        ids = tuple(message.id) if isinstance(message.id, tuple | list) else (message.id,)
        raw = message.string
        forms = tuple(raw) if isinstance(raw, tuple | list) else (raw or "",)
        messages.append(
            CanonicalMessage(
                message.context or "",
                ids,
                tuple(str(f or "") for f in forms),
                tuple(sorted(message.flags - NEVER_WRITTEN)),
                tuple(message.previous_id),
                tuple(message.user_comments),
            )
        )
    language, plural_forms = header.get("language", ""), header.get("plural-forms", "")
    return CanonicalCatalog(language, plural_forms, tuple(sorted(messages)))
