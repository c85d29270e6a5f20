"""Rendering the locales whose inputs changed, in parallel, and the pages spanning locales.

Within a changed locale whose shared inputs and front matter are unchanged, only the pages
that show a document whose source or translation changed are rendered again; the others are
kept (build.changes). Workers write their pages into the writer's staging folder themselves
and send back paths and digests, so no page's bytes travel through a pipe or wait in the
parent; a worker that dies fails the build, and the live site stays as it was.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING

from generator.build.cache import LocaleRecord, digest_of
from generator.build.changes import changed_documents, shown_digests
from generator.build.inputs import SITE_WIDE, Inputs, known_locales
from generator.build.locale_memos import ReadThrough, load_memo, remembered_formats, save_memo
from generator.build.parse_cache import cached_content
from generator.build.search_index import (
    IndexJob,
    IndexPhase,
    index_digest,
    index_locales,
    is_index_file,
)
from generator.build.writer import SiteWriter
from generator.errors import CertwarnError, Problem, raise_problems
from generator.l10n.stats import DocStats
from generator.render.changed import Changed
from generator.render.pages import Page, PageInfo

if TYPE_CHECKING:
    from concurrent.futures import Future
    from multiprocessing.sharedctypes import Synchronized

    from generator.l10n.catalog_loading import LoadedCatalogs, SortedCatalog
    from generator.render.locale_site import LocaleSite, SiteInput
    from generator.review.published_history import FileHistory
    from generator.review.state import StoreState

# Parsing, rendering and translation modules (markdown-it, jinja2, babel) and the process
# pool are imported where they are used: a build with nothing to render (the common no-op)
# never loads them.

Progress = Callable[[str], None]
PARALLEL_FROM = 4
"""Locales to render before a process pool pays for its start-up."""


def by_path(page: PageInfo) -> str:
    return page.path


def with_review_states(inputs: Inputs, stats: Sequence[DocStats]) -> tuple[DocStats, ...]:
    """Fill the dashboard's "outdated" and "waiting for review" columns from the review store."""
    config, now = inputs.config, inputs.moment
    if not config.review.required:
        return tuple(stats)
    from generator.l10n.catalog_names import THEME_DOMAIN, catalog_path
    from generator.l10n.catalog_review import waiting_messages
    from generator.review.translation_status import store_translation_states

    store = _store(inputs)  # read once for both columns
    states, waiting = store_translation_states(store, now), waiting_messages(store, now)
    filled = []
    for row in stats:
        catalog = catalog_path(row.locale, row.domain)
        source = catalog if row.domain == THEME_DOMAIN else f"content/{row.domain}.md"
        state = states.get((row.locale, source))
        if state is not None:
            row = replace(
                row,
                outdated=state.outdated,
                waiting_for_review=state.waiting_for_review,
                waiting_messages=waiting.get(catalog, 0),
            )
        filled.append(row)
    return tuple(filled)


@dataclass(frozen=True, slots=True)
class LocaleOutput:
    """What rendering one locale produced: its files are in the staging folder already."""

    pages: tuple[PageInfo, ...]
    """Every file of the locale after this build (rendered and kept; the search index is made
    after every locale is rendered), by path."""
    rendered: tuple[str, ...]
    """Paths of the pages rendered now."""
    files: dict[str, str]
    """Path -> digest of each file the worker put into the staging folder."""
    written: tuple[str, ...]
    """Of those, the files written (the others are links to unchanged live files)."""
    stats: tuple[DocStats, ...]
    problems: tuple[Problem, ...]
    shown_digests: dict[str, str]
    document_inputs: dict[str, str]
    finished: bool = True
    """False when pages listing a changed head were left to the next build (RenderState)."""


@dataclass(frozen=True, slots=True)
class RenderState:
    """Everything rendering a locale reads besides its tag; forked workers inherit it."""

    site: SiteInput
    frame: str
    """Hash of the inputs besides sources and catalogs, for comparing with the cache."""
    sources: Mapping[str, str]
    """Source path -> hash of its text: a document's pages render again when it changes."""
    previous: Mapping[str, LocaleRecord]
    """Each locale as the last build left it."""
    writer: SiteWriter
    """The build's writer: each worker writes its own pages into its staging folder."""
    lists: bool = True
    """Whether the pages listing a document whose head changed render now; without it they
    are left to the next build, which finds the head changed still (the live preview)."""


@dataclass(frozen=True, slots=True)
class Rendered:
    """What `render_site` made: the records of every locale it covers, and which it rendered."""

    records: dict[str, LocaleRecord]
    stale: list[str]
    pages: tuple[str, ...] = ()
    """Paths of the pages rendered this time."""
    search: IndexPhase = IndexPhase()
    """What indexing the changed locales for search cost."""


def render_locale(state: RenderState, tag: str) -> LocaleOutput:
    """Render one locale's stale pages and write them, with the files kept from the last build,
    into the staging folder (runs in a worker or in-process)."""
    from generator.l10n.catalog_loading import load_catalogs
    from generator.render.locale_site import LocaleSite

    source = state.site
    cache = source.config.build_dir / ".cache"
    memo_path = cache / "catalogs" / f"{tag}.pickle"
    memo: dict[str, SortedCatalog] = load_memo(memo_path)
    used: dict[str, SortedCatalog] = {}
    through = ReadThrough(memo, used)
    loaded = load_catalogs(
        source.config, source.tree, source.content, [tag], through, source.shown_pages
    )
    if used.keys() != memo.keys():
        save_memo(memo_path, used)
    with remembered_formats(cache, tag):
        output = _render_locale(state, tag, LocaleSite(source, loaded.catalogs[tag]), loaded)
    # the locale's pages hold one another in cycles, its catalogs too: collected now, they
    # are never kept beside the next locale's (a process renders several in turn)
    del loaded
    gc.collect()
    return output


def _render_locale(
    state: RenderState, tag: str, site: LocaleSite, loaded: LoadedCatalogs
) -> LocaleOutput:
    """Render the stale pages of `tag` (its catalogs loaded into `site`) and keep the rest."""
    from generator.l10n.locale_data import release_locale_data
    from generator.render.plan import locale_pages

    previous = state.previous.get(tag)
    digests, made_from = shown_digests(
        site, loaded.catalogs[tag], state.sources, previous, state.frame
    )
    changed = changed_documents(previous, digests, state.frame)
    finished = state.lists or changed is None or not changed.heads
    if not finished:
        assert changed is not None
        changed = _lists_later(changed, previous, digests, made_from)
    part = state.writer.part()
    rendered = [_put(part, page) for page in locale_pages(site, changed)]
    kept: tuple[PageInfo, ...] = ()
    if previous is not None and changed is not None:
        done = {p.path for p in rendered}
        kept = tuple(p for p in previous.pages if p.path not in done and not is_index_file(p.path))
        if not part.keep((p.path, p.digest) for p in kept):
            # a kept file is gone or altered: render the rest of the locale too
            kept = ()
            rest = (page for page in locale_pages(site) if page.path not in done)
            rendered += (_put(part, page) for page in rest)
    release_locale_data()
    pages = tuple(sorted((*rendered, *kept), key=by_path))
    return LocaleOutput(
        pages,
        tuple(p.path for p in rendered),
        part.hashes,
        tuple(part.written),
        loaded.stats,
        loaded.problems,
        digests,
        made_from,
        finished,
    )


def _lists_later(
    changed: Changed,
    previous: LocaleRecord | None,
    digests: dict[str, str],
    made_from: dict[str, str],
) -> Changed:
    """Only the pages showing the changed documents; the record keeps their heads as they
    were, so the next build renders the pages that list them."""
    assert previous is not None  # (a change set is made against a previous record)
    for ident in changed.heads:
        digests[f"{ident}#head"] = previous.shown_digests[f"{ident}#head"]
        made_from[ident] = ""  # compared again by the next build
    return Changed(changed.bodies | changed.heads, frozenset())


def _put(part: SiteWriter, page: Page) -> PageInfo:
    part.add(page)
    return page.info()


@dataclass(frozen=True, slots=True)
class _Shared:
    """What the build process and its forked workers share while they render locales."""

    state: RenderState
    tags: tuple[str, ...]
    next_index: Synchronized[int]
    """Index in `tags` of the next locale no process has taken yet."""

    def take(self) -> str | None:
        """The next locale no process has taken yet, or None when all are taken."""
        with self.next_index.get_lock():
            index = self.next_index.value
            if index >= len(self.tags):
                return None
            self.next_index.value = index + 1
        return self.tags[index]

    def take_all(self) -> None:
        """Leave no locale to take (the build failed: workers finish the one they have)."""
        with self.next_index.get_lock():
            self.next_index.value = len(self.tags)


_SHARED: _Shared | None = None
"""Set in the build process, and so inherited by the workers, while a pool renders."""


def _render_next() -> tuple[str, LocaleOutput] | None:
    """In a worker: render the next locale not yet taken, if there is one."""
    assert _SHARED is not None, "a worker started outside a parallel render"
    tag = _SHARED.take()
    return None if tag is None else (tag, render_locale(_SHARED.state, tag))


def _rendered(state: RenderState, tags: Sequence[str]) -> Iterator[tuple[str, LocaleOutput]]:
    """Each locale of `tags` rendered. With several, the build process renders locales too,
    beside one forked worker per other CPU: each process takes the next locale not yet taken
    (so none waits while another has several left), and a process fewer holds its own copy of
    what rendering touches (a forked worker soon has most of its memory to itself)."""
    global _SHARED
    processes = min(os.cpu_count() or 1, len(tags))
    if len(tags) < PARALLEL_FROM or processes < 2:
        gc.freeze()  # what the build holds already is no locale's garbage: not collected
        try:
            yield from ((tag, render_locale(state, tag)) for tag in tags)
        finally:
            gc.unfreeze()
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork")
    shared = _SHARED = _Shared(state, tuple(tags), context.Value("i", 0))
    # fork: workers inherit the parsed content instead of receiving it pickled; frozen, the
    # collector leaves the inherited objects alone, so fewer of their pages are copied
    gc.freeze()
    try:
        with ProcessPoolExecutor(processes - 1, mp_context=context) as pool:
            asked = [pool.submit(_render_next) for _ in tags]
            try:
                while (tag := shared.take()) is not None:
                    yield tag, render_locale(state, tag)
                    while asked and asked[0].done():
                        yield from _answer(asked.pop(0))
                for future in asked:
                    yield from _answer(future)
            except BaseException:
                shared.take_all()
                pool.shutdown(cancel_futures=True)
                raise
    except BrokenProcessPool as e:
        raise CertwarnError(
            "a render worker stopped before it finished (killed, or out of memory); "
            "the site was left as it was"
        ) from e
    finally:
        _SHARED = None
        gc.unfreeze()  # `serve` builds again in this process


def _answer(future: Future[tuple[str, LocaleOutput] | None]) -> Iterator[tuple[str, LocaleOutput]]:
    found = future.result()
    if found is not None:
        yield found


def _site(inputs: Inputs) -> SiteInput:
    config = inputs.config
    cache = config.build_dir / ".cache"
    # a first build reads every locale's CLDR data beside the rest of this
    reading = known_locales(cache / "locales.json", config.locales, inputs.moment.date())
    try:
        site = _site_input(inputs)
    except BaseException:
        reading.cancel()
        raise
    reading.wait()
    return site


def _site_input(inputs: Inputs) -> SiteInput:
    config = inputs.config
    cache = config.build_dir / ".cache"
    # imported before the workers fork, which then inherit them instead of importing each
    import generator.l10n.catalog_loading
    import generator.render.plan
    import generator.render.site_wide  # noqa: F401
    from generator.content.load import load_content
    from generator.l10n.page_labels import shown_pages, source_problems
    from generator.render.evidence import read_evidence
    from generator.render.locale_site import SiteInput
    from generator.theme.environment import load_theme

    # content first: bad content stops the build before any cache is written
    parse = partial(load_content, config, inputs.tree)
    content = cached_content(cache, inputs.content_key, inputs.tree.digests, parse)
    scenarios = {code.code: code.scenario for code in content.codes.values()}
    evidence = read_evidence(config, inputs.tree, scenarios, inputs.moment.date())
    # every {button} of a code page is on the Firefox page recorded for its code
    pages = shown_pages(inputs.tree, content)
    raise_problems(source_problems(content, pages, config.source_locale))
    theme = load_theme(config.theme, config.root, cache / "jinja")
    theme.compile_all()
    return SiteInput(
        config=config,
        content=content,
        theme=theme,
        tree=inputs.tree,
        screenshots=evidence.screenshots,
        verification=evidence,
        today=inputs.moment.date(),
        preview=inputs.preview,
        histories=_histories(inputs),
        shown_pages=pages,
    )


def _histories(inputs: Inputs) -> dict[str, FileHistory]:
    """What pages may show of each file's review history (nothing when review is off)."""
    if not inputs.config.review.required:
        return {}
    from generator.review.published_history import file_histories

    return file_histories(_store(inputs), inputs.moment)


def _store(inputs: Inputs) -> StoreState:
    """The review store as the gate read it for this build, or (a preview) read strictly now."""
    from generator.review.gate import ApprovedTree
    from generator.review.state import open_store

    gated = inputs.tree.tree
    if isinstance(gated, ApprovedTree) and gated.state is not None:
        return gated.state
    return open_store(inputs.config)


def render_site(
    writer: SiteWriter,
    inputs: Inputs,
    previous: Mapping[str, LocaleRecord],
    cached_key: str | None,
    progress: Progress,
    search: bool = True,
    lists: bool = True,
) -> Rendered:
    """Render every stale locale and, when they changed, the site-wide pages into `writer`.

    Returns the records of every chosen locale (and the site-wide pages) after this build.
    Without `search`, a changed locale keeps its old search index (see index_locales);
    without `lists`, the pages listing a changed title wait for the next build (RenderState).
    """

    def keeps_cached(tag: str, key: str) -> bool:
        """Whether `tag`'s cached pages are still right; if so the writer keeps their files
        (an outdated search index is left to the index phase)."""
        record = previous.get(tag)
        if record is None or record.key != key:
            return False
        outdated = search and tag != SITE_WIDE and _index_outdated(record)
        kept = (p for p in record.pages if not (outdated and is_index_file(p.path)))
        return writer.keep((p.path, p.digest) for p in kept)

    chosen = [tag for tag in inputs.keys if tag != SITE_WIDE]
    stale = [tag for tag in chosen if not keeps_cached(tag, inputs.keys[tag])]
    # `build --locale` leaves the other locales' pages as they are, and site-wide pages list them
    others = [t for t in inputs.config.locales if t not in chosen and t in previous]
    records = {tag: previous[tag] for tag in others + chosen if tag not in stale}
    # (a site-wide record without a key was left for this build to finish)
    unchanged = (
        not stale
        and cached_key == inputs.keys[SITE_WIDE]
        and bool(SITE_WIDE in previous and previous[SITE_WIDE].key)
    )
    indexed = not search or not any(_index_outdated(r) for r in records.values())
    if unchanged and indexed and keeps_cached(SITE_WIDE, previous[SITE_WIDE].key):
        return Rendered({**records, SITE_WIDE: previous[SITE_WIDE]}, stale)
    state = (
        RenderState(_site(inputs), inputs.frame, inputs.tree.digests, previous, writer, lists)
        if stale
        else None
    )
    made: list[str] = []
    if state is not None:
        records.update(_render_stale(writer, inputs, state, stale, progress, made))
    chosen_records = {tag: records[tag] for tag in chosen}
    phase = _index(writer, chosen_records, stale, previous, progress, search)
    records.update(chosen_records)
    site = state.site if state else None
    shown = [tag for tag in inputs.config.locales if tag in records]
    last = previous.get(SITE_WIDE)
    if not lists and last is not None and writer.keep((p.path, p.digest) for p in last.pages):
        # the dashboard and the manifest list every page: left to the next build too
        records[SITE_WIDE] = replace(last, key="")
    else:
        records[SITE_WIDE] = _site_wide(writer, inputs, records, shown, previous, site, made)
    return Rendered(records, stale, tuple(made), phase)


def _index(
    writer: SiteWriter,
    records: dict[str, LocaleRecord],
    fresh: Sequence[str],
    previous: Mapping[str, LocaleRecord],
    progress: Progress,
    run: bool,
) -> IndexPhase:
    """Index for search the rendered locales, and any whose index is older than its pages;
    their records then list the index files too."""
    jobs = []
    for tag, record in records.items():
        if tag in fresh:
            old = previous.get(tag)
            pages = record.pages
            jobs.append(IndexJob(tag, pages, old.pages if old else (), old.indexed if old else ""))
        elif run and _index_outdated(record):  # (without `run`, kept as it was)
            pages = tuple(p for p in record.pages if not is_index_file(p.path))
            jobs.append(IndexJob(tag, pages, record.pages, record.indexed))
    index, phase = index_locales(writer, jobs, progress, run)
    for job in jobs:
        made = index[job.locale]
        pages = tuple(sorted((*job.pages, *made.files), key=by_path))
        records[job.locale] = replace(records[job.locale], pages=pages, indexed=made.indexed)
    if phase.runs:
        progress(phase.describe())
    return phase


def _index_outdated(record: LocaleRecord) -> bool:
    return record.indexed != index_digest(record.pages)


def _render_stale(
    writer: SiteWriter,
    inputs: Inputs,
    state: RenderState,
    stale: list[str],
    progress: Progress,
    made: list[str],
) -> dict[str, LocaleRecord]:
    """Render the stale locales into `writer`; their new records (`made`: the pages' paths)."""
    writer.open()
    records = {}
    for tag, output in _rendered(state, stale):
        progress(f"rendered {tag}")
        writer.adopt(output.files, output.written)
        made += output.rendered
        records[tag] = LocaleRecord(
            inputs.keys[tag] if output.finished else "",  # (so the next build finishes it)
            output.pages,
            output.stats,
            output.problems,
            common=inputs.frame,
            shown_digests=output.shown_digests,
            document_inputs=output.document_inputs,
        )
    return {tag: records[tag] for tag in stale}  # (rendered in any order)


def _site_wide(
    writer: SiteWriter,
    inputs: Inputs,
    records: Mapping[str, LocaleRecord],
    chosen: list[str],
    previous: Mapping[str, LocaleRecord],
    site: SiteInput | None,
    made: list[str],
) -> LocaleRecord:
    """Root page, dashboard, sitemap, manifest and assets: kept unless what they show changed."""
    # no site-wide page shows the search index: a locale indexed again changes none of them
    infos = [p for tag in chosen for p in records[tag].pages if not is_index_file(p.path)]
    stats = [s for tag in chosen for s in records[tag].stats]
    stats = list(with_review_states(inputs, stats))
    shown = sorted((p.path, p.kind, p.ident, p.locale, p.title, p.revision) for p in infos)
    key = digest_of(inputs.common, repr(chosen), repr(shown), repr(stats))
    last = previous.get(SITE_WIDE)
    if last is not None and last.key == key and writer.keep((p.path, p.digest) for p in last.pages):
        return last
    from generator.render.site_wide import asset_pages, site_wide_pages

    site = site or _site(inputs)
    with remembered_formats(inputs.config.build_dir / ".cache", inputs.config.source_locale):
        infos_out = [_put(writer, page) for page in site_wide_pages(site, infos, stats)]
    # the theme's assets and the screenshots are read again only when they may have changed
    shots = sorted(
        (f"{locale} {code}", str(path)) for (locale, code), path in site.screenshots.files.items()
    )
    assets_key = digest_of(inputs.frame, repr(shots))
    kept = [p for p in last.pages if is_asset(p.path)] if last is not None else []
    if (
        last is None
        or last.shown_digests.get(ASSETS) != assets_key
        or not writer.keep((p.path, p.digest) for p in kept)
    ):
        kept = [_put(writer, page) for page in asset_pages(site)]
        made += (info.path for info in kept)
    made += (info.path for info in infos_out)
    return LocaleRecord(key, (*infos_out, *kept), (), (), shown_digests={ASSETS: assets_key})


ASSETS = "assets"
"""In the site-wide record's digests: what its theme assets and screenshots were made from."""


def is_asset(path: str) -> bool:
    return path.startswith(("_static/", "_images/"))
