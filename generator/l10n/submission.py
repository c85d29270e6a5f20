"""What `revise` and `approve` ask of a file before the review store takes it: it passes the
checks the build applies, and a catalog is new only when its messages changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from generator.config import SiteConfig
from generator.errors import CatalogError, decode_utf8
from generator.l10n.canonical_catalog import canonical_catalog
from generator.l10n.po_files import parse_catalog
from generator.l10n.po_reader import read_po
from generator.review.history import State
from generator.review.paths import is_catalog, locale_of
from generator.review.state import open_store
from generator.review.status import StatusReport


def unreadable_catalog(config: SiteConfig, path: str, data: bytes) -> CatalogError | None:
    """Why a stored catalog cannot be published (approve and the build refuse it), or None."""
    try:
        text = decode_utf8(data, path, CatalogError)
        read_po(text, path)
        parse_catalog(text, path, locale_of(config, path))
    except CatalogError as e:
        return e
    return None


def unchanged_catalogs(config: SiteConfig, paths: Sequence[str], now: datetime) -> list[str]:
    """Catalogs whose messages are those of their newest revision: only `#:` references,
    wrapping or order differ, which is nothing a reviewer needs to see again."""
    state = open_store(config)
    same = []
    for path in paths:
        newest = state.history.newest(path)
        file = config.root / path
        if not is_catalog(path) or newest is None or newest.removes or not file.is_file():
            continue
        if state.history.state(newest, now) is State.REJECTED:
            continue
        try:
            old = canonical_catalog(state.text(newest), path)
            new = canonical_catalog(decode_utf8(file.read_bytes(), path, CatalogError), path)
        except CatalogError:
            continue  # not the same; the checks report what is wrong
        if old == new:
            same.append(path)
    return same


def without_unchanged_catalogs(
    config: SiteConfig, report: StatusReport, now: datetime
) -> StatusReport:
    """The report with only real edits left as unsubmitted: a catalog whose messages are its
    newest revision's is nothing `revise` would record, so it is not waiting for one."""
    edited = [item.path for item in report.unsubmitted if not item.deleted]
    same = set(unchanged_catalogs(config, edited, now))
    return replace(report, unsubmitted=tuple(i for i in report.unsubmitted if i.path not in same))
