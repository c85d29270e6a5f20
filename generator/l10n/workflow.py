"""The translator workflow on disk: extract templates, init and update catalogs, stats."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from babel import UnknownLocaleError
from babel.messages.catalog import Catalog

from generator.config import CONFIG_NAME, SiteConfig
from generator.content.load import load_content
from generator.errors import ConfigError, decode_utf8
from generator.l10n.catalog_check import catalog_exists, read_catalog_text
from generator.l10n.catalog_loading import NOTHING, theme_ids, usable
from generator.l10n.catalog_names import THEME_DOMAIN, catalog_path, template_path
from generator.l10n.extract import document_template, theme_template
from generator.l10n.locale_data import babel_locale
from generator.l10n.po_files import (
    new_catalog,
    parse_catalog,
    render_catalog,
    write_text_atomic,
)
from generator.l10n.po_reader import PoFile, read_po
from generator.l10n.stats import DocStats
from generator.review.identity import default_creator
from generator.review.trees import localization_tree, published_tree
from generator.safe_paths import read_regular
from generator.theme.environment import load_theme


def extract(config: SiteConfig) -> list[str]:
    """Write one `.pot` per source document and `theme.pot`; return the paths that changed."""
    content = load_content(config, localization_tree(config))
    templates = {template_path(d.id): document_template(d) for d in content.documents()}
    theme = load_theme(config.theme, config.root)
    templates[template_path(THEME_DOMAIN)] = theme_template(theme, config.title)
    changed = [
        p
        for p, c in sorted(templates.items())
        if write_text_atomic(config.root / p, render_catalog(c))
    ]
    for stale in sorted((config.locales_dir / "templates").rglob("*.pot")):
        if config.rel(stale) not in templates:
            stale.unlink()
            changed.append(config.rel(stale))
    return changed


def template_domains(config: SiteConfig) -> list[str]:
    folder = config.locales_dir / "templates"
    return sorted(p.relative_to(folder).as_posix()[: -len(".pot")] for p in folder.rglob("*.pot"))


def _read(config: SiteConfig, path: str, locale: str | None = None) -> Catalog:
    text = read_catalog_text(config.root, path)
    read_po(text, path)  # the checks the build applies, before babel sees the file
    return parse_catalog(text, path, locale)


def update(config: SiteConfig, locales: list[str] | None = None) -> list[str]:
    """Merge the templates into every locale's catalogs (babel: changed strings become fuzzy)."""
    changed = []
    for locale in locales or [loc for loc in config.locales if loc != config.source_locale]:
        for domain in template_domains(config):
            template = _read(config, template_path(domain))
            path = catalog_path(locale, domain)
            if catalog_exists(config.root, path):
                catalog = _read(config, path, locale)
                catalog.update(template, update_header_comment=False)
            else:
                catalog = _from_template(template, locale, config)
            if write_text_atomic(config.root / path, render_catalog(catalog)):
                changed.append(path)
    return changed


def _from_template(template: Catalog, locale: str, config: SiteConfig) -> Catalog:
    """A new catalog, signed by whoever creates it (gettext tools refuse a placeholder there)."""
    catalog = new_catalog(locale)
    catalog.update(template)
    catalog.last_translator = default_creator(config.root)
    catalog.language_team = ""
    catalog.revision_date = datetime.now(UTC).replace(second=0, microsecond=0)
    return catalog


def init(config: SiteConfig, locale: str) -> list[str]:
    """Add a locale: list it in site.toml and create its catalogs from the templates."""
    try:
        babel_locale(locale)
    except (ValueError, UnknownLocaleError) as e:
        raise ConfigError(
            f"unknown locale; expected a tag such as 'de' or 'pt-BR', got {locale!r}"
        ) from e
    if locale not in config.locales:
        _add_locale_to_config(config.root, locale)
    return update(config, [locale])


def _add_locale_to_config(root: Path, locale: str) -> None:
    path = root / CONFIG_NAME
    text = decode_utf8(read_regular(root, CONFIG_NAME, error=ConfigError), CONFIG_NAME, ConfigError)
    match = re.search(r"^locales\s*=\s*\[(.*?)\]", text, re.MULTILINE | re.DOTALL)
    if match is None:
        raise ConfigError(
            "cannot find the 'locales = [...]' list to add the locale to", CONFIG_NAME
        )
    items = [*re.findall(r'"([^"]+)"', match.group(1)), locale]
    listed = ", ".join(f'"{item}"' for item in items)
    write_text_atomic(path, text[: match.start()] + f"locales = [{listed}]" + text[match.end() :])


def stats(config: SiteConfig) -> list[DocStats]:
    """Counts per locale and document: the working-copy catalogs against the documents the
    site publishes, counted as the dashboard counts them (catalog_loading): only non-fuzzy
    translations that pass every check are translated; the theme over its catalog's messages."""
    content = load_content(config, published_tree(config, datetime.now(UTC)))
    units = {d.id: [u.text for u in d.units] for d in content.documents()}
    rows = []
    for locale in config.locales:
        if locale == config.source_locale:
            continue
        for domain in [*units, THEME_DOMAIN]:
            path = catalog_path(locale, domain)
            po = _fast(config, path) if catalog_exists(config.root, path) else None
            is_theme = domain == THEME_DOMAIN
            if is_theme and po is None:
                continue
            found = usable(po, path, [], is_theme) if po is not None else NOTHING
            ids = theme_ids(po) if is_theme and po is not None else units[domain]
            rows.append(found.stats(ids, locale, domain))
    return rows


def _fast(config: SiteConfig, path: str) -> PoFile:
    return read_po(read_catalog_text(config.root, path), path)
