"""The build command's work: gather every input, render every page, then write them at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.config import SiteConfig
from generator.content import load_content
from generator.errors import ConfigError, Problem
from generator.outputs import site_wide_pages
from generator.screenshot_index import scan_screenshots
from generator.site import LocaleSite, Page, SiteInput
from generator.sources import SourceTree, WorkingTree
from generator.theme import load_theme
from generator.translations import load_catalogs
from generator.verification import load_verification
from generator.writer import WriteResult, write_site

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build produced."""

    out: Path
    pages: int
    locales: tuple[str, ...]
    write: WriteResult
    unpublished: tuple[str, ...] = ()
    """Sources left out because no revision of them is approved."""
    problems: tuple[Problem, ...] = ()
    """Translations that failed a check and fell back to the source text."""


def select_locales(config: SiteConfig, requested: Sequence[str]) -> tuple[str, ...]:
    unknown = [loc for loc in requested if loc not in config.locales]
    if unknown:
        known = ", ".join(config.locales)
        raise ConfigError(f"unknown locale {unknown[0]!r}; site.toml lists {known}", "site.toml")
    return tuple(requested) or config.locales


def gather(config: SiteConfig, tree: SourceTree, today: date, preview: bool) -> SiteInput:
    """Read and validate every input; raises before anything is written."""
    content = load_content(config, tree)
    loaded = load_catalogs(config, tree, content, config.locales)
    return SiteInput(
        config=config,
        content=content,
        theme=load_theme(config.theme, config.root),
        catalogs=loaded.catalogs,
        l10n_stats=loaded.stats,
        screenshots=scan_screenshots(config.build_dir / "screenshots", config.source_locale),
        verification=load_verification(config.build_dir / "verify" / "report.json"),
        today=today,
        preview=preview,
        problems=loaded.problems,
    )


def render_pages(site: SiteInput, locales: Sequence[str], progress: Progress) -> list[Page]:
    pages: list[Page] = []
    for tag in locales:
        progress(f"rendering {tag}")
        pages += LocaleSite(site, tag).pages()
    return pages + site_wide_pages(site, pages)


def build(
    config: SiteConfig,
    *,
    locales: Sequence[str] = (),
    preview: bool = False,
    out: Path | None = None,
    today: date | None = None,
    progress: Progress = lambda message: None,
) -> BuildResult:
    chosen = select_locales(config, locales)
    tree = WorkingTree(config.root)
    site = gather(config, tree, today or date.today(), preview)
    pages = render_pages(site, chosen, progress)
    target = out or (config.build_dir / "preview" if preview else config.output)
    written = write_site(target, pages)
    return BuildResult(target, len(pages), chosen, written, problems=site.problems)
