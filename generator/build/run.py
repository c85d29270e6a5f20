"""The build command's work: read inputs, render what changed, write the site at once.

Inputs are read and hashed first (`inputs`). A locale whose key matches the build cache
keeps its pages without rendering; the others are rendered on all cores (`workers`).
Pages are staged as they arrive and put in place at the end (`writer`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from generator.build.cache import BuildCache, digest_of, load_cache, save_cache
from generator.build.inputs import SITE_WIDE, read_inputs
from generator.build.search_index import IndexPhase
from generator.build.workers import Progress, render_site
from generator.build.writer import SiteWriter, WriteResult
from generator.config import SiteConfig
from generator.errors import ConfigError, Problem
from generator.review.trees import refused, remember_published, unpublished


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
    rendered: tuple[str, ...] = ()
    """Locales rendered this time (the others came unchanged from the cache)."""
    refused: tuple[str, ...] = ()
    """Approvals the trust root no longer accepts (revoked, retired), with what that unpublishes."""
    rendered_pages: tuple[str, ...] = ()
    """Paths of the pages rendered this time (the others were kept from the last build)."""
    search: IndexPhase = IndexPhase()
    """What indexing for search cost (nothing when no locale's help pages changed)."""


def select_locales(config: SiteConfig, requested: Sequence[str]) -> tuple[str, ...]:
    unknown = [loc for loc in requested if loc not in config.locales]
    if unknown:
        known = ", ".join(config.locales)
        raise ConfigError(f"unknown locale {unknown[0]!r}; site.toml lists {known}", "site.toml")
    return tuple(requested) or config.locales


def cache_path(config: SiteConfig, target: Path) -> Path:
    """The build cache of an output folder, named for the folder (the link a build switches,
    not the version it shows, so every build of the folder finds the same cache)."""
    where = target.absolute().parent.resolve() / target.name
    return config.build_dir / ".cache" / f"{target.name}-{digest_of(str(where))[:12]}.pickle"


def build(
    config: SiteConfig,
    *,
    locales: Sequence[str] = (),
    preview: bool = False,
    out: Path | None = None,
    now: datetime | None = None,
    progress: Progress = lambda message: None,
    search: bool = True,
    live: Callable[[], None] = lambda: None,
    lists: bool = True,
) -> BuildResult:
    """Build the site (or the preview) and write it; raises before writing on bad input.

    Without `search`, changed locales keep their old search index and the next build with
    it makes theirs (the live preview shows the pages at once, then indexes them). `live` is
    called as soon as the new site is in place, before the build tidies up and saves its
    cache (the live preview reloads open pages then). Without `lists`, a changed title or
    summary renders only the pages of its own document; the pages listing it (the home
    page's table, related codes) and the site-wide pages are left to the next build."""
    chosen = select_locales(config, locales)
    target = out or (config.build_dir / "preview" if preview else config.output)
    cached = load_cache(cache_path(config, target))
    known = cached.files if cached else {}
    inputs, gated = read_inputs(config, chosen, now or datetime.now(UTC), preview, known)
    cache_file = cache_path(config, target)
    stamps = cache_file.with_name(f"stamps-{cache_file.name}")
    writer = SiteWriter(target, only=chosen if locales else None, stamps=stamps)
    try:
        cached_key = cached.key if cached else None
        previous = cached.locales if cached else {}
        rendered = render_site(writer, inputs, previous, cached_key, progress, search, lists)
        written = writer.commit(live)
    except BaseException:
        writer.abort()
        raise
    remember_published(config, gated)
    kept = rendered.records
    files = inputs.tree.stamps
    if cached is None or (cached.key, cached.locales, cached.files) != (
        inputs.keys[SITE_WIDE],
        kept,
        files,
    ):
        save_cache(cache_path(config, target), BuildCache(inputs.keys[SITE_WIDE], kept, files))
    problems = tuple(p for tag in chosen for p in kept[tag].problems)
    left_out = unpublished(gated)
    pages = sum(len(r.pages) for r in kept.values())
    return BuildResult(
        target,
        pages,
        chosen,
        written,
        left_out,
        problems,
        tuple(rendered.stale),
        refused(gated),
        rendered.pages,
        rendered.search,
    )
