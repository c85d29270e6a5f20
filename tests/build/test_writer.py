"""Writing the site: all or nothing for a failed build, one owner per path, changed files only."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.build.record_files import write_plain
from generator.build.run import build
from generator.build.search_index import is_index_file
from generator.build.writer import MANIFEST, SiteWriter, write_site
from generator.config import load_config
from generator.errors import CertwarnError
from generator.render.pages import Page

BAD = Path(__file__).parents[1] / "fixtures" / "bad"
Cli = Callable[..., Any]
Files = Callable[[Path], dict[str, bytes]]


def pages(**texts: str) -> list[Page]:
    """Pages from `name=text`; `__` in a name stands for `/`."""
    return [Page(name.replace("__", "/") + ".html", text.encode()) for name, text in texts.items()]


def inodes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*") if p.is_file()
    }


# -- a failed build changes nothing -------------------------------------------------------------


def break_content(project: Path) -> str:
    """Add a source with a link to no article; the stderr line its fixture expects."""
    relative = "content/articles/unknown-link-target.md"
    shutil.copyfile(BAD / relative, project / relative)
    expected = re.search(r"<!-- expect: (.+?) -->", (BAD / relative).read_text(encoding="utf-8"))
    assert expected
    return expected.group(1)


def replace_line(path: Path, old: str, new: str) -> int:
    """Replace the line that starts with `old`; its 1-based number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if line.startswith(old))
    lines[number] = new + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    return number + 1


def break_front_matter(project: Path) -> str:
    relative = "content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md"
    line = replace_line(project / relative, "overridable:", "overridable: maybe")
    return f"{relative}:{line}: overridable: expected true or false, got 'maybe'"


def break_config(project: Path) -> str:
    line = replace_line(project / "site.toml", "locales =", "locales = 1")
    return f"site.toml:{line}: locales: expected a list, got 1"


@pytest.mark.parametrize("breakage", [break_content, break_front_matter, break_config])
def test_a_failed_build_leaves_the_previous_site_byte_identical(
    project: Path, cli: Cli, files: Files, breakage: Callable[[Path], str]
) -> None:
    assert cli(project, "build").code == 0
    before = files(project / "build/html")
    expected = breakage(project)
    run = cli(project, "build")
    assert (run.code, run.err) == (1, expected + "\n")
    assert files(project / "build/html") == before
    live = (project / "build/html").resolve().name
    left = sorted(p.name for p in (project / "build").iterdir())
    assert left == [".cache", live, "html"], "no half-written folder beside the live one"


def test_a_failed_first_build_writes_nothing(project: Path, cli: Cli) -> None:
    break_content(project)
    assert cli(project, "build").code == 1
    assert not (project / "build").exists()


def test_a_first_write_that_fails_midway_leaves_nothing_behind(tmp_path: Path) -> None:
    # the second page needs a folder where the first page is a file: the write fails midway
    with pytest.raises(CertwarnError) as raised:
        write_site(tmp_path / "html", [Page("a", b"one"), Page("a/b.html", b"two")])
    assert raised.value.message == "cannot write the site: File exists"
    assert list(tmp_path.iterdir()) == [], "neither the output nor its staging folder remains"


# -- one owner per output path ------------------------------------------------------------------


def test_two_pages_with_the_same_path_are_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    out = tmp_path / "html"
    twins = [Page("en-US/index.html", b"one"), Page("en-US/index.html", b"two")]
    with pytest.raises(CertwarnError) as raised:
        write_site(out, twins)
    assert str(raised.value) == "two pages write the same output path 'en-US/index.html'"
    assert not out.exists()


# -- the incremental writer ---------------------------------------------------------------------


def test_a_first_write_creates_every_file_and_a_manifest(tmp_path: Path) -> None:
    out = tmp_path / "html"
    result = write_site(out, pages(index="home", en__a="article"))
    assert result.written == ("en/a.html", "index.html")
    assert (out / "en/a.html").read_text() == "article"
    assert (out / MANIFEST).is_file()


def test_an_unchanged_site_rewrites_nothing(tmp_path: Path) -> None:
    out = tmp_path / "html"
    write_site(out, pages(index="home", a="article"))
    before = inodes(out)
    result = write_site(out, pages(index="home", a="article"))
    assert (result.written, result.removed, result.unchanged) == ((), (), 2)
    assert {k: v for k, v in inodes(out).items() if k != MANIFEST} == {
        k: v for k, v in before.items() if k != MANIFEST
    }


def test_only_changed_files_are_rewritten_and_stale_ones_removed(tmp_path: Path) -> None:
    out = tmp_path / "html"
    write_site(out, pages(index="home", a="article", b="gone soon"))
    before = inodes(out)
    result = write_site(out, pages(index="home", a="edited", c="new"))
    assert result.written == ("a.html", "c.html")
    assert result.removed == ("b.html",)
    assert result.unchanged == 1
    assert inodes(out)["index.html"] == before["index.html"]
    assert (out / "a.html").read_text() == "edited"
    assert not (out / "b.html").exists()


def test_the_new_version_is_announced_live_before_the_old_one_is_removed(
    tmp_path: Path,
) -> None:
    out = tmp_path / "html"
    write_site(out, pages(index="home"))
    old_version = out.resolve()
    seen: list[tuple[str, bool]] = []
    writer = SiteWriter(out)
    writer.add(Page("index.html", b"edited"))

    def live() -> None:
        seen.append(((out / "index.html").read_text(), old_version.exists()))

    writer.commit(live)
    assert seen == [("edited", True)], "called once, with the new page in place"
    assert not old_version.exists(), "removed after"


def test_a_file_deleted_by_hand_is_written_again(tmp_path: Path) -> None:
    out = tmp_path / "html"
    write_site(out, pages(index="home", a="article"))
    (out / "a.html").unlink()
    assert write_site(out, pages(index="home", a="article")).written == ("a.html",)
    assert (out / "a.html").read_text() == "article"


def test_a_rebuild_of_the_test_site_rewrites_only_what_an_edit_changed(
    project: Path, cli: Cli
) -> None:
    assert cli(project, "build").code == 0
    out = project / "build/html"
    before = inodes(out)
    article = project / "content/articles/bypassing-the-warning.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("device you run yourself", "device you manage"))
    assert cli(project, "build").code == 0
    after = inodes(out)
    changed = {path for path in after if after[path] != before.get(path)} - {MANIFEST}
    assert "en-US/articles/bypassing-the-warning.html" in changed
    assert "en-US/codes/SEC_ERROR_UNKNOWN_ISSUER.html" not in changed
    assert "en-US/errors/SEC_ERROR_UNKNOWN_ISSUER.html" not in changed
    assert "en-US/pagefind/pagefind-entry.json" in changed, "the search index is made again"
    kept = {path for path in after if not is_index_file(path)}
    assert kept == {path for path in before if not is_index_file(path)}


def test_a_foreign_folder_is_never_replaced(tmp_path: Path, files: Files) -> None:
    out = tmp_path / "Documents"
    out.mkdir()
    (out / "thesis.txt").write_text("years of work")
    with pytest.raises(CertwarnError) as raised:
        write_site(out, pages(index="home"))
    assert str(raised.value) == (
        f"refusing to replace {out}: it is not empty and has no {MANIFEST} from an earlier build;"
        " remove it or choose another output folder"
    )
    assert files(out) == {"thesis.txt": b"years of work"}


def test_a_file_where_the_site_goes_is_never_replaced(tmp_path: Path) -> None:
    out = tmp_path / "html"
    out.write_text("not a site")
    with pytest.raises(CertwarnError, match="refusing to replace"):
        write_site(out, pages(index="home"))
    assert out.read_text() == "not a site"


def test_an_empty_folder_may_be_written_into(tmp_path: Path) -> None:
    out = tmp_path / "html"
    out.mkdir()
    assert write_site(out, pages(index="home")).written == ("index.html",)


# -- trusting live files by their stamps --------------------------------------------------------


def site_with_stamps(tmp_path: Path) -> tuple[Path, Path, list[Page]]:
    out, stamps = tmp_path / "html", tmp_path / "cache" / "stamps.pickle"
    site = pages(index="home", a="article", en__b="another")
    write_site(out, site, stamps)
    return out, stamps, site


def test_a_build_that_changes_nothing_makes_no_new_version_and_touches_no_file(
    tmp_path: Path,
) -> None:
    out, stamps, site = site_with_stamps(tmp_path)
    before = {p: (i.st_ino, i.st_ctime_ns) for p, i in stats(out).items()}
    versions = sorted(p.name for p in tmp_path.iterdir())
    assert write_site(out, site, stamps).written == ()
    assert {p: (i.st_ino, i.st_ctime_ns) for p, i in stats(out).items()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == versions, "no version was made"


@pytest.mark.parametrize("stamps_kept", [True, False])
def test_a_page_edited_by_hand_is_written_again_even_with_its_times_put_back(
    tmp_path: Path, stamps_kept: bool
) -> None:
    out, stamps, site = site_with_stamps(tmp_path)
    if not stamps_kept:
        stamps.unlink()  # lost: every live file is read and compared
    page = out / "en/b.html"
    times = page.stat()
    page.write_text("altered!")  # the same size, and the modification time set back
    os.utime(page, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert write_site(out, site, stamps).written == ("en/b.html",)
    assert page.read_text() == "another"


def test_a_file_replaced_by_a_copy_of_itself_is_checked_by_its_bytes_and_kept(
    tmp_path: Path,
) -> None:
    out, stamps, site = site_with_stamps(tmp_path)
    page = out / "a.html"
    copy = tmp_path / "copy"
    shutil.copy2(page, copy)
    os.replace(copy, page)  # a new inode with the same bytes: its stamp no longer matches
    assert write_site(out, site, stamps).written == ()
    assert write_site(out, site, stamps).written == (), "its new stamp was recorded"


def stats(folder: Path) -> dict[str, os.stat_result]:
    return {p.relative_to(folder).as_posix(): p.stat() for p in folder.rglob("*") if p.is_file()}


def test_a_folder_of_the_live_site_replaced_by_a_link_is_never_carried_forward(
    tmp_path: Path,
) -> None:
    out, stamps, site = site_with_stamps(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    (out / "en").rename(elsewhere)  # its files keep their stamps: only the folder is a link
    (out / "en").symlink_to(elsewhere)
    assert write_site(out, site, stamps).written == ("en/b.html",)
    assert not (out / "en").is_symlink() and (out / "en/b.html").read_text() == "another"
    assert (out / "en/b.html").stat().st_ino != (elsewhere / "b.html").stat().st_ino


def test_the_build_s_own_records_wait_for_no_disk_sync_and_the_site_does(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record a crash tears or loses reads as missing, so writing one syncs nothing; the
    site is on disk before the switch that publishes it."""
    synced: list[str] = []
    fsync, sync = os.fsync, os.sync

    def recording_fsync(fd: int) -> None:
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))
        fsync(fd)

    def recording_sync() -> None:
        synced.append("everything")
        sync()

    monkeypatch.setattr(os, "fsync", recording_fsync)
    monkeypatch.setattr(os, "sync", recording_sync)
    build(load_config(project))
    cache = str((project / "build/.cache").resolve())
    assert (project / "build/.cache/parsed").is_dir()
    assert not [path for path in synced if path.startswith(cache)], synced
    assert "everything" in synced


@pytest.mark.parametrize("recorded", ["nonsense", [1, 2, 3, 4], (0, 0, 0, 0), None, 7])
def test_stamps_of_another_shape_only_make_the_files_checked_by_their_bytes(
    tmp_path: Path, recorded: object
) -> None:
    out, stamps, site = site_with_stamps(tmp_path)
    write_plain(stamps, {"a.html": recorded, "en/b.html": recorded, 3: recorded})
    (out / "en/b.html").write_text("altered")
    assert write_site(out, site, stamps).written == ("en/b.html",)
    assert (out / "en/b.html").read_text() == "another"
