"""Translation status per locale and document: translated, fuzzy, untranslated, percent."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from babel.messages.catalog import Catalog

from generator.checks import check_message, strings
from generator.pofiles import parse_catalog
from generator.sources import SourceTree

MessageId = str | tuple[str, ...] | list[str]
"""A msgid as babel keeps it: plural messages have (singular, plural)."""


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


def count(
    template_ids: Iterable[str | tuple[str, ...] | list[str]],
    catalog: Catalog | None,
    locale: str,
    domain: str,
) -> DocStats:
    """Count the template's messages by their state in `catalog` (None: nothing translated)."""
    translated = fuzzy = untranslated = 0
    for msgid in template_ids:
        message = catalog.get(msgid) if catalog is not None else None
        has_text = message is not None and any(strings(message))
        if message is None or not has_text:
            untranslated += 1
        elif message.fuzzy:
            fuzzy += 1
        elif check_message(message, catalog.num_plurals if catalog else 2):
            untranslated += 1
        else:
            translated += 1
    return DocStats(locale, domain, translated, fuzzy, untranslated)


def read_optional(tree: SourceTree, path: str, locale: str, available: set[str]) -> Catalog | None:
    return parse_catalog(tree.read(path).text, path, locale) if path in available else None
