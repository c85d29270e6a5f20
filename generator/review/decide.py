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
from generator.review.rights import rights_problem
from generator.review.signing import sign
from generator.review.state import StoreState, open_store


@dataclass(frozen=True, slots=True)
class Verdicts:
    """What the reviewer decides, for every revision of one `review approve|reject` call."""

    verdict: Verdict
    reviewed: datetime
    comment: str = ""
    ready_for_localization: bool = False
    publish_after: datetime | None = None


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
    revisions = list({rev.id: rev for rev in map(state.ledger.resolve, prefixes)}.values())
    decisions = [_decision(state, reviewer, key, rev, verdicts) for rev in revisions]
    state.store.write(decisions)
    return decisions


def _decision(
    state: StoreState, reviewer: Reviewer, key: KeyPair, revision: Revision, verdicts: Verdicts
) -> Decision:
    if revision.content is not None:
        state.text(revision)  # refuse to approve an object that no longer matches its hash
    ready = verdicts.ready_for_localization and verdicts.verdict is Verdict.APPROVED
    locale = locale_of(state.config, revision.path)
    allow_self = state.config.review.allow_self_approval
    problem = rights_problem(reviewer, revision, verdicts.verdict, ready, locale, allow_self)
    if problem is not None:
        verb = "approve" if verdicts.verdict is Verdict.APPROVED else "reject"
        raise ReviewError(f"cannot {verb} revision {short(revision.id)}: {problem}", revision.path)
    final = dataclasses.replace(verdicts, ready_for_localization=ready)
    return new_decision(revision, reviewer.name, key, final)


def new_decision(revision: Revision, reviewer: str, key: KeyPair, verdicts: Verdicts) -> Decision:
    """A decision on `revision`, signed with `key`, its id derived from the signed record."""
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
    )
    payload = decision_payload(draft)
    signature = sign(key.private, payload)
    return dataclasses.replace(
        draft, signature=signature, id=record_id({**payload, "signature": signature})
    )
