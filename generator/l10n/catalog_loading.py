"""Loading each locale's catalogs into the messages the build may publish."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, MutableMapping
from dataclasses import dataclass

from generator.config import SiteConfig
from generator.content.load import Content
from generator.content.sources import HashedTree, SourceTree
from generator.errors import Problem
from generator.l10n.catalog_names import THEME_DOMAIN, catalog_path
from generator.l10n.catalogs import LocaleCatalogs
from generator.l10n.locale_data import MessageTable
from generator.l10n.message_checks import check_entry
from generator.l10n.page_labels import (
    ShownPage,
    ShownPages,
    entry_problems,
    page_for_catalog,
    shown_pages,
)
from generator.l10n.po_reader import PoFile, read_po
from generator.l10n.stats import DocStats


@dataclass(frozen=True, slots=True)
class LoadedCatalogs:
    """Usable translations per locale, status counts, and messages that failed a check."""

    catalogs: dict[str, LocaleCatalogs]
    stats: tuple[DocStats, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class Usable:
    """A catalog sorted for publishing: what may be used, and what is fuzzy."""

    singular: dict[str, str]
    plural: dict[str, tuple[str, ...]]
    fuzzy: frozenset[str]
    """msgids with a fuzzy translation (never published)."""

    def stats(self, template_ids: Iterable[str], locale: str, domain: str) -> DocStats:
        ids = list(template_ids)
        translated = sum(1 for i in ids if i in self.singular or i in self.plural)
        fuzzy = sum(1 for i in ids if i in self.fuzzy)
        return DocStats(locale, domain, translated, fuzzy, len(ids) - translated - fuzzy)


NOTHING = Usable({}, {}, frozenset())


def usable(
    po: PoFile,
    path: str,
    problems: list[Problem],
    percent_format: bool = False,
    page: ShownPage | None = None,
) -> Usable:
    """Translated, non-fuzzy entries that pass every check; failures are added to `problems`.

    `percent_format`: the theme's catalog, whose strings the pages format with `%`.
    `page`: the recorded Firefox page whose labels the {button} references must be.
    """
    singular: dict[str, str] = {}
    plural: dict[str, tuple[str, ...]] = {}
    fuzzy = set()
    for entry in po.entries:
        if not entry.translated or entry.context is not None:
            continue
        if entry.fuzzy:
            fuzzy.add(entry.msgid)
            continue
        failures = check_entry(entry, po.num_plurals, percent_format)
        failures += entry_problems(entry, page)
        if failures:
            problems += [Problem(f"{f}; source text used", path, entry.line) for f in failures]
        elif entry.plural is None:
            singular[entry.msgid] = entry.forms[0]
        else:
            plural[entry.msgid] = tuple(entry.forms)
    return Usable(singular, plural, frozenset(fuzzy))


@dataclass(frozen=True, slots=True)
class SortedCatalog:
    """What one catalog file gives a build: its usable messages and the checks' failures;
    for the theme's catalog also its plural rule and message ids."""

    usable: Usable
    problems: tuple[Problem, ...]
    plural_forms: str = ""
    theme_ids: tuple[str, ...] = ()


CatalogMemo = MutableMapping[str, SortedCatalog]
"""Hash of a catalog's path and text -> what it gives: reading and checking a catalog costs
more than rendering its pages, and most builds read the same catalogs as the last."""


def sort_catalog(
    path: str,
    read: Callable[[], str],
    identity: str | None,
    is_theme: bool,
    memo: CatalogMemo,
    page: ShownPage | None = None,
) -> SortedCatalog:
    """The catalog at `path` read and checked (against the recorded Firefox `page`), or as
    `memo` has it from the same text and page.

    `identity` is a hash of the file's path, revision and text when the tree knows it
    (sources.HashedTree): the file is then read only when the memo does not have it."""
    text = None
    if identity is None:
        text = read()
        identity = hashlib.sha256(text.encode()).hexdigest()
    shown = "" if page is None else f"{page.code}\0{page.locale}\0{chr(0).join(page.labels)}"
    key = hashlib.sha256(f"{path}\0{is_theme}\0{shown}\0{identity}".encode()).hexdigest()
    if key not in memo:
        po = read_po(read() if text is None else text, path)
        problems: list[Problem] = []
        sorted_out = usable(po, path, problems, is_theme, page)
        ids = tuple(theme_ids(po)) if is_theme else ()
        memo[key] = SortedCatalog(sorted_out, tuple(problems), po.plural_forms, ids)
    return memo[key]


def theme_ids(po: PoFile) -> list[str]:
    """The theme's messages are counted over its catalog (the build reads no templates)."""
    return [e.msgid for e in po.entries if e.context is None]


def load_catalogs(
    config: SiteConfig,
    tree: SourceTree,
    content: Content,
    locales: Iterable[str],
    memo: CatalogMemo | None = None,
    pages: ShownPages | None = None,
) -> LoadedCatalogs:
    """Read every locale's catalogs once; failing messages fall back to the source text.

    `memo` (see CatalogMemo) is filled with every catalog read; `pages`, the recorded Firefox
    pages the labels are checked against, are read from `tree` unless given."""
    memo = {} if memo is None else memo
    available = set(tree.paths())
    digests = tree.digests if isinstance(tree, HashedTree) else {}
    pages = shown_pages(tree, content) if pages is None else pages
    documents = {d.id: d for d in content.documents()}
    catalogs: dict[str, LocaleCatalogs] = {}
    problems: list[Problem] = []
    stats: list[DocStats] = []
    for locale in locales:
        if locale == config.source_locale:
            catalogs[locale] = LocaleCatalogs(locale)
            continue
        found: dict[str, dict[str, str]] = {}
        theme = MessageTable()
        for domain in [*documents, THEME_DOMAIN]:
            path = catalog_path(locale, domain)
            is_theme = domain == THEME_DOMAIN
            page = page_for_catalog(pages, locale, domain)
            known = (
                sort_catalog(path, _reader(tree, path), digests.get(path), is_theme, memo, page)
                if path in available
                else None
            )
            sorted_out = known.usable if known is not None else NOTHING
            problems += known.problems if known is not None else ()
            if is_theme:
                if known is not None:
                    theme = MessageTable(sorted_out.singular, sorted_out.plural, known.plural_forms)
                    stats.append(sorted_out.stats(known.theme_ids, locale, domain))
                continue
            stats.append(
                sorted_out.stats((u.text for u in documents[domain].units), locale, domain)
            )
            found[domain] = sorted_out.singular
        catalogs[locale] = LocaleCatalogs(locale, found, theme)
    return LoadedCatalogs(catalogs, tuple(stats), tuple(problems))


def _reader(tree: SourceTree, path: str) -> Callable[[], str]:
    return lambda: tree.read(path).text
