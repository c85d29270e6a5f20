"""The reviewer list changes only when a threshold of administrators signs the change."""

from __future__ import annotations

import pytest
from review_story import CODE, LOG, REVIEWERS, Site, reviewers_toml

from generator.errors import CertwarnError, ReviewError
from generator.review.canonical import short
from generator.review.roster_edit import adding_admin, edit_roster, updating
from generator.review.store import Store

TRUST = "content/_review/trust.jsonl"
SIGN = "a threshold of administrators must sign the change: `certwarn review trust sign`"


def gate_error(site: Site) -> str:
    with pytest.raises(CertwarnError) as caught:
        site.gate()
    return str(caught.value)


def eve_entry(site: Site) -> str:
    key = site.key_of("eve")
    return f'\n[reviewers.eve]\nkey = "{key.public}"\nlocales = "*"\n'


def line_of(site: Site, text: str) -> int:
    return site.read(REVIEWERS).splitlines().index(text) + 1


def test_a_reviewer_added_by_editing_the_file_is_refused_at_its_line(site: Site) -> None:
    revision = site.revise(CODE, 1)
    site.write(REVIEWERS, reviewers_toml(site.keys, eve_entry(site)))
    approve = site.cli("review", "approve", revision.id, "--key", "eve")
    expected = (
        f"{REVIEWERS}:{line_of(site, '[reviewers.eve]')}: reviewer 'eve' is not in the signed "
        f"trust root (version 1 in {TRUST}): approvals with this key are not accepted; {SIGN}"
    )
    assert (approve.code, approve.err) == (1, expected + "\n")
    assert gate_error(site) == expected


def test_an_approval_with_an_unsigned_key_is_not_published(site: Site) -> None:
    revision = site.revise(CODE, 1)
    decision = site.sign_unchecked(revision, 2, key="mallory", reviewer="mallory")
    assert gate_error(site) == (
        f"{LOG}:2: approval {short(decision.id)} of {CODE} by mallory: unknown reviewer "
        f"'mallory'; expected a name from trust root version 1 in {TRUST}"
    )


def test_a_reviewer_added_through_the_signed_procedure_approves(site: Site) -> None:
    add = site.cli("review", "keygen", "eve", "--locale", "de", "--add")
    assert add.code == 0, add.err
    sign = site.cli("review", "trust", "sign", "--key", "root", "--comment", "eve reviews de")
    assert sign.out.startswith("trust root version 2 (")
    assert sign.out.endswith("signed by 1 of the 1 administrators needed; in force\n")
    catalog = site.revise("locales/de/LC_MESSAGES/theme.po", 1)
    run = site.cli("review", "approve", catalog.id, "--key", "eve")
    assert run.code == 0, run.err
    assert site.gate().paths() == ["locales/de/LC_MESSAGES/theme.po"]


def test_a_key_that_is_not_an_administrator_cannot_sign(site: Site) -> None:
    site.write(REVIEWERS, reviewers_toml(site.keys, eve_entry(site)))
    run = site.cli("review", "trust", "sign", "--key", "alice")
    assert run.err == (
        f"{TRUST}: the key 'alice' ({site.keys['alice'].public}) is not an administrator of "
        "trust root version 1 (administrators: root)\n"
    )


def three_admins_two_needed(site: Site) -> None:
    for name in ("ann", "ben"):
        edit_roster(site.config, adding_admin(name, site.key_of(name).public))
    text = site.read(REVIEWERS).replace("threshold = 1", "threshold = 2")
    site.write(REVIEWERS, text)
    site.sign_reviewers(1, "root")


def test_under_the_threshold_a_change_waits_and_the_build_says_for_what(site: Site) -> None:
    three_admins_two_needed(site)
    site.write(REVIEWERS, site.read(REVIEWERS) + eve_entry(site))
    once = site.sign_reviewers(2, "ann")
    assert (once.signatures, once.needed, once.in_force) == (1, 2, False)
    assert gate_error(site) == (
        f"{REVIEWERS}:{line_of(site, '[reviewers.eve]')}: reviewer 'eve' is not in the signed "
        f"trust root (version 2 in {TRUST}): approvals with this key are not accepted; {SIGN} "
        "(version 3, which makes this change, is signed by 1 of the 2 administrators it needs)"
    )
    twice = site.sign_reviewers(3, "ben")
    assert (twice.version.version, twice.signatures, twice.in_force) == (3, 2, True)
    site.approve(site.revise(CODE, 4), 5, key="eve")
    assert site.gate().paths() == [CODE]


def test_the_same_administrator_signing_twice_counts_once(site: Site) -> None:
    three_admins_two_needed(site)
    site.write(REVIEWERS, site.read(REVIEWERS) + eve_entry(site))
    site.sign_reviewers(2, "ann")
    again = site.sign_reviewers(3, "ann")
    assert (again.signatures, again.in_force) == (1, False)


def test_an_altered_trust_root_version_stops_the_build(site: Site) -> None:
    trust = site.root / TRUST
    trust.write_text(trust.read_text().replace('"threshold":1', '"threshold":0'))
    assert gate_error(site) == (
        f"{TRUST}:1: trust root version 1: the signature of 'root' does not verify (forged, "
        "or the version was altered after signing)"
    )


def test_a_deleted_trust_root_version_is_noticed(site: Site) -> None:
    site.write(REVIEWERS, reviewers_toml(site.keys, eve_entry(site)))
    site.sign_reviewers(1)
    trust = site.root / TRUST
    trust.write_text(trust.read_text().splitlines(keepends=True)[1])
    assert gate_error(site).startswith(
        f"{TRUST}:1: trust root version 2 does not follow version 0 (expected version 1 "
    )


def test_a_retired_reviewer_keeps_past_approvals_and_can_approve_no_more(site: Site) -> None:
    old = site.approve(site.revise(CODE, 1), 2)
    edit_roster(site.config, updating("alice", retired=site.at(5)))
    site.sign_reviewers(5)
    assert site.gate().read(CODE).revision == old.revision
    site.write(CODE, site.read(CODE).replace("Check the clock.", "Check the date."))
    newer = site.revise(CODE, 6)
    with pytest.raises(ReviewError) as caught:
        site.approve(newer, 7)
    assert str(caught.value) == (
        f"{REVIEWERS}: cannot sign decisions: 'alice' retired on 2025-03-01T09:05:00.000000Z"
    )
    late = site.sign_unchecked(newer, 8, key="alice", reviewer="alice")  # a modified client
    gate = site.gate()
    assert gate.read(CODE).revision == old.revision
    assert site.gate().refused() == [
        f"{CODE}: approval {short(late.id)} of {CODE} by alice is refused ('alice' retired on "
        f"2025-03-01T09:05:00.000000Z); publishing revision {short(old.revision)} instead"
    ]


OVERVIEW = "content/articles/overview.md"


def test_a_revoked_key_unpublishes_what_it_approved_since_and_the_build_lists_it(
    site: Site,
) -> None:
    site.write(OVERVIEW, "---\ntitle: Overview\nsummary: All codes.\n---\n\nStart here.\n")
    site.approve(site.revise(OVERVIEW, 1), 2)
    old = site.approve(site.revise(CODE, 1), 2)
    site.write(CODE, site.read(CODE).replace("Check the clock.", "Check the date."))
    stolen = site.approve(site.revise(CODE, 6), 7)
    assert site.gate().read(CODE).revision == stolen.revision
    edit_roster(site.config, updating("alice", revoked=site.at(4)))
    site.sign_reviewers(9)
    assert site.gate().read(CODE).revision == old.revision
    run = site.cli("build", "--out", str(site.root / "out"))
    assert run.code == 0, run.err
    assert run.out.splitlines()[0] == (
        f"refused approval: {CODE}: approval {short(stolen.id)} of {CODE} by alice is refused "
        f"('alice''s key was revoked from 2025-03-01T09:04:00.000000Z); publishing revision "
        f"{short(old.revision)} instead"
    )
    assert "Refused decisions (1)\n" in site.cli("status").out


def test_a_rotated_key_keeps_old_approvals_valid_and_the_old_key_stops(site: Site) -> None:
    old = site.approve(site.revise(CODE, 1), 2)
    new_key = site.key_of("alice-2026")
    edit_roster(site.config, updating("alice", key=new_key.public))
    site.sign_reviewers(3)
    assert site.gate().read(CODE).revision == old.revision
    site.write(CODE, site.read(CODE).replace("Check the clock.", "Check the date."))
    newer = site.revise(CODE, 4)
    stale = site.sign_unchecked(newer, 5, key="alice", reviewer="alice", trust_version=1)
    assert site.gate().read(CODE).revision == old.revision
    assert site.gate().refused() == [
        f"{CODE}: approval {short(stale.id)} of {CODE} by alice is refused (signed with a key "
        f"of 'alice' that was replaced on 2025-03-01T09:03:00.000000Z); publishing revision "
        f"{short(old.revision)} instead"
    ]
    site.approve(newer, 6, key="alice-2026")
    assert site.gate().read(CODE).revision == newer.id


def test_authors_can_submit_and_status_says_why_builds_stop_while_unsigned(site: Site) -> None:
    site.write(REVIEWERS, reviewers_toml(site.keys, eve_entry(site)))
    site.revise(CODE, 1)
    status = site.cli("status")
    line = line_of(site, "[reviewers.eve]")
    assert status.code == 0
    assert status.out.endswith(
        f"refused by the build: {REVIEWERS}:{line}: reviewer 'eve' is not in the signed trust "
        f"root (version 1 in {TRUST}): approvals with this key are not accepted; {SIGN}\n"
        "The reviewers file is not what administrators signed: builds stop until it is.\n"
    )


def test_a_deleted_last_trust_root_version_is_noticed_by_the_next_build(site: Site) -> None:
    """Deleting the version that revoked a key would trust the key again."""
    site.write(OVERVIEW, "---\ntitle: Overview\nsummary: All codes.\n---\n\nStart here.\n")
    site.approve(site.revise(OVERVIEW, 1), 2)
    signed = site.read(REVIEWERS)
    edit_roster(site.config, updating("bob", revoked=site.at(3)))
    site.sign_reviewers(3)
    out = str(site.root / "out")
    assert site.cli("build", "--out", out).code == 0
    trust = site.root / TRUST
    version_2 = Store(site.config).load_trust().versions[1]
    trust.write_text(trust.read_text().splitlines(keepends=True)[0])
    site.write(REVIEWERS, signed)
    run = site.cli("build", "--out", out)
    assert run.code == 1
    assert run.err == (
        f"{TRUST}: trust root version {short(version_2.digest)}"
        ", which the previous build published under, is no longer in force: versions were "
        "deleted or the trust root replaced; if that was intended, delete "
        "build/.cache/review-seen\n"
    )
