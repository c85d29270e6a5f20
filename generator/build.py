"""The build command's work: gather every input, render every page, then write them at once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from generator.config import SiteConfig
from generator.content import load_content
from generator.errors import ConfigError, Problem
from generator.l10n_stats import DocStats
from generator.outputs import site_wide_pages
from generator.review.gate import ApprovedTree
from generator.review.translations import translation_states
from generator.screenshot_index import scan_screenshots
from generator.site import LocaleSite, Page, SiteInput
from generator.sources import SourceTree
from generator.theme import load_theme
from generator.translations import load_catalogs
from generator.trees import preview_tree, published_tree
from generator.verify.report import REPORT_NAME, load_report
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


def gather(config: SiteConfig, tree: SourceTree, now: datetime, preview: bool) -> SiteInput:
    """Read and validate every input; raises before anything is written."""
    content = load_content(config, tree)
    loaded = load_catalogs(config, tree, content, config.locales)
    stats = with_review_states(config, loaded.stats, now)
    return SiteInput(
        config=config,
        content=content,
        theme=load_theme(config.theme, config.root),
        catalogs=loaded.catalogs,
        l10n_stats=stats,
        screenshots=scan_screenshots(config.build_dir / "screenshots", config.source_locale),
        verification=load_report(config.build_dir / "verify" / REPORT_NAME),
        today=now.date(),
        preview=preview,
        problems=loaded.problems,
    )


def with_review_states(
    config: SiteConfig, stats: Sequence[DocStats], now: datetime
) -> tuple[DocStats, ...]:
    """Fill the dashboard's "outdated" and "waiting for review" columns from the review store."""
    if not config.review.required:
        return tuple(stats)
    states = translation_states(config, now)
    filled = []
    for row in stats:
        state = states.get((row.locale, f"content/{row.domain}.md"))
        if state is not None:
            row = replace(row, outdated=state.outdated, waiting_for_review=state.waiting_for_review)
        filled.append(row)
    return tuple(filled)


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
    now: datetime | None = None,
    progress: Progress = lambda message: None,
) -> BuildResult:
    chosen = select_locales(config, locales)
    moment = now or datetime.now(UTC)
    tree = preview_tree(config) if preview else published_tree(config, moment)
    site = gather(config, tree, moment, preview)
    pages = render_pages(site, chosen, progress)
    target = out or (config.build_dir / "preview" if preview else config.output)
    written = write_site(target, pages)
    unpublished = tuple(tree.unpublished()) if isinstance(tree, ApprovedTree) else ()
    return BuildResult(target, len(pages), chosen, written, unpublished, site.problems)
