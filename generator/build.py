"""The build command's work: gather inputs, render what changed (locales in parallel), write.

Inputs are read and hashed first. A locale whose key matches the build cache keeps its pages
without rendering; the others are rendered, two at a time on two cores, each worker loading
only its own locale's catalogs. Pages are staged as they arrive and put in place at the end.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from generator.atomic import write_atomic
from generator.buildcache import (
    BuildCache,
    LocaleRecord,
    digest_of,
    generator_fingerprint,
    load_cache,
    save_cache,
)
from generator.config import CONFIG_NAME, SiteConfig
from generator.errors import ConfigError, Problem
from generator.l10n_stats import DocStats
from generator.pages import Page
from generator.review.gate import ApprovedTree
from generator.screenshot_index import ScreenshotIndex, scan_screenshots
from generator.sources import SourceFile, SourceTree
from generator.theme_files import fingerprint, theme_folders
from generator.trees import preview_tree, published_tree
from generator.verify.report import REPORT_NAME, load_report
from generator.writer import SiteWriter, WriteResult

if TYPE_CHECKING:
    from generator.content import Content
    from generator.site import SiteInput

# Parsing, rendering and translation modules (markdown-it, jinja2, babel) are imported where
# they are used: a build with nothing to render (the common no-op) never loads them.

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


class HashedTree:
    """A source tree whose every file is hashed once; sources stay in memory for parsing.

    Catalogs are only hashed: a build renders few locales, and each render worker reads its
    own catalogs again rather than inheriting every locale's text from the parent.
    """

    def __init__(self, tree: SourceTree, known: dict[str, tuple[str, str]]):
        """`known`: path -> (stamp, digest) from the last build, to skip unchanged files."""
        self.tree = tree
        self.sources: dict[str, SourceFile] = {}
        self.digests: dict[str, str] = {}
        self.stamps: dict[str, tuple[str, str]] = {}
        for path in tree.paths():
            stamp = tree.stamp(path)
            if stamp is not None and known.get(path, ("", ""))[0] == stamp:
                self.digests[path] = known[path][1]
            else:
                self.digests[path] = digest_of(_file_part(tree.read(path)))
            if stamp is not None:
                self.stamps[path] = (stamp, self.digests[path])

    def source(self, path: str) -> SourceFile:
        if path not in self.sources:
            self.sources[path] = self.tree.read(path)
        return self.sources[path]

    def paths(self) -> list[str]:
        return list(self.digests)

    def read(self, path: str) -> SourceFile:
        return self.source(path) if path.startswith("content/") else self.tree.read(path)

    def stamp(self, path: str) -> str | None:
        return self.stamps[path][0] if path in self.stamps else None


def select_locales(config: SiteConfig, requested: Sequence[str]) -> tuple[str, ...]:
    unknown = [loc for loc in requested if loc not in config.locales]
    if unknown:
        known = ", ".join(config.locales)
        raise ConfigError(f"unknown locale {unknown[0]!r}; site.toml lists {known}", "site.toml")
    return tuple(requested) or config.locales


def locale_keys(
    config: SiteConfig,
    tree: HashedTree,
    theme: str,
    screenshots: ScreenshotIndex,
    now: datetime,
    preview: bool,
) -> tuple[str, dict[str, str]]:
    """A hash of what every page depends on, and one per locale that adds its catalogs."""
    report = config.build_dir / "verify" / REPORT_NAME
    shots = sorted(
        (f"{loc}/{code}", p.stat().st_mtime_ns) for (loc, code), p in screenshots.files.items()
    )
    common = digest_of(
        generator_fingerprint(),
        theme,
        (config.root / CONFIG_NAME).read_bytes(),
        str(preview),
        now.date().isoformat(),
        report.read_bytes() if report.is_file() else b"",
        repr(shots),
        _review_log(config),
        *(d for p, d in tree.digests.items() if p.startswith("content/")),
    )
    keys = {}
    for tag in config.locales:
        prefix = f"locales/{tag}/"
        catalogs = [f"{p}\0{d}" for p, d in tree.digests.items() if p.startswith(prefix)]
        keys[tag] = digest_of(common, tag, *catalogs)
    return common, keys


def _review_log(config: SiteConfig) -> bytes:
    """The review log: "waiting for review" and "outdated" on the dashboard follow it."""
    log = config.content_dir / "_review" / "log.jsonl"
    return log.read_bytes() if config.review.required and log.is_file() else b""


def _file_part(source: SourceFile) -> str:
    return f"{source.path}\0{source.revision or ''}\0{source.text}"


def with_review_states(
    config: SiteConfig, stats: Sequence[DocStats], now: datetime
) -> tuple[DocStats, ...]:
    """Fill the dashboard's "outdated" and "waiting for review" columns from the review store."""
    if not config.review.required:
        return tuple(stats)
    from generator.review.translations import translation_states

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
    from generator.i18n import release_locale_data
    from generator.site import LocaleSite
    from generator.translations import load_catalogs

    assert _SITE is not None
    site = _SITE
    loaded = load_catalogs(site.config, site.tree, site.content, [tag])
    pages = LocaleSite(site, loaded.catalogs[tag]).pages()
    release_locale_data()
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
    tree: HashedTree
    theme: str
    """Hash of the theme's files."""
    screenshots: ScreenshotIndex
    keys: dict[str, str]
    """Per chosen locale, plus SITE_WIDE for the pages spanning locales."""
    common: str
    """Hash of the inputs every page depends on."""
    content_key: str
    """Hash of the sources and certwarn itself: names the parsed-content cache."""
    moment: datetime
    preview: bool


def read_inputs(
    config: SiteConfig,
    chosen: Sequence[str],
    moment: datetime,
    preview: bool,
    known: dict[str, tuple[str, str]],
) -> tuple[Inputs, SourceTree]:
    gated = preview_tree(config) if preview else published_tree(config, moment)
    tree = HashedTree(gated, known)
    theme = fingerprint(theme_folders(config.theme, config.root))
    screenshots = scan_screenshots(config.build_dir / "screenshots", config.source_locale)
    common, every = locale_keys(config, tree, theme, screenshots, moment, preview)
    keys = {tag: every[tag] for tag in chosen}
    keys[SITE_WIDE] = digest_of(*keys.values())
    sources = [d for p, d in tree.digests.items() if p.startswith("content/")]
    content_key = digest_of(generator_fingerprint(), *sources)
    inputs = Inputs(config, tree, theme, screenshots, keys, common, content_key, moment, preview)
    return inputs, gated


def cached_content(folder: Path, key: str, parse: Callable[[], Content]) -> Content:
    """Parsed sources from `folder` when they were parsed before from the same texts."""
    path = folder / f"content-{key[:24]}.pickle"
    try:
        with path.open("rb") as handle:
            content: Content = pickle.load(handle)
        return content
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError):
        pass
    content = parse()
    for old in folder.glob("content-*.pickle"):
        old.unlink(missing_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(path, pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL))
    return content


def known_locales(path: Path, tags: Sequence[str]) -> None:
    """Names and directions of every locale, for every page's language switcher.

    Reading them loads each locale's whole CLDR data; they are kept in `path` between builds
    and the data is released after each read, so neither time nor memory grows with locales.
    """
    from generator.i18n import LocaleInfo, locale_info, release_locale_data, remember_locale_infos

    with contextlib.suppress(OSError, ValueError, TypeError):
        remember_locale_infos(LocaleInfo(**item) for item in json.loads(path.read_text("utf-8")))
    infos = []
    for tag in tags:
        infos.append(locale_info(tag))
        release_locale_data()
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps([asdict(info) for info in infos], ensure_ascii=False).encode())


def _site(inputs: Inputs) -> SiteInput:
    from generator.content import load_content
    from generator.site import SiteInput
    from generator.theme import load_theme

    config = inputs.config
    cache = config.build_dir / ".cache"
    # content first: bad content stops the build before any cache is written
    content = cached_content(cache, inputs.content_key, partial(load_content, config, inputs.tree))
    known_locales(cache / "locales.json", config.locales)
    return SiteInput(
        config=config,
        content=content,
        theme=load_theme(config.theme, config.root, cache / "jinja"),
        tree=inputs.tree,
        screenshots=inputs.screenshots,
        verification=load_report(config.build_dir / "verify" / REPORT_NAME),
        today=inputs.moment.date(),
        preview=inputs.preview,
    )


def _render_into(
    writer: SiteWriter,
    inputs: Inputs,
    records: dict[str, LocaleRecord],
    cached_key: str | None,
    progress: Progress,
) -> list[str]:
    """Render every stale locale and, when they changed, the site-wide pages into `writer`."""
    global _SITE

    def fresh(tag: str, key: str) -> bool:
        record = records.get(tag)
        return (
            record is not None
            and record.key == key
            and writer.keep((p.path, p.digest) for p in record.pages)
        )

    chosen = [tag for tag in inputs.keys if tag != SITE_WIDE]
    stale = [tag for tag in chosen if not fresh(tag, inputs.keys[tag])]
    unchanged = not stale and cached_key == inputs.keys[SITE_WIDE] and SITE_WIDE in records
    if unchanged and fresh(SITE_WIDE, records[SITE_WIDE].key):
        return stale
    try:
        if stale:
            _SITE = _site(inputs)
        for tag, (pages, stats, problems) in _rendered(stale):
            progress(f"rendered {tag}")
            for page in pages:
                writer.add(page)
            infos = tuple(p.info() for p in pages)
            records[tag] = LocaleRecord(inputs.keys[tag], infos, stats, problems)
        _site_wide(writer, inputs, records, chosen, fresh)
    finally:
        _SITE = None
    return stale


def _site_wide(
    writer: SiteWriter,
    inputs: Inputs,
    records: dict[str, LocaleRecord],
    chosen: list[str],
    fresh: Callable[[str, str], bool],
) -> None:
    """Root page, dashboard, sitemap, manifest and assets: kept unless what they show changed."""
    global _SITE
    infos = [p for tag in chosen for p in records[tag].pages]
    stats = [s for tag in chosen for s in records[tag].stats]
    stats = list(with_review_states(inputs.config, stats, inputs.moment))
    shown = [(p.path, p.kind, p.ident, p.locale, p.title) for p in infos]
    key = digest_of(inputs.common, repr(chosen), repr(shown), repr(stats))
    if fresh(SITE_WIDE, key):
        return
    from generator.outputs import site_wide_pages

    _SITE = _SITE or _site(inputs)
    pages = site_wide_pages(_SITE, infos, stats)
    for page in pages:
        writer.add(page)
    records[SITE_WIDE] = LocaleRecord(key, tuple(p.info() for p in pages), (), ())


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
    target = out or (config.build_dir / "preview" if preview else config.output)
    cached = load_cache(cache_path(config, target))
    known = cached.files if cached else {}
    inputs, gated = read_inputs(config, chosen, now or datetime.now(UTC), preview, known)
    records = dict(cached.locales) if cached else {}
    writer = SiteWriter(target)
    try:
        cached_key = cached.key if cached else None
        rendered = _render_into(writer, inputs, records, cached_key, progress)
        written = writer.commit()
    except BaseException:
        writer.abort()
        raise
    kept = {tag: records[tag] for tag in inputs.keys}
    files = inputs.tree.stamps
    if cached is None or (cached.key, cached.locales, cached.files) != (
        inputs.keys[SITE_WIDE],
        kept,
        files,
    ):
        save_cache(cache_path(config, target), BuildCache(inputs.keys[SITE_WIDE], kept, files))
    problems = tuple(p for tag in chosen for p in records[tag].problems)
    unpublished = tuple(gated.unpublished()) if isinstance(gated, ApprovedTree) else ()
    pages = sum(len(r.pages) for r in kept.values())
    return BuildResult(target, pages, chosen, written, unpublished, problems, tuple(rendered))
