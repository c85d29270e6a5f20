"""The translator workflow on disk: extract templates, init and update catalogs, check, stats."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel import UnknownLocaleError
from babel.messages.catalog import Catalog

from generator.config import CONFIG_NAME, SiteConfig
from generator.content.load import load_content
from generator.content.sources import WorkingTree
from generator.errors import CatalogError, CertwarnError, ConfigError, Problem, decode_utf8
from generator.l10n.catalog_loading import NOTHING, theme_ids, usable
from generator.l10n.extract import document_template, theme_template
from generator.l10n.locale_data import babel_locale
from generator.l10n.message_checks import catalog_problems
from generator.l10n.po_files import (
    THEME_DOMAIN,
    catalog_path,
    new_catalog,
    parse_catalog,
    render_catalog,
    template_path,
    write_text_atomic,
)
from generator.l10n.po_reader import PoFile, read_po
from generator.l10n.stats import DocStats
from generator.l10n.terminology import os_texts, terminology_warnings
from generator.review.identity import default_creator
from generator.review.trees import localization_tree, published_tree
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
            if (config.root / path).is_file():
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
        _add_locale_to_config(config.root / CONFIG_NAME, locale)
    return update(config, [locale])


def _add_locale_to_config(path: Path, locale: str) -> None:
    text = path.read_text(encoding="utf-8")
    match = re.search(r"^locales\s*=\s*\[(.*?)\]", text, re.MULTILINE | re.DOTALL)
    if match is None:
        raise ConfigError(
            "cannot find the 'locales = [...]' list to add the locale to", CONFIG_NAME
        )
    items = [*re.findall(r'"([^"]+)"', match.group(1)), locale]
    listed = ", ".join(f'"{item}"' for item in items)
    write_text_atomic(path, text[: match.start()] + f"locales = [{listed}]" + text[match.end() :])


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What `catalog check` found: problems (exit 1) and terminology warnings."""

    problems: list[Problem]
    warnings: list[Problem]


def check(config: SiteConfig) -> CheckResult:
    """Problems in every catalog: unreadable files, failing messages, msgfmt's complaints;
    and warnings where a UI label is not the installed Firefox's word for it."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    os_only = _os_texts(config)
    for path in WorkingTree(config.root).paths():
        if not path.endswith(".po"):
            continue
        found = catalog_check(config.root, path)
        problems += found
        if not found:
            po = read_po(read_catalog_text(config.root, path), path)
            locale, domain = _locale_and_domain(path)
            warnings += terminology_warnings(po, path, locale, os_only.get(domain, frozenset()))
    return CheckResult(problems, warnings)


def _locale_and_domain(path: str) -> tuple[str, str]:
    """`locales/de/LC_MESSAGES/codes/X.po` -> (`de`, `codes/X`)."""
    parts = path.split("/")
    return parts[1], "/".join(parts[3:])[: -len(".po")]


def _os_texts(config: SiteConfig) -> dict[str, frozenset[str]]:
    try:
        content = load_content(config, localization_tree(config))
    except CertwarnError:
        return {}  # the build and `revise` report broken sources
    return {d.id: os_texts(d) for d in content.documents()}


def catalog_check(root: Path, path: str) -> list[Problem]:
    """Everything that would keep a catalog, or one of its messages, off the site."""
    try:
        po = read_po(read_catalog_text(root, path), path)
    except CatalogError as e:
        return [Problem(e.message, e.path, e.line)]
    is_theme = path.endswith(f"/{THEME_DOMAIN}.po")
    return catalog_problems(po, path, is_theme) + _msgfmt(root, path)


def _msgfmt(root: Path, path: str) -> list[Problem]:
    if shutil.which("msgfmt") is None:
        return []
    run = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", path],
        cwd=root,
        capture_output=True,
        check=False,
    )
    found = []
    # warnings too: msgfmt -c warns (exit 0) about header fields left at their placeholders
    for line in run.stderr.decode("utf-8", "replace").splitlines():
        match = re.match(rf"^{re.escape(path)}:(\d+): (.*)$", line)
        if match:
            found.append(Problem(f"msgfmt: {match.group(2)}", path, int(match.group(1))))
    if run.returncode != 0 and not found:
        found.append(
            Problem(f"msgfmt --check failed: {run.stderr.decode('utf-8', 'replace')}", path)
        )
    return found


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
            po = _fast(config, path) if (config.root / path).is_file() else None
            is_theme = domain == THEME_DOMAIN
            if is_theme and po is None:
                continue
            found = usable(po, path, [], is_theme) if po is not None else NOTHING
            ids = theme_ids(po) if is_theme and po is not None else units[domain]
            rows.append(found.stats(ids, locale, domain))
    return rows


def _fast(config: SiteConfig, path: str) -> PoFile:
    return read_po(read_catalog_text(config.root, path), path)


def read_catalog_text(root: Path, path: str) -> str:
    """A catalog's text; CatalogError at the first byte that is not UTF-8."""
    return decode_utf8((root / path).read_bytes(), path, CatalogError)
