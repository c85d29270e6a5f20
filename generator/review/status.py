"""The project's review status: published, waiting, rejected, unpublished, outdated…"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from generator.config import SiteConfig
from generator.errors import Problem, ReviewError
from generator.review.canonical import sha256_hex
from generator.review.history import State
from generator.review.model import Decision, Revision, Verdict
from generator.review.paths import is_catalog, locale_of
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
    waiting_for: Mapping[str, tuple[str, ...]]
    """Waiting revision id -> the reviewers who may decide on it."""
    unsubmitted: tuple[Unsubmitted, ...]
    embargoed: tuple[Decided, ...]
    rejected: tuple[Decided, ...]
    """Revisions newer than what is published that a reviewer rejected (never published)."""
    unpublished_by_rejection: tuple[Decided, ...]
    """Revisions that were published until a reviewer rejected them (`reject --unpublish`)."""
    outdated: tuple[TranslationState, ...]
    unpublished: tuple[str, ...]
    """Files with no approved revision published now."""
    torn_line: int | None
    """An unreadable last log line that was ignored (an interrupted write)."""
    refused: tuple[str, ...] = ()
    """Decisions the trust root no longer accepts (retired, revoked, replaced keys), why."""
    unsigned: tuple[Problem, ...] = ()
    """Where the reviewers file differs from the signed trust root: builds stop on these."""


def status_report(config: SiteConfig, now: datetime) -> StatusReport:
    state = open_store(config, strict=False)
    published: list[Decided] = []
    waiting: list[Revision] = []
    embargoed: list[Decided] = []
    rejected: list[Decided] = []
    taken_down: list[Decided] = []
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
            elif kind is State.REJECTED:
                item = _decided(state, revision)
                (taken_down if _was_approved(state, revision) else rejected).append(item)
    translations = [catalog_state(state, p, now) for p in state.all_paths() if is_catalog(p)]
    served = {item.revision.path for item in published if not item.revision.removes}
    return StatusReport(
        published=tuple(published),
        waiting=tuple(waiting),
        waiting_for={rev.id: tuple(reviewers_for(state, rev)) for rev in waiting},
        unsubmitted=tuple(_unsubmitted(state)),
        embargoed=tuple(embargoed),
        rejected=tuple(rejected),
        unpublished_by_rejection=tuple(taken_down),
        outdated=tuple(item for item in translations if item.outdated),
        unpublished=tuple(path for path in state.all_paths() if path not in served),
        torn_line=state.ledger.torn_line,
        refused=tuple(
            f"{d.path}  {d.describe()}: {state.refused[d.id]}"
            for d in state.ledger.decisions
            if d.id in state.refused
        ),
        unsigned=state.roster_problems,
    )


def _was_approved(state: StoreState, revision: Revision) -> bool:
    """Did an accepted approval of this revision come before the rejection that holds."""
    return any(
        d.revision == revision.id and d.verdict is Verdict.APPROVED and d.id not in state.refused
        for d in state.ledger.decisions
    )


def reviewers_for(state: StoreState, revision: Revision) -> list[str]:
    """Who may approve the revision: reviewers of its locale, its author left out."""
    locale = locale_of(state.config, revision.path)
    return sorted(
        r.name
        for r in state.roster.reviewers.values()
        if r.may_review(locale)
        and r.stopped(datetime.max.replace(tzinfo=UTC)) is None
        and not (revision.author_key is not None and revision.author_key == r.key)
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
