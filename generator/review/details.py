"""What `review list` and `review show` say about a revision, as plain text fields."""

from __future__ import annotations

from datetime import datetime

from generator.content.sources import SourceFile
from generator.review.canonical import short
from generator.review.clock import format_for_people
from generator.review.history import State
from generator.review.model import Decision, Revision
from generator.review.paths import is_evidence, locale_of, preview_path
from generator.review.state import StoreState


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
        ("creator", revision.creator),
        ("created", format_for_people(revision.created)),
        ("significance", revision.significance.value),
        ("comment", revision.comment),
        ("based on", ", ".join(map(short, revision.based_on)) or "-"),
        ("state", state_label(state, revision, now)),
        ("published", short(published.revision) if published else "nothing published yet"),
        ("preview", _preview(state, revision)),
    ]
    return fields + [(d.kind, _decision(d)) for d in _decisions_on(state, revision)]


def _preview(state: StoreState, revision: Revision) -> str:
    target = preview_path(state.config, revision.path)
    if revision.removes:
        return "none: this revision removes the file"
    if target is None and is_evidence(revision.path):
        return "on the code pages whose scenario it records, after `certwarn build --preview`"
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
