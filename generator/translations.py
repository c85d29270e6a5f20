"""Loading each locale's catalogs into the messages the build may publish."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from generator.catalogs import LocaleCatalogs
from generator.checks import check_entry
from generator.config import SiteConfig
from generator.content import Content
from generator.errors import Problem
from generator.i18n import MessageTable
from generator.l10n_stats import DocStats, count
from generator.pofiles import THEME_DOMAIN, catalog_path
from generator.poreader import PoFile, read_po
from generator.sources import SourceTree


@dataclass(frozen=True, slots=True)
class LoadedCatalogs:
    """Usable translations per locale, status counts, and messages that failed a check."""

    catalogs: dict[str, LocaleCatalogs]
    stats: tuple[DocStats, ...]
    problems: tuple[Problem, ...]


def load_catalogs(
    config: SiteConfig, tree: SourceTree, content: Content, locales: Iterable[str]
) -> LoadedCatalogs:
    """Read every locale's catalogs once; failing messages fall back to the source text."""
    available = set(tree.paths())
    documents = {d.id: d for d in content.documents()}
    catalogs: dict[str, LocaleCatalogs] = {}
    problems: list[Problem] = []
    stats: list[DocStats] = []
    for locale in locales:
        if locale == config.source_locale:
            catalogs[locale] = LocaleCatalogs(locale)
            continue
        digest = hashlib.sha256(locale.encode())
        usable: dict[str, dict[str, str]] = {}
        theme = MessageTable()
        for domain in [*documents, THEME_DOMAIN]:
            path = catalog_path(locale, domain)
            po = None
            if path in available:
                text = tree.read(path).text
                digest.update(path.encode() + b"\0" + text.encode())
                po = read_po(text, path)
            if domain == THEME_DOMAIN:
                theme = _theme_table(po, path, problems) if po else theme
                continue
            stats.append(count([u.text for u in documents[domain].units], po, locale, domain))
            if po is not None:
                usable[domain] = _usable(po, path, problems)[0]
        catalogs[locale] = LocaleCatalogs(locale, usable, theme, digest.hexdigest())
    return LoadedCatalogs(catalogs, tuple(stats), tuple(problems))


def _usable(
    po: PoFile, path: str, problems: list[Problem]
) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Translated, non-fuzzy entries that pass every check: singular and plural ones."""
    singular: dict[str, str] = {}
    plural: dict[str, tuple[str, ...]] = {}
    for entry in po.entries:
        if entry.fuzzy or not entry.translated or entry.context is not None:
            continue
        failures = check_entry(entry, po.num_plurals)
        if failures:
            problems += [
                Problem(f"{f}; the source text is used", path, entry.line) for f in failures
            ]
        elif entry.plural is None:
            singular[entry.msgid] = entry.forms[0]
        else:
            plural[entry.msgid] = tuple(entry.forms)
    return singular, plural


def _theme_table(po: PoFile, path: str, problems: list[Problem]) -> MessageTable:
    singular, plural = _usable(po, path, problems)
    return MessageTable(singular, plural, po.plural_forms)
