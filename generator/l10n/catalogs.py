"""Translations as the build uses them: checked, non-fuzzy messages per locale and document."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.l10n.locale_data import MessageTable

EMPTY: Mapping[str, str] = {}


@dataclass(frozen=True, slots=True)
class LocaleCatalogs:
    """One locale's usable translations: per document id, and the theme's strings."""

    locale: str
    documents: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Document id (`codes/X`) -> msgid -> msgstr."""
    theme: MessageTable = field(default_factory=MessageTable)

    def for_document(self, doc_id: str) -> Mapping[str, str]:
        return self.documents.get(doc_id, EMPTY)
