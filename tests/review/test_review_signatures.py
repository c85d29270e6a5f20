"""Every decision the gate relies on is verified; a failing one stops it at its log line."""

from __future__ import annotations

import dataclasses

import pytest
from review_story import CATALOG, CODE, LOG, Site

from generator.errors import ReviewError
from generator.review.canonical import short
from generator.review.logfile import encode
from generator.review.model import Decision, Revision, Verdict
from generator.review.records import computed_id
from generator.review.store import Store


def gate_error(site: Site, minute: int = 10_000) -> str:
    with pytest.raises(ReviewError) as caught:
        site.gate(minute)
    return str(caught.value)


def test_a_forged_signature_stops_the_gate(site: Site) -> None:
    revision = site.revise(CODE, 1)
    embargoed = site.approve(revision, 2, publish_after=site.at(60))
    forged = site.rewrite(embargoed, publish_after=None)  # lift the embargo without a key
    assert gate_error(site, 30) == (
        f"{LOG}:2: approval {short(forged.id)} of {CODE} by alice: signature does not verify "
        "with the key listed for 'alice' in trust root version 1 "
        "(forged or altered record)"
    )


def test_an_unknown_reviewer_stops_the_gate(site: Site) -> None:
    decision = site.sign_unchecked(site.revise(CODE, 1), 2, key="mallory", reviewer="mallory")
    assert gate_error(site) == (
        f"{LOG}:2: approval {short(decision.id)} of {CODE} by mallory: unknown reviewer "
        "'mallory'; expected a name from trust root version 1 in content/_review/trust.jsonl"
    )


def test_a_key_not_listed_for_the_reviewer_stops_the_gate(site: Site) -> None:
    decision = site.sign_unchecked(site.revise(CODE, 1), 2, key="mallory", reviewer="alice")
    assert gate_error(site) == (
        f"{LOG}:2: approval {short(decision.id)} of {CODE} by alice: signed with a key not "
        f"listed for 'alice' in trust root version 1, got '{site.keys['mallory'].public}'"
    )


def test_a_reviewer_outside_their_locales_stops_the_gate(site: Site) -> None:
    decision = site.sign_unchecked(site.revise(CODE, 1), 2, key="bob", reviewer="bob")
    assert gate_error(site) == (
        f"{LOG}:2: approval {short(decision.id)} of {CODE} by bob: 'bob' may review de, not en-US"
    )


def test_marking_ready_for_localization_without_the_right_stops_the_gate(site: Site) -> None:
    revision = site.revise(CATALOG, 1)
    decision = site.sign_unchecked(revision, 2, key="bob", reviewer="bob", ready=True)
    assert gate_error(site) == (
        f"{LOG}:2: approval {short(decision.id)} of {CATALOG} by bob: "
        "'bob' may not mark revisions ready for localization"
    )


def test_an_approval_replayed_onto_other_content_stops_the_gate(
    published: tuple[Site, Revision, Decision],
) -> None:
    site, first, approval = published
    site.write(CODE, "Text nobody approved.\n")
    second = site.revise(CODE, 3)
    replayed = dataclasses.replace(approval, revision=second.id)
    replayed = dataclasses.replace(replayed, id=computed_id(replayed))
    Store(site.config).write([replayed])
    assert gate_error(site) == (
        f"{LOG}:4: approval {short(replayed.id)} of {CODE} by alice: replayed onto other "
        f"content: signed for {CODE} content {short(first.content)}, but revision "
        f"{short(second.id)} is {CODE} content {short(second.content)}"
    )


def test_a_tampered_object_stops_the_gate(published: tuple[Site, Revision, Decision]) -> None:
    site, revision, _ = published
    assert revision.content is not None
    obj = f"content/_review/objects/{revision.content[:2]}/{revision.content}"
    site.write(obj, "Text slipped in after approval.\n")
    assert gate_error(site) == (
        f"{LOG}:1: revision {short(revision.id)} of {CODE}: object {obj} does not match its "
        "hash (changed after submission)"
    )


def test_a_self_approval_stops_the_gate_when_the_policy_forbids_it(site: Site) -> None:
    revision = site.revise(CODE, 1, creator="Alice")
    decision = site.sign_unchecked(revision, 2, key="alice", reviewer="alice")
    assert gate_error(site) == (
        f"{LOG}:2: approval {short(decision.id)} of {CODE} by alice: self-approval: 'alice' "
        f"signed revision {short(revision.id)} as its author and site.toml [review] "
        "allow_self_approval "
        "is false"
    )


def test_a_self_approval_is_published_when_the_policy_allows_it(site: Site) -> None:
    site.allow_self_approval()
    revision = site.revise(CODE, 1, creator="alice")
    site.approve(revision, 2)
    assert site.gate().read(CODE).revision == revision.id


def test_an_altered_revision_record_stops_the_gate(
    published: tuple[Site, Revision, Decision],
) -> None:
    site, revision, _ = published
    altered = dataclasses.replace(revision, creator="Someone else")
    log = site.root / LOG
    log.write_text(log.read_text().replace(encode(revision), encode(altered)))
    assert gate_error(site) == (
        f"{LOG}:1: revision {short(revision.id)} of {CODE}: id does not match the record's "
        f"fields (altered after it was written); expected {short(computed_id(altered))}"
    )


def test_a_forged_rejection_cannot_hide_a_page_either(
    published: tuple[Site, Revision, Decision],
) -> None:
    site, revision, _ = published
    decision = site.sign_unchecked(
        revision, 3, key="mallory", reviewer="mallory", verdict=Verdict.REJECTED
    )
    assert gate_error(site) == (
        f"{LOG}:3: rejection {short(decision.id)} of {CODE} by mallory: unknown reviewer "
        "'mallory'; expected a name from trust root version 1 in content/_review/trust.jsonl"
    )
