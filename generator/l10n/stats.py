"""Translation status per locale and document: translated, fuzzy, untranslated, percent."""

from __future__ import annotations

from collections.abc import Iterable
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
    waiting_messages: int = 0
    """Messages that revision changes, each waiting for the reviewer's approval."""

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def ratio(self) -> float:
        """Translated share, rounded down to a whole percent: 276 of 277 is 99 %, never 100 %."""
        return shown_ratio(self.translated, self.total)


def shown_ratio(translated: int, total: int) -> float:
    """The share to show: whole percents rounded down, so only everything is 100 %."""
    if not total:
        return 1.0
    return (100 * translated // total) / 100


def combined(rows: Iterable[DocStats], locale: str, domain: str = "(all)") -> DocStats:
    """One row adding up several documents (a locale's total)."""
    rows = list(rows)
    return DocStats(
        locale,
        domain,
        sum(r.translated for r in rows),
        sum(r.fuzzy for r in rows),
        sum(r.untranslated for r in rows),
        any(r.outdated for r in rows),
        any(r.waiting_for_review for r in rows),
        sum(r.waiting_messages for r in rows),
    )
