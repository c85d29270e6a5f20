"""Translation status per locale and document: translated, fuzzy, untranslated, percent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.checks import check_entry
from generator.poreader import PoFile


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


def count(template_ids: Iterable[str], po: PoFile | None, locale: str, domain: str) -> DocStats:
    """Count the template's messages by their state in `po` (None: nothing translated)."""
    entries = po.by_id() if po is not None else {}
    num_plurals = po.num_plurals if po is not None else 2
    translated = fuzzy = untranslated = 0
    for msgid in template_ids:
        entry = entries.get(msgid)
        if entry is None or not entry.translated:
            untranslated += 1
        elif entry.fuzzy:
            fuzzy += 1
        elif check_entry(entry, num_plurals):
            untranslated += 1
        else:
            translated += 1
    return DocStats(locale, domain, translated, fuzzy, untranslated)
