"""What `review list` and `review show` say about a revision, as plain text fields."""

from __future__ import annotations

from datetime import datetime

from generator.content.sources import SourceFile
from generator.review.canonical import short
from generator.review.clock import format_for_people
from generator.review.history import State
from generator.review.model import Decision, Revision
from generator.review.paths import (
    is_catalog,
    is_evidence,
    is_scenario,
    locale_of,
    preview_path,
)
from generator.review.state import StoreState
from generator.review.status import reviewers_for


def state_label(state: StoreState, revision: Revision, now: datetime) -> str:
    """`pending`, or the holding decision's state and reviewer, once verified."""
    decision = state.history.decision(revision.id)
    if decision is None:
        return State.PENDING.value
    state.verifier.check(decision)
    return f"{state.history.state(revision, now).value} by {decision.reviewer}"


def revision_details(
    state: StoreState, revision: Revision, now: datetime, published: SourceFile | None
) -> list[tuple[str, str]]:
    """Name/value pairs: the revision's metadata, decisions, published and preview pages."""
    fields = [
        ("revision", revision.id),
        ("path", revision.path),
        ("locale", locale_of(state.config, revision.path)),
        ("creator", _creator(state, revision)),
        ("created", format_for_people(revision.created)),
        ("significance", revision.significance.value),
        ("comment", revision.comment),
        ("based on", _based_on(state, revision)),
        ("state", state_label(state, revision, now)),
        *_waiting_for(state, revision, now),
        ("published", short(published.revision) if published else "nothing published yet"),
        ("preview", _preview(state, revision)),
    ]
    return fields + [(d.kind, _decision(d)) for d in _decisions_on(state, revision)]


def _waiting_for(state: StoreState, revision: Revision, now: datetime) -> list[tuple[str, str]]:
    """For a pending revision: who may decide on it (its author never may approve it)."""
    if state.history.state(revision, now) is not State.PENDING:
        return []
    names = ", ".join(reviewers_for(state, revision)) or "nobody on the reviewer list"
    return [("waiting for", f"a decision by {names}")]


def _creator(state: StoreState, revision: Revision) -> str:
    """The name given, and who signed: a reviewer's name when the key is theirs."""
    if revision.author_key is None:
        return f"{revision.creator} (unsigned: written before authors signed revisions)"
    signer = state.roster.by_key(revision.author_key)
    key = f"reviewer {signer.name}" if signer else revision.author_key
    return f"{revision.creator} (signed by {key})"


def _based_on(state: StoreState, revision: Revision) -> str:
    """For a translation: which approved source text it translates."""
    if not is_catalog(revision.path):
        return "- (only translations name the source revision they translate)"
    if not revision.based_on:
        return "no source revision (submitted before the source had an approved revision)"
    return "source revision " + ", ".join(map(short, revision.based_on)) + " (what it translates)"


def _preview(state: StoreState, revision: Revision) -> str:
    target = preview_path(state.config, revision.path)
    if revision.removes:
        return "none: this revision removes the file"
    if target is None and is_evidence(revision.path):
        return "on the code pages whose scenario it records, after `certwarn build --preview`"
    if target is None and is_scenario(revision.path):
        return "none: a scenario is run by `certwarn verify`, not rendered"
    if target is None:
        return "inside the articles that include it, after `certwarn build --preview`"
    newest = state.history.newest_not_rejected(revision.path)
    note = ""
    if newest is not None and newest is not revision:
        note = f"; it shows the newer revision {short(newest.id)}"
    return f"{target} after `certwarn build --preview`{note}"


def _decisions_on(state: StoreState, revision: Revision) -> list[Decision]:
    found = [d for d in state.ledger.decisions if d.revision == revision.id]
    for decision in found:
        state.verifier.check(decision)
    return sorted(found, key=lambda d: d.reviewed)


def _decision(decision: Decision) -> str:
    parts = [f"by {decision.reviewer}", format_for_people(decision.reviewed)]
    if decision.ready_for_localization:
        parts.append("ready for localization")
    if decision.publish_after:
        parts.append(f"publish after {format_for_people(decision.publish_after)}")
    if decision.comment:
        parts.append(repr(decision.comment))
    return ", ".join(parts)
