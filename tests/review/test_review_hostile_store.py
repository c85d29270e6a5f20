"""Hostile store files get `path:line: message` and exit 1; terminal output escapes controls."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from review_story import CODE, FILES, LOG, REVIEWERS, Site

from generator.review.canonical import short

TRUST = "content/_review/trust.jsonl"


def status_error(site: Site) -> tuple[int, str]:
    run = site.cli("status")
    return run.code, run.err


def test_a_reviewers_file_that_is_not_utf8_is_refused_at_its_line(site: Site) -> None:
    (site.root / REVIEWERS).write_bytes(site.read(REVIEWERS).encode() + b"# caf\xe9\n")
    count = (site.root / REVIEWERS).read_bytes().count(b"\n")
    assert status_error(site) == (1, f"{REVIEWERS}:{count}: not valid UTF-8: got byte 0xe9\n")


def test_a_reviewers_file_nested_too_deeply_is_refused(site: Site) -> None:
    site.write(REVIEWERS, "x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    code, err = status_error(site)
    assert code == 1
    assert err.startswith(f"{REVIEWERS}: not valid TOML")


def test_an_object_replaced_by_a_link_to_dev_zero_is_refused(site: Site) -> None:
    revision = site.revise(CODE, 1)
    site.approve(revision, 2)
    assert revision.content is not None
    obj = site.root / "content/_review/objects" / revision.content[:2] / revision.content
    obj.unlink()
    os.symlink("/dev/zero", obj)
    shown = obj.relative_to(site.root).as_posix()
    show = site.cli("review", "show", revision.id)
    assert (show.code, show.err) == (
        1,
        f"{shown}:1: refused a symbolic link: expected a regular file\n",
    )
    run = site.cli("build", "--out", str(site.root / "out"))
    assert (run.code, run.err) == (
        1,
        f"{shown}:1: refused a symbolic link: expected a regular file\n",
    )


def test_a_fifo_in_place_of_the_log_is_refused_without_hanging(site: Site) -> None:
    site.revise(CODE, 1)
    (site.root / LOG).unlink()
    os.mkfifo(site.root / LOG)
    assert status_error(site) == (1, f"{LOG}:1: refused a FIFO: expected a regular file\n")


def test_a_log_line_nested_too_deeply_is_refused_at_its_line(site: Site) -> None:
    site.revise(CODE, 1)
    with (site.root / LOG).open("a") as log:
        log.write("[" * 100_000 + "]" * 100_000 + "\n")
    code, err = status_error(site)
    assert code == 1
    assert err.startswith(f"{LOG}:2: not a valid review record: ")


def test_a_trust_root_line_that_is_not_json_is_refused_at_its_line(site: Site) -> None:
    with (site.root / TRUST).open("a") as trust:
        trust.write('{"type": "trust", "version": \n')
    code, err = status_error(site)
    assert code == 1
    assert err.startswith(f"{TRUST}:2: not a valid trust root version: ")


HOSTILE = "Fine\x1b[2J\x1b[1;1Hall good\r\u202eevil\u202c"
ESCAPED = "Fine\\x1b[2J\\x1b[1;1Hall good\\x0d\\u202eevil\\u202c"


def test_control_characters_in_content_are_escaped_in_show_and_the_diff(site: Site) -> None:
    site.write(CODE, FILES[CODE].replace("Check the clock.", HOSTILE))
    site.cli("revise", CODE, "--comment", HOSTILE, "--creator", HOSTILE, "--key", "joni")
    (revision,) = site.ledger().revisions.values()
    out = site.cli("review", "show", revision.id).out
    assert "\x1b" not in out and "\r" not in out and "\u202e" not in out
    assert f"comment:      {ESCAPED}\n" in out
    assert f"+{ESCAPED}\n" in out


def test_control_characters_are_escaped_in_list_and_status(site: Site) -> None:
    site.cli("revise", CODE, "--comment", HOSTILE, "--creator", "Joni", "--key", "joni")
    (revision,) = site.ledger().revisions.values()
    listed = site.cli("review", "list").out
    status = site.cli("status").out
    assert listed.endswith(f"{ESCAPED}\n")
    assert f"{CODE}  {short(revision.id)}  minor by Joni: {ESCAPED}  (for: alice)\n" in status
    for out in (listed, status):
        assert "\x1b" not in out and "\r" not in out and "\u202e" not in out


def test_a_fifo_named_like_a_document_is_refused_by_status_without_hanging(site: Site) -> None:
    fifo = "content/articles/stuck.md"
    os.mkfifo(site.root / fifo)
    assert status_error(site) == (1, f"{fifo}:1: refused a FIFO: expected a regular file\n")


def test_a_folder_named_like_a_document_is_refused(site: Site) -> None:
    (site.root / "content/articles/folder.md").mkdir()
    assert status_error(site) == (
        1,
        "content/articles/folder.md:1: refused a folder: expected a regular file\n",
    )


def test_a_retirement_at_year_one_with_an_offset_is_refused_at_its_line(site: Site) -> None:
    site.write(REVIEWERS, site.read(REVIEWERS) + "retired = 0001-01-01T00:00:00+05:00\n")
    line = site.read(REVIEWERS).splitlines().index("[reviewers.bob]") + 1
    assert status_error(site) == (
        1,
        f"{REVIEWERS}:{line}: reviewer 'bob': retired: time out of range: "
        "'0001-01-01T00:00:00+05:00'\n",
    )


def test_a_record_dated_year_one_with_an_offset_is_refused_at_its_line(site: Site) -> None:
    site.revise(CODE, 1)
    log = site.root / LOG
    text = log.read_text()
    created = text.split('"created":"')[1].split('"')[0]
    log.write_text(text.replace(created, "0001-01-01T00:00:00+05:00"))
    assert status_error(site) == (
        1,
        f"{LOG}:1: not a valid review record: field 'created': expected an ISO 8601 UTC time, "
        "got '0001-01-01T00:00:00+05:00'\n",
    )


def test_an_embargo_out_of_range_is_refused(site: Site) -> None:
    revision = site.revise(CODE, 1)
    args = ("review", "approve", revision.id, "--key", "alice")
    run = site.cli(*args, "--publish-after", "0001-01-01T00:00:00+05:00")
    assert (run.code, run.err) == (
        1,
        "certwarn: --publish-after: expected YYYY-MM-DD or an ISO time, "
        "got '0001-01-01T00:00:00+05:00'\n",
    )


@pytest.mark.parametrize(
    ("harm", "kind"),
    [
        (lambda path: path.mkdir(), "a folder"),
        (lambda path: os.mkfifo(path), "a FIFO"),
        (lambda path: os.symlink("../../../../content/codes/x.md", path), "a symbolic link"),
    ],
    ids=["folder", "fifo", "link-inside"],
)
def test_an_object_that_is_not_a_regular_file_is_refused(
    site: Site, harm: Callable[[Path], object], kind: str
) -> None:
    revision = site.revise(CODE, 1)
    site.approve(revision, 2)
    assert revision.content is not None
    obj = site.root / "content/_review/objects" / revision.content[:2] / revision.content
    obj.unlink()
    harm(obj)
    shown = obj.relative_to(site.root).as_posix()
    run = site.cli("build", "--out", str(site.root / "out"))
    assert (run.code, run.err) == (1, f"{shown}:1: refused {kind}: expected a regular file\n")
