"""`catalog check`: everything that would keep a catalog, or one of its messages, off the
site (the build's own reader and checks, the UI labels of the recorded Firefox page, then
msgfmt -c), and terminology warnings."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from generator.config import SiteConfig
from generator.content.load import Content, load_content
from generator.content.sources import WorkingTree
from generator.errors import CatalogError, CertwarnError, Problem, decode_utf8
from generator.l10n.catalog_names import THEME_DOMAIN
from generator.l10n.message_checks import catalog_problems
from generator.l10n.page_labels import ShownPage, page_for_catalog, shown_pages
from generator.l10n.page_labels import catalog_problems as label_problems
from generator.l10n.po_reader import read_po
from generator.l10n.terminology import os_texts, terminology_warnings
from generator.review.trees import localization_tree, published_tree
from generator.safe_paths import read_regular


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
    sources = _sources(config)
    os_only = {d.id: os_texts(d) for d in sources.documents()} if sources else {}
    recorded = recorded_pages(config, sources)
    for path in WorkingTree(config.root).paths():
        if not path.endswith(".po"):
            continue
        found = catalog_check(config.root, path, recorded(path))
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


def _sources(config: SiteConfig) -> Content | None:
    try:
        return load_content(config, localization_tree(config))
    except CertwarnError:
        return None  # the build and `revise` report broken sources


def recorded_pages(
    config: SiteConfig, sources: Content | None = None
) -> Callable[[str], ShownPage | None]:
    """For a catalog's path, the recorded Firefox page its {button} labels must be on (the
    records and sources translators work from); None for catalogs of other pages."""
    sources = sources or _sources(config)
    records = published_tree(config, datetime.now(UTC))  # the records the build shows
    pages = shown_pages(records, sources) if sources else {}

    def page(path: str) -> ShownPage | None:
        if not path.startswith("locales/") or not path.endswith(".po"):
            return None
        return page_for_catalog(pages, *_locale_and_domain(path))

    return page


def catalog_check(root: Path, path: str, page: ShownPage | None = None) -> list[Problem]:
    """Everything that would keep a catalog, or one of its messages, off the site; `page`:
    the recorded Firefox page its {button} labels are compared with."""
    try:
        po = read_po(read_catalog_text(root, path), path)
    except CatalogError as e:
        return [Problem(e.message, e.path, e.line)]
    is_theme = path.endswith(f"/{THEME_DOMAIN}.po")
    found = catalog_problems(po, path, is_theme) + label_problems(po, path, page)
    return sorted(found, key=lambda p: p.line or 0) + _msgfmt(root, path)


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


def read_catalog_text(root: Path, path: str) -> str:
    """A catalog's text, read by the path policy (a regular file inside the project, never a
    link out, a FIFO or a folder; bounded); CatalogError at the first byte that is not UTF-8."""
    return decode_utf8(read_regular(root, path, error=CatalogError), path, CatalogError)


def catalog_exists(root: Path, path: str) -> bool:
    """Whether anything is at `path`: what is there is then read (and refused) by the path
    policy, instead of being taken for a missing catalog and written over."""
    return os.path.lexists(root / path)
