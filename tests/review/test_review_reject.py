"""Rejecting and unpublishing are different acts; status names both."""

from __future__ import annotations

from review_story import CODE, FILES, Site

from generator.review.canonical import short


def two_revisions(site: Site) -> tuple[str, str]:
    """CODE approved (first), then a second revision approved and published."""
    first = site.revise(CODE, 1)
    site.approve(first, 2)
    site.write(CODE, FILES[CODE].replace("Check the clock.", "Check the date."))
    second = site.revise(CODE, 3)
    site.approve(second, 4)
    return first.id, second.id


def test_rejecting_the_published_revision_is_refused_without_unpublish(site: Site) -> None:
    first, second = two_revisions(site)
    run = site.cli("review", "reject", second, "--key", "alice", "--comment", "Wrong")
    assert (run.code, run.err) == (
        1,
        f"{CODE}: revision {short(second)} is the published revision of this file; rejecting "
        f"it unpublishes it (revision {short(first)} would be published instead); give "
        "--unpublish to do that\n",
    )
    assert site.gate().read(CODE).revision == second


def test_unpublish_rejects_and_says_what_is_published_instead(site: Site) -> None:
    first, second = two_revisions(site)
    args = ("review", "reject", second, "--key", "alice", "--comment", "Wrong", "--unpublish")
    run = site.cli(*args)
    assert run.out == (
        f"rejected {short(second)}  {CODE}\n"
        f"no longer published: {CODE} (now publishes revision {short(first)})\n"
    )
    assert site.gate().read(CODE).revision == first
    status = site.cli("status").out
    assert f"Unpublished (1)\n  {CODE}  {short(second)}  by alice " in status
    assert "Rejected (0)\n" in status


def test_rejecting_a_pending_revision_needs_no_flag_and_status_lists_it(site: Site) -> None:
    site.approve(site.revise(CODE, 1), 2)
    site.write(CODE, FILES[CODE].replace("Check the clock.", "Check the date."))
    pending = site.revise(CODE, 3)
    run = site.cli("review", "reject", pending.id, "--key", "alice", "--comment", "Vague")
    assert run.out == f"rejected {short(pending.id)}  {CODE}\n"
    status = site.cli("status").out
    assert f"Rejected (1)\n  {CODE}  {short(pending.id)}  by alice " in status
    assert status.count(": Vague\n") == 1
    assert "Unpublished (0)\n" in status


def test_status_says_who_may_review_what_waits(site: Site) -> None:
    site.revise("locales/de/LC_MESSAGES/theme.po", 1, creator="Lena")
    status = site.cli("status").out
    assert "(for: alice, bob)\n" in status
