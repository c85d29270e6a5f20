"""What the site may show of each file's review history: who changed it, who approved it, when.

Only verified decisions are used, and only published revisions carry their comment and text;
a pending, rejected or embargoed revision appears as such, without anything its author wrote.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from generator.review.history import State
from generator.review.model import Revision, Significance
from generator.review.paths import is_reviewable

if TYPE_CHECKING:
    from generator.review.state import StoreState  # (the store's chain: keys, locks)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One revision of a file as the site shows it."""

    revision: str
    """The revision id (pages show its first 12 characters)."""
    created: datetime
    author: str
    state: State
    significance: Significance
    based_on: tuple[str, ...]
    """For a catalog: the source revisions it translates."""
    comment: str = ""
    """The author's comment; empty unless the revision is published."""
    reviewer: str = ""
    reviewed: datetime | None = None
    ready_for_localization: bool = False
    publish_after: datetime | None = None
    text: str | None = None
    """The published revision's text, for diffs between approved revisions."""

    @property
    def short(self) -> str:
        return self.revision[:12]

    @property
    def published(self) -> bool:
        return self.state is State.APPROVED


@dataclass(frozen=True, slots=True)
class FileHistory:
    """Every revision of one file, newest first, and the one the build publishes."""

    path: str
    entries: tuple[HistoryEntry, ...]

    @property
    def current(self) -> HistoryEntry | None:
        """The newest published revision: the one readers see."""
        return next((e for e in self.entries if e.published), None)


def file_histories(state: StoreState, now: datetime) -> dict[str, FileHistory]:
    """The publishable history of every reviewable file in the store."""
    return {
        path: FileHistory(path, tuple(_entry(state, r, now) for r in revisions))
        for path, revisions in state.history.by_path.items()
        if is_reviewable(path)
    }


def _entry(state: StoreState, revision: Revision, now: datetime) -> HistoryEntry:
    decision = state.history.decision(revision.id)
    standing = state.history.state(revision, now)
    base = HistoryEntry(
        revision.id,
        revision.created,
        revision.creator,
        standing,
        revision.significance,
        revision.based_on,
    )
    if decision is None:
        return base
    if standing is State.EMBARGOED:
        # not yet published: neither its text nor its release date is announced
        return replace(base, state=State.PENDING)
    state.verifier.check(decision)
    if standing is State.REJECTED:
        return replace(base, reviewer=decision.reviewer, reviewed=decision.reviewed)
    return replace(
        base,
        comment=revision.comment,
        reviewer=decision.reviewer,
        reviewed=decision.reviewed,
        ready_for_localization=decision.ready_for_localization,
        publish_after=decision.publish_after,
        text=None if revision.removes else state.text(revision),
    )


def translation_basis(
    histories: Mapping[str, FileHistory], catalog: str, source: str
) -> tuple[HistoryEntry | None, bool]:
    """The source revision a catalog's published revision translates, and whether the
    source's published revision has changed since."""
    translation = histories.get(catalog)
    published_source = histories[source].current if source in histories else None
    if translation is None or translation.current is None or published_source is None:
        return None, False
    based = set(translation.current.based_on)
    basis = next((e for e in histories[source].entries if e.revision in based), None)
    return basis, published_source.revision not in based
