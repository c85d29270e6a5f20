"""The log is hash-chained: a deleted, reordered or edited line stops the build at its line."""

from __future__ import annotations

import dataclasses
import json

import pytest
from review_story import ARTICLE, CATALOG, CODE, FILES, LOG, Site

from generator.errors import ReviewError
from generator.review.canonical import record_id, short
from generator.review.chain import GENESIS
from generator.review.logfile import encode
from generator.review.model import Revision, Significance
from generator.review.records import revision_fields
from generator.review.roster_edit import edit_roster, updating


def story(site: Site) -> list[str]:
    """Five records: CODE revised and approved, ARTICLE revised and rejected, CATALOG revised."""
    site.approve(site.revise(CODE, 1), 2)
    site.reject(site.revise(ARTICLE, 3), 4)
    site.revise(CATALOG, 5)
    return site.log_bytes().decode().splitlines(keepends=True)


def write_log(site: Site, lines: list[str]) -> None:
    (site.root / LOG).write_text("".join(lines), encoding="utf-8")


def ledger_error(site: Site) -> str:
    with pytest.raises(ReviewError) as caught:
        site.ledger()
    return str(caught.value)


def test_every_record_names_the_one_before_it(site: Site) -> None:
    story(site)
    ledger = site.ledger()
    records = sorted(
        [*ledger.revisions.values(), *ledger.decisions], key=lambda r: ledger.line_of(r.id)
    )
    assert [r.previous for r in records] == [GENESIS] + [r.id for r in records[:-1]]


def test_a_deleted_line_is_noticed_at_the_line_after_it(site: Site) -> None:
    lines = story(site)
    catalog = [r for r in site.ledger().revisions.values() if r.path == CATALOG][0]
    rejection = catalog.previous
    write_log(site, lines[:3] + lines[4:])  # the rejection of the article is gone
    assert ledger_error(site) == (
        f"{LOG}:4: revision {short(catalog.id)} of {CATALOG} follows record {short(rejection)}, "
        "which is not in the log: a line before it was deleted or altered"
    )


def test_reordered_lines_are_noticed(site: Site) -> None:
    lines = story(site)
    write_log(site, [lines[1], lines[0], *lines[2:]])
    message = ledger_error(site)
    assert message.startswith(f"{LOG}:1: approval ")
    assert message.endswith(", which comes later, on line 2: lines were reordered")


def test_an_edited_line_with_a_recomputed_id_breaks_the_link_after_it(site: Site) -> None:
    story(site)
    article = [r for r in site.ledger().revisions.values() if r.path == ARTICLE][0]
    site.rewrite(article, comment="Someone else's words")
    message = ledger_error(site)
    assert message.startswith(f"{LOG}:4: rejection ")
    assert message.endswith(
        f"follows record {short(article.id)}, which is not in the log: a line before it was "
        "deleted or altered"
    )


def legacy_revision(path: str, minute: int, site: Site) -> Revision:
    """A record as certwarn wrote them before the chain: no link, no author signature."""
    draft = Revision("", path, "0" * 64, "old", site.at(minute), "old", Significance.MINOR, ())
    return dataclasses.replace(draft, id=record_id(revision_fields(draft)))


def test_records_from_before_the_chain_are_sealed_in_their_order(site: Site) -> None:
    old = [legacy_revision(CODE, 1, site), legacy_revision(ARTICLE, 2, site)]
    write_log(site, [encode(record) + "\n" for record in old])
    assert site.ledger().unchained == (old[0].id, old[1].id)
    edit_roster(site.config, updating("bob", locales=("de", "fr")))
    assert site.sign_reviewers(3).sealed == 2
    assert site.ledger().unchained == ()
    lines = site.log_bytes().decode().splitlines(keepends=True)
    write_log(site, lines[1:])
    assert ledger_error(site) == (
        f"{LOG}:2: seal {short(json.loads(lines[-1])['id'])} of the first 2 records does not "
        "match the 1 "
        "unchained records before it: a line before it was deleted, reordered or altered"
    )


def test_a_record_without_a_link_after_the_chain_began_is_refused(site: Site) -> None:
    story(site)
    with (site.root / LOG).open("a", encoding="utf-8") as log:
        log.write(encode(legacy_revision(CODE, 9, site)) + "\n")
    assert ledger_error(site).startswith(f"{LOG}:6: revision ")
    assert ledger_error(site).endswith(
        "has no link to the record before it, but the log is hash-chained from line 1; only "
        "certwarn writes records"
    )


def test_a_deleted_last_line_is_noticed_by_the_next_build(site: Site) -> None:
    """Nothing follows the last record to name it, but the previous build remembers it."""
    overview = "content/articles/overview.md"
    site.write(overview, "---\ntitle: Overview\nsummary: All codes.\n---\n\nStart here.\n")
    site.approve(site.revise(overview, 1), 2)
    site.approve(site.revise(CODE, 3), 4)
    site.write(CODE, FILES[CODE].replace("Check the clock.", "Check the date."))
    second = site.revise(CODE, 5)
    site.approve(second, 6)
    rejection = site.reject(second, 7, unpublish=True)
    out = str(site.root / "out")
    assert site.cli("build", "--out", out).code == 0
    lines = site.log_bytes().decode().splitlines(keepends=True)
    write_log(site, lines[:-1])  # the rejection is gone: `second` would be published again
    run = site.cli("build", "--out", out)
    assert (run.code, run.err) == (
        1,
        f"{LOG}: record {short(rejection.id)}, which the previous build published from, is no "
        "longer in the log: its last lines were deleted or the log was replaced; if that was "
        "intended, delete build/.cache/review-seen\n",
    )
