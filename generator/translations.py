"""Loading each locale's catalogs into the messages the build may publish."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from babel.messages.catalog import Catalog

from generator.catalogs import LocaleCatalogs
from generator.checks import check_message, strings
from generator.config import SiteConfig
from generator.content import Content
from generator.errors import Problem
from generator.i18n import MessageTable
from generator.l10n_stats import DocStats, count
from generator.pofiles import THEME_DOMAIN, catalog_path, parse_catalog
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
    catalogs: dict[str, LocaleCatalogs] = {}
    problems: list[Problem] = []
    stats: list[DocStats] = []
    documents_by_id = {d.id: d for d in content.documents()}
    for locale in locales:
        if locale == config.source_locale:
            catalogs[locale] = LocaleCatalogs(locale)
            continue
        digest = hashlib.sha256(locale.encode())
        documents: dict[str, dict[str, str]] = {}
        theme = MessageTable()
        for domain in [d.id for d in content.documents()] + [THEME_DOMAIN]:
            path = catalog_path(locale, domain)
            catalog = None
            if path in available:
                source = tree.read(path)
                digest.update(path.encode() + b"\0" + source.text.encode())
                catalog = parse_catalog(source.text, path, locale)
            if domain != THEME_DOMAIN:
                ids = [u.text for u in documents_by_id[domain].units]
                stats.append(count(ids, catalog, locale, domain))
            if catalog is None:
                continue
            if domain == THEME_DOMAIN:
                theme = _theme_table(catalog, path, problems)
            else:
                documents[domain] = _usable(catalog, path, problems)
        catalogs[locale] = LocaleCatalogs(locale, documents, theme, digest.hexdigest())
    return LoadedCatalogs(catalogs, tuple(stats), tuple(problems))


def _usable(catalog: Catalog, path: str, problems: list[Problem]) -> dict[str, str]:
    """msgid -> msgstr for translated, non-fuzzy messages that pass every check."""
    usable: dict[str, str] = {}
    for message in catalog:
        if not message.id or not message.string or message.fuzzy or message.pluralizable:
            continue
        failures = check_message(message, catalog.num_plurals)
        if failures:
            problems += [
                Problem(f"{f}; the source text is used", path, message.lineno) for f in failures
            ]
            continue
        usable[str(message.id)] = str(message.string)
    return usable


def _theme_table(catalog: Catalog, path: str, problems: list[Problem]) -> MessageTable:
    singular = _usable(catalog, path, problems)
    plural: dict[str, tuple[str, ...]] = {}
    for message in catalog:
        if not message.pluralizable or message.fuzzy or not any(strings(message)):
            continue
        failures = check_message(message, catalog.num_plurals)
        if failures:
            problems += [
                Problem(f"{f}; the source text is used", path, message.lineno) for f in failures
            ]
            continue
        plural[str(message.id[0])] = tuple(strings(message))
    return MessageTable(singular, plural, catalog.plural_forms)
