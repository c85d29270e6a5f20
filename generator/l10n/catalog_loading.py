"""Loading each locale's catalogs into the messages the build may publish."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.config import SiteConfig
from generator.content.load import Content
from generator.content.sources import SourceTree
from generator.errors import Problem
from generator.l10n.catalogs import LocaleCatalogs
from generator.l10n.locale_data import MessageTable
from generator.l10n.message_checks import check_entry
from generator.l10n.page_labels import ShownPage, entry_problems, page_for_catalog, shown_pages
from generator.l10n.po_files import THEME_DOMAIN, catalog_path
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


def theme_ids(po: PoFile) -> list[str]:
    """The theme's messages are counted over its catalog (the build reads no templates)."""
    return [e.msgid for e in po.entries if e.context is None]


def load_catalogs(
    config: SiteConfig, tree: SourceTree, content: Content, locales: Iterable[str]
) -> LoadedCatalogs:
    """Read every locale's catalogs once; failing messages fall back to the source text."""
    available = set(tree.paths())
    pages = shown_pages(tree, content)
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
            po = None
            if path in available:
                text = tree.read(path).text
                po = read_po(text, path)
            is_theme = domain == THEME_DOMAIN
            page = page_for_catalog(pages, locale, domain)
            sorted_out = usable(po, path, problems, is_theme, page) if po is not None else NOTHING
            if is_theme:
                if po is not None:
                    theme = MessageTable(sorted_out.singular, sorted_out.plural, po.plural_forms)
                    stats.append(sorted_out.stats(theme_ids(po), locale, domain))
                continue
            stats.append(
                sorted_out.stats((u.text for u in documents[domain].units), locale, domain)
            )
            found[domain] = sorted_out.singular
        catalogs[locale] = LocaleCatalogs(locale, found, theme)
    return LoadedCatalogs(catalogs, tuple(stats), tuple(problems))
