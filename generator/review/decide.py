"""Approving and rejecting revisions: checks, signature, one atomic write."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from generator.config import SiteConfig
from generator.errors import ReviewError
from generator.review.canonical import record_id, short
from generator.review.history import State
from generator.review.keys import KeyPair
from generator.review.model import Decision, Revision, Verdict
from generator.review.paths import locale_of
from generator.review.records import decision_payload
from generator.review.reviewers import Reviewer, normalize_locale
from generator.review.rights import is_own, rights_problem
from generator.review.signing import sign
from generator.review.state import StoreState, open_store
from generator.review.trust import author_problem


@dataclass(frozen=True, slots=True)
class Verdicts:
    """What the reviewer decides, for every revision of one `review approve|reject` call."""

    verdict: Verdict
    reviewed: datetime
    comment: str = ""
    ready_for_localization: bool = False
    publish_after: datetime | None = None
    unpublish: bool = False
    """Rejecting a published revision stops publishing it: only done when asked for."""


@dataclass(frozen=True, slots=True)
class Unpublished:
    """A published revision that a rejection takes off the site."""

    revision: Revision
    fallback: Revision | None
    """The older approved revision published instead, or None: the file is not published."""


def pending(config: SiteConfig, now: datetime, locale: str | None = None) -> list[Revision]:
    """Revisions that wait for a decision, oldest first, optionally of one locale."""
    state = open_store(config)
    wanted = None if locale is None else normalize_locale(locale)
    found = [
        revision
        for path in state.history.by_path
        for revision in state.history.revisions(path)
        if state.history.state(revision, now) is State.PENDING
        and (wanted is None or normalize_locale(locale_of(config, path)) == wanted)
    ]
    return sorted(found, key=lambda r: (r.created, r.path))


def decide(
    config: SiteConfig, prefixes: Sequence[str], key: KeyPair, verdicts: Verdicts
) -> list[Decision]:
    """Sign and record a decision on each revision; nothing is written if any check fails."""
    state = open_store(config)
    reviewer = state.roster.by_key(key.public)
    if reviewer is None:
        raise ReviewError(
            f"the key {key.name!r} ({key.public}) is not listed; add the lines printed by "
            "`certwarn review keygen` to this file",
            state.roster.path,
        )
    if stopped := reviewer.stopped(verdicts.reviewed):
        raise ReviewError(f"cannot sign decisions: {stopped}", state.roster.path)
    revisions = list({rev.id: rev for rev in map(state.ledger.resolve, prefixes)}.values())
    if verdicts.verdict is Verdict.REJECTED and not verdicts.unpublish:
        for gone in unpublishing(state, revisions, verdicts.reviewed):
            raise ReviewError(_refuse_unpublish(gone), gone.revision.path)
    decisions: list[Decision] = []
    head = state.ledger.head
    for revision in revisions:
        decisions.append(_decision(state, reviewer, key, revision, verdicts, head))
        head = decisions[-1].id
    state.store.write(decisions)
    return decisions


def unpublishing(
    state: StoreState, revisions: Sequence[Revision], now: datetime
) -> list[Unpublished]:
    """Which of `revisions` are published now, and what each file falls back to."""
    found = []
    for revision in revisions:
        if state.select(revision.path, lambda d: d.published_at(now)) is not revision:
            continue
        older = [r for r in state.history.revisions(revision.path) if r is not revision]
        fallback = next(
            (r for r in older if (d := state.history.decision(r.id)) and d.published_at(now)),
            None,
        )
        found.append(Unpublished(revision, fallback))
    return found


def _refuse_unpublish(gone: Unpublished) -> str:
    instead = (
        f"revision {short(gone.fallback.id)} would be published instead"
        if gone.fallback
        else "the file would no longer be published"
    )
    return (
        f"revision {short(gone.revision.id)} is the published revision of this file; "
        f"rejecting it unpublishes it ({instead}); give --unpublish to do that"
    )


def _decision(
    state: StoreState,
    reviewer: Reviewer,
    key: KeyPair,
    revision: Revision,
    verdicts: Verdicts,
    previous: str,
) -> Decision:
    if revision.content is not None:
        state.text(revision)  # refuse to approve an object that no longer matches its hash
    ready = verdicts.ready_for_localization and verdicts.verdict is Verdict.APPROVED
    locale = locale_of(state.config, revision.path)
    allow_self = state.config.review.allow_self_approval
    own = is_own(revision, reviewer.name, state.trust.keys_of(reviewer.name) | {key.public})
    problem = author_problem(revision) or rights_problem(
        reviewer, revision, verdicts.verdict, ready, locale, own, allow_self
    )
    if problem is not None:
        verb = "approve" if verdicts.verdict is Verdict.APPROVED else "reject"
        raise ReviewError(f"cannot {verb} revision {short(revision.id)}: {problem}", revision.path)
    final = dataclasses.replace(verdicts, ready_for_localization=ready)
    trust = state.trust.current.digest if state.trust.current else None
    return new_decision(revision, reviewer.name, key, final, previous, trust)


def new_decision(
    revision: Revision,
    reviewer: str,
    key: KeyPair,
    verdicts: Verdicts,
    previous: str,
    trust: str | None,
) -> Decision:
    """A decision on `revision`, signed with `key`, its id derived from the signed record.

    It names the chain head `previous` and the trust-root version `trust` it was signed
    under, so the signature vouches for the log up to here and for the reviewer list."""
    draft = Decision(
        id="",
        revision=revision.id,
        path=revision.path,
        content=revision.content,
        verdict=verdicts.verdict,
        reviewer=reviewer,
        reviewed=verdicts.reviewed,
        comment=verdicts.comment,
        ready_for_localization=verdicts.ready_for_localization,
        publish_after=verdicts.publish_after,
        key=key.public,
        signature="",
        previous=previous,
        trust=trust,
    )
    payload = decision_payload(draft)
    signature = sign(key.private, payload)
    return dataclasses.replace(
        draft, signature=signature, id=record_id({**payload, "signature": signature})
    )
