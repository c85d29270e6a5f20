"""What a build reads before deciding what to render: every input, hashed per locale.

Unchanged files are known by a stamp (modification time and size, or a revision id) and are
not read again; sources stay in memory for parsing, catalogs are only hashed.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from generator.atomic import write_atomic
from generator.build.cache import digest_of, generator_fingerprint
from generator.config import CONFIG_NAME, SiteConfig
from generator.content.sources import HashedTree, SourceTree
from generator.errors import ConfigError
from generator.render.evidence import evidence_key
from generator.review.trees import preview_tree, published_tree
from generator.safe_paths import read_regular
from generator.theme.folders import fingerprint, theme_folders

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult, Pool

    from generator.l10n.locale_data import LocaleInfo

SITE_WIDE = "*"
"""Key of the pages that span locales (root, dashboard, sitemap index, manifest, assets)."""


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything read and hashed before deciding what to render."""

    config: SiteConfig
    tree: HashedTree
    theme: str
    """Hash of the theme's files."""
    evidence: str
    """Hash of the verification evidence the pages show (render.evidence)."""
    keys: dict[str, str]
    """Per chosen locale, plus SITE_WIDE for the pages spanning locales."""
    common: str
    """Hash of the inputs every page depends on."""
    frame: str
    """`common` without the sources, which are compared per document (build.changes)."""
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
    evidence = evidence_key(config, tree)
    sources = [d for p, d in tree.digests.items() if p.startswith("content/")]
    content_key = digest_of(generator_fingerprint(), config.home, *sources)  # load checks home
    frame = frame_key(config, theme, evidence, moment, preview)
    common, every = locale_keys(config, tree, digest_of(frame, content_key))
    keys = {tag: every[tag] for tag in chosen}
    keys[SITE_WIDE] = digest_of(*keys.values())
    inputs = Inputs(
        config, tree, theme, evidence, keys, common, frame, content_key, moment, preview
    )
    return inputs, gated


def frame_key(config: SiteConfig, theme: str, evidence: str, now: datetime, preview: bool) -> str:
    """A hash of what every page depends on besides the sources: certwarn itself, the theme,
    the configuration, the date, the evidence and the review log."""
    return digest_of(
        generator_fingerprint(),
        theme,
        read_regular(config.root, CONFIG_NAME, error=ConfigError),
        str(preview),
        now.date().isoformat(),
        evidence,
        _review_log(config),
    )


def locale_keys(config: SiteConfig, tree: HashedTree, common: str) -> tuple[str, dict[str, str]]:
    """`common` (what every page depends on, sources included), and per locale a hash that
    adds its catalogs."""
    catalogs: dict[str, list[str]] = {tag: [] for tag in config.locales}
    for path, digest in tree.digests.items():  # one pass, not one per locale
        tag = path.split("/", 2)[1] if path.startswith("locales/") else ""
        if tag in catalogs:
            catalogs[tag].append(f"{path}\0{digest}")
    return common, {tag: digest_of(common, tag, *found) for tag, found in catalogs.items()}


def _review_log(config: SiteConfig) -> bytes:
    """The review log: "waiting for review" and "outdated" on the dashboard follow it."""
    if not config.review.required:
        return b""
    from generator.review.files import read_store_file

    log = config.content_dir / "_review" / "log.jsonl"
    return read_store_file(log, config.rel(log)) or b""


def known_locales(path: Path, tags: Sequence[str], today: date) -> LocaleReading:
    """Start finding the names and directions of every locale, for every page's language
    switcher (`LocaleReading.wait` keeps them in `path` too).

    Reading them loads each locale's whole CLDR data; they are kept in `path` between builds
    and the data is released after each read, so neither time nor memory grows with locales.
    While a locale's data is loaded, `today` (every page's footer) is formatted in it too: the
    render worker of the locale finds it formatted instead of loading the data again. With
    several to read (a first build), a forked reader reads them while the build goes on
    parsing the sources and compiling the theme.
    """
    from generator.l10n.locale_data import LocaleInfo, knows_locale, remember_locale_infos

    with contextlib.suppress(OSError, ValueError, TypeError):
        remember_locale_infos(LocaleInfo(**item) for item in json.loads(path.read_text("utf-8")))
    unknown = [tag for tag in tags if not knows_locale(tag)]
    if len(unknown) < READ_BESIDE_FROM or (os.cpu_count() or 1) < 2:
        return LocaleReading(path, tags, read=_read_locales(unknown, today))
    import multiprocessing

    pool = multiprocessing.get_context("fork").Pool(1)
    return LocaleReading(path, tags, pool, pool.apply_async(_read_locales, (unknown, today)))


class LocaleReading:
    """Locales being read (beside the build, or already read)."""

    def __init__(
        self,
        path: Path,
        tags: Sequence[str],
        pool: Pool | None = None,
        reading: AsyncResult[list[tuple[LocaleInfo, dict[str, str]]]] | None = None,
        read: list[tuple[LocaleInfo, dict[str, str]]] | None = None,
    ):
        self.path, self.tags, self.pool, self.reading, self.read = path, tags, pool, reading, read

    def wait(self) -> None:
        """Until every locale is known to this process (and so to the render workers)."""
        from generator.l10n.locale_data import formatted, locale_info, remember_locale_infos

        try:
            read = self.reading.get() if self.reading is not None else self.read or []
        finally:
            self.cancel()
        for info, formats in read:
            remember_locale_infos([info])
            formatted(info.tag).update(formats)
        infos = [locale_info(tag) for tag in self.tags]
        names = json.dumps([asdict(info) for info in infos], ensure_ascii=False).encode()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path, names, durable=False)  # (a torn file reads as no names known)

    def cancel(self) -> None:
        """Stop the reader (the build failed before it needed the names: nothing is kept)."""
        if self.pool is not None:
            self.pool.terminate()
            self.pool = None


READ_BESIDE_FROM = 4
"""Locales to read before a reader process beside the build pays for itself."""


def _read_locales(tags: Sequence[str], today: date) -> list[tuple[LocaleInfo, dict[str, str]]]:
    """Each locale's names and direction and its formats memo with `today` formatted, read
    from its CLDR data, which is released after each."""
    from generator.l10n.locale_data import formatted, locale_info, release_locale_data

    read = []
    for tag in tags:
        info = locale_info(tag)
        info.date(today)
        release_locale_data()
        read.append((info, dict(formatted(tag))))
    return read
