"""The per-message part of review: what `review show` lists for a catalog revision, and how
many messages wait for a reviewer on the dashboard."""

from __future__ import annotations

from datetime import datetime

from generator.errors import CatalogError
from generator.l10n.catalog_diff import catalog_changes, format_changes
from generator.l10n.catalog_names import THEME_DOMAIN
from generator.review.history import State
from generator.review.paths import is_catalog
from generator.review.state import StoreState


def catalog_review(old: str | None, new: str, path: str) -> str:
    """Each changed message with its checks; a note instead when either text is unreadable."""
    try:
        changes = catalog_changes(old, new, path, _is_theme(path))
    except CatalogError as e:
        return f"{e}\n(the line diff below is all that can be shown)\n\n"
    return format_changes(changes, path) + "\n"


def waiting_messages(state: StoreState, now: datetime) -> dict[str, int]:
    """Per catalog path, the messages a reviewer is asked to approve: those its pending revision
    changes against the published translation, counted as `review show` lists them."""
    counts = {}
    for path in filter(is_catalog, state.all_paths()):
        newest = state.history.newest_not_rejected(path)
        if newest is None or newest.removes:
            continue
        if state.history.state(newest, now) is not State.PENDING:
            continue
        published = state.select(path, lambda d: d.published_at(now))
        old = None if published is None or published.removes else state.text(published)
        try:
            changes = catalog_changes(old, state.text(newest), path, _is_theme(path))
        except CatalogError:
            continue  # approve refuses it; the dashboard still says a revision waits
        counts[path] = len(changes)
    return counts


def _is_theme(path: str) -> bool:
    return path.endswith(f"/{THEME_DOMAIN}.po")
