"""Rendering the locales whose inputs changed, in parallel, and the pages spanning locales.

Within a changed locale whose shared inputs and titles are unchanged, only the pages that
show a document whose translation changed are rendered again; the others are kept.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from generator.build.changes import changed_documents, shown_texts
from generator.build.inputs import SITE_WIDE, Inputs, cached_content, known_locales
from generator.build.cache import LocaleRecord, digest_of
from generator.build.search_index import is_index_file, search_index
from generator.config import SiteConfig
from generator.errors import Problem
from generator.l10n.stats import DocStats
from generator.render.pages import Page, PageInfo
from generator.verify.report import REPORT_NAME, load_report
from generator.build.writer import SiteWriter

if TYPE_CHECKING:
    from generator.render.locale_site import SiteInput

# Parsing, rendering and translation modules (markdown-it, jinja2, babel) are imported where
# they are used: a build with nothing to render (the common no-op) never loads them.

Progress = Callable[[str], None]
PARALLEL_FROM = 4
"""Locales to render before a process pool pays for its start-up."""


def by_path(page: PageInfo) -> str:
    return page.path


def with_review_states(
    config: SiteConfig, stats: Sequence[DocStats], now: datetime
) -> tuple[DocStats, ...]:
    """Fill the dashboard's "outdated" and "waiting for review" columns from the review store."""
    if not config.review.required:
        return tuple(stats)
    from generator.review.translation_status import translation_states

    states = translation_states(config, now)
    filled = []
    for row in stats:
        state = states.get((row.locale, f"content/{row.domain}.md"))
        if state is not None:
            row = replace(row, outdated=state.outdated, waiting_for_review=state.waiting_for_review)
        filled.append(row)
    return tuple(filled)


@dataclass(frozen=True, slots=True)
class LocaleOutput:
    """What rendering one locale produced."""

    pages: list[Page]
    """Pages rendered now."""
    kept: tuple[PageInfo, ...]
    """Pages of the last build that show nothing that changed."""
    stats: tuple[DocStats, ...]
    problems: tuple[Problem, ...]
    texts: dict[str, str]


_SITE: SiteInput | None = None
"""The site a forked render worker inherits from its parent."""
_COMMON = ""
"""Hash of the inputs all locales share, for the worker to compare with the cache."""
_PREVIOUS: dict[str, LocaleRecord] = {}
"""Each locale as the last build left it."""


def render_locale(tag: str) -> LocaleOutput:
    """Load one locale's catalogs and render its pages (runs in a worker or in-process)."""
    from generator.l10n.locale_data import release_locale_data
    from generator.render.locale_site import LocaleSite
    from generator.render.plan import locale_pages
    from generator.l10n.catalog_loading import load_catalogs

    assert _SITE is not None
    loaded = load_catalogs(_SITE.config, _SITE.tree, _SITE.content, [tag])
    site = LocaleSite(_SITE, loaded.catalogs[tag])
    texts = shown_texts(site, loaded.catalogs[tag])
    previous = _PREVIOUS.get(tag)
    changed = changed_documents(previous, texts, _COMMON)
    pages = locale_pages(site, changed)
    release_locale_data()
    paths = {page.path for page in pages}
    kept = (
        tuple(p for p in previous.pages if p.path not in paths and not is_index_file(p.path))
        if previous and changed is not None
        else ()
    )
    return LocaleOutput(pages, kept, loaded.stats, loaded.problems, texts)


def _rendered(tags: Sequence[str]) -> Iterator[tuple[str, LocaleOutput]]:
    workers = min(os.cpu_count() or 1, len(tags))
    if len(tags) < PARALLEL_FROM or workers < 2:
        yield from ((tag, render_locale(tag)) for tag in tags)
        return
    # fork: workers inherit the parsed content instead of receiving it pickled
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from zip(tags, pool.map(render_locale, tags), strict=True)


def _site(inputs: Inputs) -> SiteInput:
    from generator.content.load import load_content
    from generator.render.locale_site import SiteInput
    from generator.theme.environment import load_theme

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


def render_into(
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
    global _COMMON, _PREVIOUS
    try:
        if stale:
            _SITE, _COMMON, _PREVIOUS = _site(inputs), inputs.common, dict(records)
        for tag, output in _rendered(stale):
            progress(f"rendered {tag}")
            if not writer.keep((p.path, p.digest) for p in output.kept):
                _PREVIOUS.pop(tag, None)  # a kept file is gone: render the whole locale
                output = render_locale(tag)
            for page in output.pages:
                writer.add(page)
            previous = records[tag].pages if tag in records else ()
            index, run = search_index(writer, tag, output.pages, output.kept, previous)
            if run:
                progress(run.describe())
            kept = (*output.kept, *index)
            infos = tuple(sorted((*(p.info() for p in output.pages), *kept), key=by_path))
            record = LocaleRecord(inputs.keys[tag], infos, output.stats, output.problems)
            records[tag] = replace(record, common=inputs.common, texts=output.texts)
        _site_wide(writer, inputs, records, chosen, fresh)
    finally:
        _SITE, _PREVIOUS = None, {}
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
    shown = sorted((p.path, p.kind, p.ident, p.locale, p.title) for p in infos)
    key = digest_of(inputs.common, repr(chosen), repr(shown), repr(stats))
    if fresh(SITE_WIDE, key):
        return
    from generator.render.site_wide import site_wide_pages

    _SITE = _SITE or _site(inputs)
    pages = site_wide_pages(_SITE, infos, stats)
    for page in pages:
        writer.add(page)
    records[SITE_WIDE] = LocaleRecord(key, tuple(p.info() for p in pages), (), ())
