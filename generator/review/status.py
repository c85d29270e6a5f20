"""The project's review status: published, waiting, unsubmitted, embargoed, outdated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from generator.config import SiteConfig
from generator.errors import ReviewError
from generator.review.canonical import sha256_hex
from generator.review.history import State
from generator.review.model import Decision, Revision
from generator.review.paths import is_catalog
from generator.review.state import StoreState, open_store
from generator.review.translation_status import TranslationState, catalog_state
from generator.safe_paths import read_regular


@dataclass(frozen=True, slots=True)
class Decided:
    """A revision with the decision that holds for it."""

    revision: Revision
    decision: Decision


@dataclass(frozen=True, slots=True)
class Unsubmitted:
    """A file whose working copy differs from its newest revision."""

    path: str
    newest: Revision | None
    """The newest revision, or None when the file was never submitted."""
    deleted: bool
    """The file is gone from the working copy but its newest revision still has content."""


@dataclass(frozen=True, slots=True)
class StatusReport:
    """What `certwarn status` shows."""

    published: tuple[Decided, ...]
    waiting: tuple[Revision, ...]
    unsubmitted: tuple[Unsubmitted, ...]
    embargoed: tuple[Decided, ...]
    outdated: tuple[TranslationState, ...]
    unpublished: tuple[str, ...]
    """Files with no approved revision published now."""
    torn_line: int | None
    """An unreadable last log line that was ignored (an interrupted write)."""


def status_report(config: SiteConfig, now: datetime) -> StatusReport:
    state = open_store(config)
    published: list[Decided] = []
    waiting: list[Revision] = []
    embargoed: list[Decided] = []
    for path in state.all_paths():
        current = state.select(path, lambda d: d.published_at(now))
        for revision in state.history.revisions(path):
            if revision is current:
                published.append(_decided(state, revision))
                break
            kind = state.history.state(revision, now)
            if kind is State.PENDING:
                waiting.append(revision)
            elif kind is State.EMBARGOED:
                embargoed.append(_decided(state, revision))
    translations = [catalog_state(state, p, now) for p in state.all_paths() if is_catalog(p)]
    served = {item.revision.path for item in published if not item.revision.removes}
    return StatusReport(
        published=tuple(published),
        waiting=tuple(waiting),
        unsubmitted=tuple(_unsubmitted(state)),
        embargoed=tuple(embargoed),
        outdated=tuple(item for item in translations if item.outdated),
        unpublished=tuple(path for path in state.all_paths() if path not in served),
        torn_line=state.ledger.torn_line,
    )


def _decided(state: StoreState, revision: Revision) -> Decided:
    decision = state.history.decision(revision.id)
    assert decision is not None
    state.verifier.check(decision)
    return Decided(revision, decision)


def _unsubmitted(state: StoreState) -> list[Unsubmitted]:
    found = []
    for path in state.all_paths():
        newest = state.history.newest(path)
        file = state.config.root / path
        content = (
            sha256_hex(read_regular(state.config.root, path, error=ReviewError))
            if file.exists()
            else None
        )
        if newest is None or newest.content != content:
            found.append(Unsubmitted(path, newest, deleted=content is None))
    return found
