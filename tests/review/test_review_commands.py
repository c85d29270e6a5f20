"""The author -> reviewer -> publish story through `certwarn revise`, `review`, `status`."""

from __future__ import annotations

import dataclasses

import pytest
from review_story import ARTICLE, CATALOG, CODE, FILES, LOG, Site

from generator.errors import ReviewError
from generator.review.canonical import short
from generator.review.ledger import Ledger


def store_files(site: Site) -> dict[str, bytes]:
    folder = site.root / "content/_review"
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def only_revision(site: Site, path: str) -> str:
    (revision,) = [rev for rev in site.ledger().revisions.values() if rev.path == path]
    return revision.id


def test_the_author_reviewer_story(site: Site) -> None:
    revise = site.cli("revise", CODE, "--comment", "Mention the clock", "--creator", "Joni")
    rev = only_revision(site, CODE)
    assert revise.out == f"revision {short(rev)}  {CODE}  (minor)\n"
    listed = site.cli("review", "list", "--pending").out
    assert listed.startswith(f"{short(rev)}  pending ")
    approve = site.cli("review", "approve", rev[:8], "--key", "alice", "--ready-for-localization")
    assert approve.out == f"approved {short(rev)}  {CODE}\n"
    assert site.gate().read(CODE).revision == rev
    assert "Published (1)" in site.cli("status").out


def test_show_prints_metadata_the_diff_against_the_published_text_and_the_preview(
    site: Site,
) -> None:
    site.approve(site.revise(CODE, 1), 2)
    site.write(CODE, FILES[CODE].replace("has expired", "is out of date"))
    site.cli("revise", CODE, "--comment", "Plainer words", "--creator", "Joni")
    pending = site.cli("review", "list", "--pending").out[:12]
    out = site.cli("review", "show", pending).out
    assert "comment:      Plainer words\n" in out
    assert "state:        pending\n" in out
    assert (
        "preview:      build/preview/en-US/codes/SEC_ERROR_EXPIRED_CERTIFICATE.html "
        "after `certwarn build --preview`\n"
    ) in out
    assert "-The certificate has expired.\n+The certificate is out of date.\n" in out


def test_show_of_a_catalog_names_its_locale_and_preview_page(site: Site) -> None:
    site.cli("revise", CATALOG, "--comment", "Translate", "--creator", "Lena")
    out = site.cli("review", "show", only_revision(site, CATALOG)).out
    assert "locale:       de\n" in out
    assert "build/preview/de/codes/SEC_ERROR_EXPIRED_CERTIFICATE.html" in out


def test_approving_outside_ones_locales_is_refused_and_writes_nothing(site: Site) -> None:
    revision = site.revise(CODE, 1)
    before = store_files(site)
    run = site.cli("review", "approve", revision.id, "--key", "bob")
    assert (run.code, run.err) == (
        1,
        f"{CODE}: cannot approve revision {short(revision.id)}: 'bob' may review de, not en-US\n",
    )
    assert store_files(site) == before


def test_self_approval_is_refused_and_writes_nothing(site: Site) -> None:
    revision = site.revise(CODE, 1, creator="Alice")
    before = store_files(site)
    run = site.cli("review", "approve", revision.id, "--key", "alice")
    assert run.err == (
        f"{CODE}: cannot approve revision {short(revision.id)}: self-approval: 'alice' created "
        f"revision {short(revision.id)} and site.toml [review] allow_self_approval is false\n"
    )
    assert store_files(site) == before


def test_one_refused_revision_stops_the_whole_approval(site: Site) -> None:
    article = site.revise(ARTICLE, 1)
    catalog = site.revise(CATALOG, 2)
    before = store_files(site)
    run = site.cli("review", "approve", catalog.id, article.id, "--key", "bob")
    assert run.code == 1
    assert store_files(site) == before


def test_a_key_missing_from_the_reviewers_file_is_refused(site: Site) -> None:
    revision = site.revise(CODE, 1)
    run = site.cli("review", "approve", revision.id, "--key", "mallory")
    assert run.err.startswith("content/_review/reviewers.toml: the key 'mallory' (ed25519:")


def test_reject_records_the_reason_and_keeps_the_file_unpublished(site: Site) -> None:
    revision = site.revise(CODE, 1)
    run = site.cli("review", "reject", revision.id[:6], "--key", "alice", "--comment", "Vague")
    assert run.out == f"rejected {short(revision.id)}  {CODE}\n"
    assert CODE in site.gate().unpublished()
    assert "rejection:    by alice, 2" in site.cli("review", "show", revision.id).out


def test_reject_needs_a_comment(site: Site) -> None:
    revision = site.revise(CODE, 1)
    with pytest.raises(SystemExit):
        site.cli("review", "reject", revision.id, "--key", "alice")


def test_approve_all_pending_of_one_locale(site: Site) -> None:
    site.revise(CODE, 1)
    catalog = site.revise(CATALOG, 2)
    run = site.cli("review", "approve", "--all-pending", "--locale", "de", "--key", "bob")
    assert run.out == f"approved {short(catalog.id)}  {CATALOG}\n"
    assert site.gate().paths() == [CATALOG]


def test_revise_all_submits_every_file_with_unsubmitted_edits(site: Site) -> None:
    run = site.cli("revise", "--all", "--locale", "en-US", "--comment", "Initial", "--creator", "J")
    assert sorted(line.split()[2] for line in run.out.splitlines()) == sorted([ARTICLE, CODE])
    again = site.cli("revise", CODE, "--comment", "Nothing new", "--creator", "J")
    assert again.out == f"unchanged            {CODE}  (same as its newest revision)\n"


def test_revise_refuses_files_outside_review(site: Site) -> None:
    run = site.cli("revise", "site.toml", "--comment", "x")
    assert run.err.startswith("site.toml: not a file that goes through review; expected ")


def test_a_revision_id_prefix_must_be_unique(site: Site) -> None:
    revision = site.revise(CODE, 1)
    twins = {
        "abcd" + "0" * 60: dataclasses.replace(revision, id="abcd" + "0" * 60),
        "abcd" + "1" * 60: dataclasses.replace(revision, id="abcd" + "1" * 60),
    }
    ledger = Ledger(twins, (), {}, LOG)
    with pytest.raises(ReviewError) as caught:
        ledger.resolve("abcd")
    assert str(caught.value) == (
        "revision id 'abcd' is ambiguous; it matches abcd00000000, abcd11111111"
    )
    assert ledger.resolve("abcd1").id == "abcd" + "1" * 60


def test_an_unknown_revision_id_is_reported(site: Site) -> None:
    site.revise(CODE, 1)
    run = site.cli("review", "show", "ffffffff")
    assert run.err == (
        "certwarn: no revision id starts with 'ffffffff'; see `certwarn review list`\n"
    )


def test_a_failed_revise_writes_nothing(site: Site) -> None:
    site.revise(CODE, 1)
    before = store_files(site)
    (site.root / ARTICLE).write_bytes(b"caf\xe9\n")
    site.write(CODE, FILES[CODE].replace("Wait.", "Wait a day."))
    run = site.cli("revise", CODE, ARTICLE, "--comment", "Both", "--creator", "Joni")
    assert run.err == f"{ARTICLE}:1: not valid UTF-8: got byte 0xe9\n"
    assert store_files(site) == before
