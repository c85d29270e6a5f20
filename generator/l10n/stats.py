"""Translation status per locale and document: translated, fuzzy, untranslated, percent."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DocStats:
    """How far one document is translated into one locale."""

    locale: str
    domain: str
    """Document id (`codes/X`) or `theme`."""
    translated: int
    fuzzy: int
    untranslated: int
    outdated: bool = False
    """The source changed significantly since the translation's base revision."""
    waiting_for_review: bool = False
    """A revision of the catalog is waiting for a reviewer."""

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def ratio(self) -> float:
        return self.translated / self.total if self.total else 1.0
