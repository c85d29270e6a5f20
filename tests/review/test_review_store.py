"""The store: an append-only log of canonical JSON plus content-addressed objects."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from review_story import CATALOG, CODE, FILES, LOG, Site

from generator.errors import ReviewError
from generator.review.canonical import canonical_json, sha256_hex
from generator.review.model import Decision, Revision
from generator.review.records import computed_id
from generator.review.status import status_report

REPO = Path(__file__).resolve().parents[2]


def test_a_revision_snapshots_the_file_into_a_content_addressed_object(site: Site) -> None:
    revision = site.revise(CODE, 1)
    digest = sha256_hex(FILES[CODE].encode("utf-8"))
    assert revision.content == digest
    assert site.read(f"content/_review/objects/{digest[:2]}/{digest}") == FILES[CODE]


def test_ids_are_derived_from_the_record(published: tuple[Site, Revision, Decision]) -> None:
    site, revision, decision = published
    assert computed_id(revision) == revision.id
    assert computed_id(decision) == decision.id
    site.write(CODE, "Other text.\n")
    assert site.revise(CODE, 3).id != revision.id


def test_each_log_line_is_one_canonical_json_record(
    published: tuple[Site, Revision, Decision],
) -> None:
    site, revision, decision = published
    lines = site.log_bytes().decode("utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [revision.id, decision.id]
    assert all(canonical_json(json.loads(line)) == line for line in lines)


def test_a_torn_last_line_and_a_leftover_temp_file_leave_a_readable_store(
    published: tuple[Site, Revision, Decision],
) -> None:
    site, revision, _ = published
    log = site.root / LOG
    with log.open("ab") as handle:
        handle.write(b'{"type":"decision","revision":"' + revision.id.encode()[:20])
    (site.root / "content/_review/.tmp-4242-dead-log.jsonl").write_bytes(b"half a log")
    assert site.gate().read(CODE).revision == revision.id
    assert status_report(site.config, site.at(10)).torn_line == 3


def test_the_next_write_drops_the_torn_line_and_leftover_temp_files(
    published: tuple[Site, Revision, Decision],
) -> None:
    site, _, _ = published
    with (site.root / LOG).open("ab") as handle:
        handle.write(b'{"type":"revi')
    leftover = site.root / "content/_review/.tmp-4242-dead-log.jsonl"
    leftover.write_bytes(b"half a log")
    site.write(CODE, "Second text.\n")
    second = site.revise(CODE, 3)
    assert site.ledger().line_of(second.id) == 3
    assert site.ledger().torn_line is None
    assert not leftover.exists()


def test_a_complete_last_line_without_newline_is_kept(
    published: tuple[Site, Revision, Decision],
) -> None:
    site, _, decision = published
    log = site.root / LOG
    log.write_bytes(log.read_bytes().rstrip(b"\n"))
    assert site.ledger().line_of(decision.id) == 2
    site.write(CODE, "Second text.\n")
    site.revise(CODE, 3)
    assert len(site.log_bytes().splitlines()) == 3


def test_a_damaged_line_inside_the_log_is_reported_at_its_line(
    published: tuple[Site, Revision, Decision],
) -> None:
    site, _, _ = published
    log = site.root / LOG
    lines = log.read_bytes().splitlines(keepends=True)
    log.write_bytes(lines[0] + b'{"type": "revision"}\n' + lines[1])
    with pytest.raises(ReviewError) as caught:
        site.gate()
    assert str(caught.value) == (
        f"{LOG}:2: not a valid review record: revision record lacks the field 'id'"
    )


def test_a_merge_conflict_in_the_log_names_the_fix(
    published: tuple[Site, Revision, Decision],
) -> None:
    site, _, _ = published
    log = site.root / LOG
    log.write_bytes(b"<<<<<<< HEAD\n" + log.read_bytes())
    with pytest.raises(ReviewError) as caught:
        site.ledger()
    assert str(caught.value) == (
        f"{LOG}:1: unresolved merge conflict marker; keep the lines of both sides "
        "(the log merges with merge=union, see .gitattributes)"
    )


def git(site: Site, *args: str) -> str:
    settings = ["user.name=T", "user.email=t@example.test", "commit.gpgsign=false"]
    command = ["git", *(part for s in settings for part in ("-c", s)), *args]
    done = subprocess.run(command, cwd=site.root, capture_output=True, text=True, check=True)
    return done.stdout


def test_logs_of_two_branches_merge_in_git_without_conflict(
    published: tuple[Site, Revision, Decision],
) -> None:
    site, _, _ = published
    (site.root / ".gitattributes").write_bytes((REPO / ".gitattributes").read_bytes())
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "base")
    git(site, "checkout", "-qb", "translation")
    ours = site.revise(CATALOG, 3)
    git(site, "add", "-A")
    git(site, "commit", "-qm", "translation")
    git(site, "checkout", "-q", "main")
    site.write(CODE, "Edited on main.\n")
    theirs = site.revise(CODE, 4)
    git(site, "add", "-A")
    git(site, "commit", "-qm", "main")
    git(site, "merge", "-q", "--no-edit", "translation")
    ledger = site.ledger()
    assert {ours.id, theirs.id} <= set(ledger.revisions)
    assert len(ledger.revisions) == 3


def test_the_gitattributes_file_merges_the_log_by_union() -> None:
    attributes = (REPO / ".gitattributes").read_text()
    assert "content/_review/log.jsonl merge=union" in attributes.splitlines()
