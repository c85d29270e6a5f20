"""Translation states for the dashboard and status: outdated, waiting for review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from generator.config import SiteConfig
from generator.review.history import State
from generator.review.model import Revision, Significance, Verdict
from generator.review.paths import is_catalog, locale_of, source_of
from generator.review.state import StoreState, open_store

_OUTDATING = (Significance.MINOR, Significance.MAJOR)


@dataclass(frozen=True, slots=True)
class TranslationState:
    """Where one catalog stands against the source document it translates."""

    catalog: str
    locale: str
    source: str | None
    """The translated source document; None for the theme's catalog."""
    based_on: tuple[str, ...]
    """Source revisions the catalog's newest (non-rejected) revision translates."""
    submitted: bool
    """Does the catalog have any revision that was not rejected."""
    outdated: bool
    """An approved minor or major source revision, ready for localization, is newer."""
    newer_source: Revision | None
    """The newest such source revision, when outdated."""
    waiting_for_review: bool
    """The catalog's newest revision waits for a reviewer."""


def translation_states(
    config: SiteConfig, now: datetime
) -> dict[tuple[str, str], TranslationState]:
    """Every catalog's state, keyed by (locale, source document path).

    Catalogs without a source document (the theme's) are keyed by their own path.
    """
    return store_translation_states(open_store(config), now)


def store_translation_states(
    state: StoreState, now: datetime
) -> dict[tuple[str, str], TranslationState]:
    """translation_states, from a store the caller has open."""
    found = (catalog_state(state, path, now) for path in state.all_paths() if is_catalog(path))
    return {(item.locale, item.source or item.catalog): item for item in found}


def catalog_state(state: StoreState, catalog: str, now: datetime) -> TranslationState:
    newest = state.history.newest_not_rejected(catalog)
    based_on = () if newest is None else newest.based_on
    source = source_of(catalog)
    newer = None if source is None else _newer_localizable(state, source, based_on)
    return TranslationState(
        catalog=catalog,
        locale=locale_of(state.config, catalog),
        source=source,
        based_on=based_on,
        submitted=newest is not None,
        outdated=newer is not None,
        newer_source=newer,
        waiting_for_review=newest is not None and state.history.state(newest, now) is State.PENDING,
    )


def _newer_localizable(
    state: StoreState, source: str, based_on: tuple[str, ...]
) -> Revision | None:
    """The newest approved, ready, minor-or-major revision of `source` newer than the base."""
    ledger = state.ledger
    bases = [ledger.revisions[rev_id] for rev_id in based_on if rev_id in ledger.revisions]
    floor = max(((r.created, ledger.line_of(r.id)) for r in bases), default=None)
    for revision in state.history.revisions(source):
        if floor is not None and (revision.created, ledger.line_of(revision.id)) <= floor:
            return None
        decision = state.history.decision(revision.id)
        if decision is None or decision.verdict is not Verdict.APPROVED:
            continue
        state.verifier.check(decision)
        if decision.localizable and revision.significance in _OUTDATING:
            return revision
    return None
