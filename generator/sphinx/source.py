"""What a Sphinx project embeds: the approved sources and one locale's catalogs, loaded once."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from generator.config import SiteConfig, load_config
from generator.content.document import Document
from generator.content.load import Content, load_content
from generator.content.sources import SourceTree, WorkingTree
from generator.l10n.catalog_loading import load_catalogs
from generator.l10n.catalogs import LocaleCatalogs
from generator.l10n.localize import LocalizedDocument, localize
from generator.render.evidence import read_evidence
from generator.render.screenshots import ScreenshotIndex
from generator.review.trees import published_tree


def site_locale(config: SiteConfig, language: str | None) -> str:
    """The site locale for Sphinx's `language`: exact tag, then the language alone, else source.

    Sphinx writes `pt_BR` where certwarn writes `pt-BR`; both are compared case-insensitively.
    """
    if not language:
        return config.source_locale
    wanted = language.replace("_", "-").lower()
    by_tag = {tag.lower(): tag for tag in config.locales}
    if wanted in by_tag:
        return by_tag[wanted]
    base = wanted.split("-")[0]
    matches = [tag for tag in config.locales if tag.lower().split("-")[0] == base]
    return matches[0] if matches else config.source_locale


@dataclass(slots=True)
class Published:
    """The published content of a certwarn site as one locale reads it."""

    config: SiteConfig
    content: Content
    locale: str
    catalogs: LocaleCatalogs
    screenshots: ScreenshotIndex
    working: WorkingTree
    digest: str
    """Hash of every published text the embeds read: a change makes Sphinx read them again."""
    _localized: dict[str, LocalizedDocument] = field(default_factory=dict)

    def localized(self, document: Document) -> LocalizedDocument:
        if document.id not in self._localized:
            self._localized[document.id] = localize(
                document,
                self.catalogs.for_document(document.id),
                self.locale,
                self.config.source_locale,
                self.config.publish_threshold,
            )
        return self._localized[document.id]

    def unpublished_reason(self, path: str) -> str:
        """Why a document the site does not publish is missing (for the directive's error)."""
        if path in self.working.paths():
            return f"{path} has no approved revision (certwarn publishes only approved ones)"
        return f"{path} does not exist"


def load_published(root: Path, language: str | None, now: datetime | None = None) -> Published:
    """Read the approved revisions and the locale's catalogs the way `certwarn build` does."""
    config = load_config(root)
    tree = published_tree(config, now or datetime.now(UTC))  # the gate the build uses
    content = load_content(config, tree)
    locale = site_locale(config, language)
    catalogs = load_catalogs(config, tree, content, [locale]).catalogs[locale]
    # the approved Firefox screenshots, as the build shows them (content/_verify)
    moment = now or datetime.now(UTC)
    scenarios = {code.code: code.scenario for code in content.codes.values()}
    screenshots = read_evidence(config, tree, scenarios, moment.date()).screenshots
    digest = _digest(tree, locale, screenshots)
    return Published(
        config, content, locale, catalogs, screenshots, WorkingTree(config.root), digest
    )


def _digest(tree: SourceTree, locale: str, screenshots: ScreenshotIndex) -> str:
    hashed = hashlib.sha256(locale.encode())
    for path in sorted(tree.paths()):
        if path.startswith(("content/", f"locales/{locale}/")):
            hashed.update(f"\0{path}\0{tree.read(path).text}".encode())
    for key, png in sorted(screenshots.files.items()):
        hashed.update(f"\0{key}\0{png.stat().st_mtime_ns}".encode())
    return hashed.hexdigest()


_LOADED: dict[int, Published] = {}
"""The site loaded for each Sphinx run, by its config object (directives see the config)."""


def remember(config: Any, published: Published) -> None:
    _LOADED[id(config)] = published


def published_of(config: Any) -> Published:
    """The site the extension loaded for this Sphinx run (at `builder-inited`)."""
    return _LOADED[id(config)]


def embeds_of(env: Any) -> dict[str, dict[str, str]]:
    """`code:X` / `article:slug` -> {docname: section id} of every page embedding it."""
    if not hasattr(env, "certwarn_embeds"):
        env.certwarn_embeds = {}
    embeds: dict[str, dict[str, str]] = env.certwarn_embeds
    return embeds
