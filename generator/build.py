"""The build command's work: gather inputs, render what changed (locales in parallel), write.

Inputs are read and hashed first. A locale whose key matches the build cache keeps its pages
without rendering; the others are rendered, two at a time on two cores, each worker loading
only its own locale's catalogs. Pages are staged as they arrive and put in place at the end.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from generator.buildcache import (
    BuildCache,
    LocaleRecord,
    digest_of,
    generator_fingerprint,
    load_cache,
    save_cache,
)
from generator.config import CONFIG_NAME, SiteConfig
from generator.content import load_content
from generator.errors import ConfigError, Problem
from generator.l10n_stats import DocStats
from generator.outputs import site_wide_pages
from generator.review.gate import ApprovedTree
from generator.review.translations import translation_states
from generator.screenshot_index import ScreenshotIndex, scan_screenshots
from generator.site import LocaleSite, Page, SiteInput
from generator.sources import SourceFile, SourceTree
from generator.theme import Theme, load_theme
from generator.translations import load_catalogs
from generator.trees import preview_tree, published_tree
from generator.verify.report import REPORT_NAME, load_report
from generator.writer import SiteWriter, WriteResult

Progress = Callable[[str], None]
PARALLEL_FROM = 4
"""Locales to render before a process pool pays for its start-up."""


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


class MemoryTree:
    """A source tree read once into memory, so hashing and parsing share one read."""

    def __init__(self, tree: SourceTree):
        self.files = {path: tree.read(path) for path in tree.paths()}

    def paths(self) -> list[str]:
        return list(self.files)

    def read(self, path: str) -> SourceFile:
        return self.files[path]


def select_locales(config: SiteConfig, requested: Sequence[str]) -> tuple[str, ...]:
    unknown = [loc for loc in requested if loc not in config.locales]
    if unknown:
        known = ", ".join(config.locales)
        raise ConfigError(f"unknown locale {unknown[0]!r}; site.toml lists {known}", "site.toml")
    return tuple(requested) or config.locales


def locale_keys(
    config: SiteConfig,
    tree: MemoryTree,
    theme: Theme,
    screenshots: ScreenshotIndex,
    now: datetime,
    preview: bool,
) -> dict[str, str]:
    """A hash per locale of everything its pages depend on."""
    report = config.build_dir / "verify" / REPORT_NAME
    shots = sorted(
        (f"{loc}/{code}", p.stat().st_mtime_ns) for (loc, code), p in screenshots.files.items()
    )
    common = digest_of(
        generator_fingerprint(),
        theme.fingerprint(),
        (config.root / CONFIG_NAME).read_bytes(),
        str(preview),
        now.date().isoformat(),
        report.read_bytes() if report.is_file() else b"",
        repr(shots),
        *(_file_part(f) for p, f in tree.files.items() if p.startswith("content/")),
    )
    keys = {}
    for tag in config.locales:
        prefix = f"locales/{tag}/"
        catalogs = [_file_part(f) for p, f in tree.files.items() if p.startswith(prefix)]
        keys[tag] = digest_of(common, tag, *catalogs)
    return keys


def _file_part(source: SourceFile) -> str:
    return f"{source.path}\0{source.revision or ''}\0{source.text}"


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


_SITE: SiteInput | None = None
"""The site a forked render worker inherits from its parent."""


LocaleOutput = tuple[list[Page], tuple[DocStats, ...], tuple[Problem, ...]]
SITE_WIDE = "*"
"""Cache record of the pages that span locales (root, dashboard, sitemap, manifest, assets)."""


def render_locale(tag: str) -> LocaleOutput:
    """Load one locale's catalogs and render its pages (runs in a worker or in-process)."""
    assert _SITE is not None
    site = _SITE
    loaded = load_catalogs(site.config, site.tree, site.content, [tag])
    pages = LocaleSite(site, loaded.catalogs[tag]).pages()
    return pages, loaded.stats, loaded.problems


def _rendered(tags: Sequence[str]) -> Iterator[tuple[str, LocaleOutput]]:
    workers = min(os.cpu_count() or 1, len(tags))
    if len(tags) < PARALLEL_FROM or workers < 2:
        yield from ((tag, render_locale(tag)) for tag in tags)
        return
    # fork: workers inherit the parsed content instead of receiving it pickled
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from zip(tags, pool.map(render_locale, tags), strict=True)


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything read and hashed before deciding what to render."""

    config: SiteConfig
    tree: MemoryTree
    theme: Theme
    screenshots: ScreenshotIndex
    keys: dict[str, str]
    """Per chosen locale, plus SITE_WIDE for the pages spanning locales."""
    moment: datetime
    preview: bool


def read_inputs(
    config: SiteConfig, chosen: Sequence[str], moment: datetime, preview: bool
) -> tuple[Inputs, SourceTree]:
    gated = preview_tree(config) if preview else published_tree(config, moment)
    tree = MemoryTree(gated)
    theme = load_theme(config.theme, config.root)
    screenshots = scan_screenshots(config.build_dir / "screenshots", config.source_locale)
    every = locale_keys(config, tree, theme, screenshots, moment, preview)
    keys = {tag: every[tag] for tag in chosen}
    keys[SITE_WIDE] = digest_of(*keys.values())
    return Inputs(config, tree, theme, screenshots, keys, moment, preview), gated


def _site(inputs: Inputs) -> SiteInput:
    config = inputs.config
    return SiteInput(
        config=config,
        content=load_content(config, inputs.tree),
        theme=inputs.theme,
        tree=inputs.tree,
        screenshots=inputs.screenshots,
        verification=load_report(config.build_dir / "verify" / REPORT_NAME),
        today=inputs.moment.date(),
        preview=inputs.preview,
    )


def _render_into(
    writer: SiteWriter, inputs: Inputs, records: dict[str, LocaleRecord], progress: Progress
) -> list[str]:
    """Render every stale locale (and the site-wide pages) into `writer`; return those locales."""
    global _SITE

    def fresh(tag: str) -> bool:
        record = records.get(tag)
        return (
            record is not None
            and record.key == inputs.keys[tag]
            and writer.keep((p.path, p.digest) for p in record.pages)
        )

    stale = [tag for tag in inputs.keys if tag != SITE_WIDE and not fresh(tag)]
    if not stale and fresh(SITE_WIDE):
        return stale
    _SITE = _site(inputs)
    try:
        for tag, (pages, stats, problems) in _rendered(stale):
            progress(f"rendered {tag}")
            for page in pages:
                writer.add(page)
            records[tag] = LocaleRecord(
                inputs.keys[tag], tuple(p.info() for p in pages), stats, problems
            )
        chosen = [tag for tag in inputs.keys if tag != SITE_WIDE]
        infos = [p for tag in chosen for p in records[tag].pages]
        stats = with_review_states(
            inputs.config, [s for t in chosen for s in records[t].stats], inputs.moment
        )
        site_pages = site_wide_pages(_SITE, infos, stats)
    finally:
        _SITE = None
    for page in site_pages:
        writer.add(page)
    records[SITE_WIDE] = LocaleRecord(
        inputs.keys[SITE_WIDE], tuple(p.info() for p in site_pages), (), ()
    )
    return stale


def cache_path(config: SiteConfig, target: Path) -> Path:
    return (
        config.build_dir / ".cache" / f"{target.name}-{digest_of(str(target.resolve()))[:12]}.json"
    )


def build(
    config: SiteConfig,
    *,
    locales: Sequence[str] = (),
    preview: bool = False,
    out: Path | None = None,
    now: datetime | None = None,
    progress: Progress = lambda message: None,
) -> BuildResult:
    """Build the site (or the preview) and write it; raises before writing on bad input."""
    chosen = select_locales(config, locales)
    inputs, gated = read_inputs(config, chosen, now or datetime.now(UTC), preview)
    target = out or (config.build_dir / "preview" if preview else config.output)
    cached = load_cache(cache_path(config, target))
    records = dict(cached.locales) if cached else {}
    writer = SiteWriter(target)
    try:
        rendered = _render_into(writer, inputs, records, progress)
        written = writer.commit()
    except BaseException:
        writer.abort()
        raise
    kept = {tag: records[tag] for tag in inputs.keys}
    save_cache(cache_path(config, target), BuildCache(inputs.keys[SITE_WIDE], kept))
    problems = tuple(p for tag in chosen for p in records[tag].problems)
    unpublished = tuple(gated.unpublished()) if isinstance(gated, ApprovedTree) else ()
    pages = sum(len(r.pages) for r in kept.values())
    return BuildResult(target, pages, chosen, written, unpublished, problems, tuple(rendered))
