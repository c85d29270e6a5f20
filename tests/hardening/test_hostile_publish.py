"""A truly atomic publish: a kill at any moment leaves the old site or the new one, byte for byte.

`build/html` is a link to one complete version of the site; a build writes a new version
beside it and one rename switches the link. These tests kill real builds (SIGKILL, in a
child process) at many points of their writing, and check what a reader finds afterwards.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from l10n_helpers import add_locales, translate

Cli = Callable[..., Any]
REPO = Path(__file__).resolve().parents[2]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file a reader finds below `folder` (through the link), with its bytes."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


KILLER = """
import builtins, os, signal, sys
limit, count_file, root = int(sys.argv[1]), sys.argv[2], sys.argv[3]
main_pid, calls = os.getpid(), [0]

def counted(real, writes_only=False):
    def call(*args, **kwargs):
        mode = args[1] if len(args) > 1 else kwargs.get("mode", "r")
        if os.getpid() == main_pid and not (writes_only and isinstance(mode, str) and
                                            not set(mode) & set("wxa+")):
            calls[0] += 1
            if calls[0] == limit:
                os.kill(main_pid, signal.SIGKILL)
        return real(*args, **kwargs)
    return call

# every call that changes the file system, in the build process itself (not its workers)
for name in ("mkdir", "link", "symlink", "replace", "rename", "unlink", "rmdir", "sync"):
    setattr(os, name, counted(getattr(os, name)))
builtins.open = counted(builtins.open, writes_only=True)

from generator.cli import main
code = main(["--root", root, "build"])
with open(count_file, "w") as handle:
    handle.write(str(calls[0]))
sys.exit(code)
"""
"""Runs `certwarn build`, sending itself SIGKILL at its Nth file-system change (0: never)."""


def killed_build(root: Path, limit: int, count_file: Path) -> int:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-c", KILLER, str(limit), str(count_file), str(root)]
    return subprocess.run(command, env=env, capture_output=True, check=False).returncode


def leftovers(root: Path) -> list[str]:
    """What is in build/ besides the cache, the link and the version it shows."""
    live = (root / "build/html").resolve().name
    return sorted(
        p.name for p in (root / "build").iterdir() if p.name not in (".cache", "html", live)
    )


def edit(root: Path) -> None:
    """Change a code page and the home article: several pages and the site-wide ones change."""
    code = root / "content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md"
    code.write_text(code.read_text().replace("Renew the certificate.", "Renew it today."))
    home = root / "content/articles/overview.md"
    home.write_text(home.read_text() + "\nOne more paragraph.\n")


def test_a_build_killed_at_any_moment_leaves_the_old_or_the_new_site(
    project: Path, tmp_path: Path, cli: Cli
) -> None:
    assert cli(project, "build").code == 0
    old = snapshot(project / "build/html")
    edit(project)
    pristine = tmp_path / "pristine"
    shutil.copytree(project, pristine, symlinks=True)
    count = tmp_path / "count"
    assert killed_build(project, 0, count) == 0
    new = snapshot(project / "build/html")
    assert new != old
    total = int(count.read_text())
    # spread over the whole build, and every one of the last calls (switch and clean-up)
    moments = sorted({*range(1, total, max(total // 6, 1)), *range(max(total - 6, 1), total + 1)})
    outcomes = []
    for moment in moments:
        work = tmp_path / f"killed-{moment}"
        shutil.copytree(pristine, work, symlinks=True)
        assert killed_build(work, moment, count) == -signal.SIGKILL, f"not killed at {moment}"
        found = snapshot(work / "build/html")
        assert found in (old, new), f"a kill at change {moment} of {total} left a mixed site"
        outcomes.append("old" if found == old else "new")
        # the next build completes the work and removes what the killed one left
        assert cli(work, "build").code == 0
        assert snapshot(work / "build/html") == new
        assert leftovers(work) == []
        shutil.rmtree(work)
    assert {"old", "new"} <= set(outcomes), outcomes


def test_what_a_killed_build_left_is_removed_by_the_next_one(project: Path, cli: Cli) -> None:
    assert cli(project, "build").code == 0
    ended = subprocess.run(["true"], check=True)  # a process id that no longer runs
    dead = subprocess.Popen(["true"])
    dead.wait()
    build = project / "build"
    (build / f".html.build-{dead.pid}-0badc0de/en-US").mkdir(parents=True)
    (build / f".html.build-{dead.pid}-0badc0de/en-US/index.html").write_text("half")
    (build / ".html.new-k2j4h1").mkdir()  # what writers before the link left
    os.symlink(".html.build-1-x", build / f".tmp-{dead.pid}-0badc0de-html")
    (build / f".tmp-{dead.pid}-0badc0de-html.search/en-US/site").mkdir(parents=True)
    assert ended.returncode == 0
    assert cli(project, "build").code == 0
    assert leftovers(project) == []


def test_reverting_an_edit_restores_the_old_bytes(project: Path, cli: Cli) -> None:
    assert cli(project, "build").code == 0
    before = snapshot(project / "build/html")
    page = project / "content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md"
    text = page.read_text()
    page.write_text(text.replace("Renew the certificate.", "Renew it today."))
    assert cli(project, "build").code == 0
    page.write_text(text)
    assert cli(project, "build").code == 0
    assert snapshot(project / "build/html") == before


def test_a_published_file_changed_by_hand_is_written_again(project: Path, cli: Cli) -> None:
    assert cli(project, "build").code == 0
    before = snapshot(project / "build/html")
    for name in ("en-US/codes/SEC_ERROR_UNKNOWN_ISSUER.html", "sitemap.xml"):
        with open(project / "build/html" / name, "ab") as handle:
            handle.write(b"<!-- changed in place -->")
    assert cli(project, "build").code == 0
    assert snapshot(project / "build/html") == before


def test_a_build_that_changes_nothing_switches_nothing(project: Path, cli: Cli) -> None:
    assert cli(project, "build").code == 0
    live = os.readlink(project / "build/html")
    assert cli(project, "build").code == 0
    assert os.readlink(project / "build/html") == live


def test_a_site_from_before_the_link_becomes_a_link_with_the_same_files(
    project: Path, cli: Cli
) -> None:
    assert cli(project, "build").code == 0
    out = project / "build/html"
    before = snapshot(out)
    live = out.resolve()
    out.unlink()
    live.rename(out)  # a plain folder, as the writer before links left it
    assert cli(project, "build").code == 0
    assert out.is_symlink()
    assert snapshot(out) == before
    assert leftovers(project) == []


def test_a_link_no_build_made_is_never_replaced(project: Path, tmp_path: Path, cli: Cli) -> None:
    mine = tmp_path / "my-site"
    mine.mkdir()
    (mine / "index.html").write_text("mine")
    (project / "build").mkdir()
    os.symlink(mine, project / "build/html")
    run = cli(project, "build")
    assert (run.code, run.err) == (
        1,
        f"certwarn: refusing to replace the link {project}/build/html -> {mine}: no build made"
        " it; remove it or choose another output folder\n",
    )
    assert snapshot(mine) == {"index.html": b"mine"}


@pytest.fixture
def three_locales(project: Path) -> Path:
    add_locales(project, "de", "fr")
    translate(project, "de", lambda s: s.replace("the", "die"))
    translate(project, "fr", lambda s: s.replace("the", "le"))
    return project


def test_a_build_of_one_locale_updates_it_and_keeps_every_other(
    three_locales: Path, cli: Cli
) -> None:
    site = three_locales
    assert cli(site, "build").code == 0
    before = snapshot(site / "build/html")
    translate(site, "de", lambda s: s.replace("the", "der"))
    assert cli(site, "build", "--locale", "de").code == 0
    after = snapshot(site / "build/html")

    def others(files: dict[str, str]) -> set[str]:
        return {path for path in files if not path.startswith("de/")}

    # de's search index is named by content hashes, so its names change with its pages
    assert others(after) == others(before), "no file of another locale is removed"
    changed = {path for path in after if after[path] != before.get(path)}
    assert any(path.startswith("de/") for path in changed)
    assert not any(path.startswith(("en-US/", "fr/")) for path in changed)
    assert cli(site, "build").code == 0
    assert snapshot(site / "build/html") == after, "a full build agrees with the partial one"


def test_a_link_planted_in_the_live_site_is_replaced_by_the_page(project: Path, cli: Cli) -> None:
    assert cli(project, "build").code == 0
    before = snapshot(project / "build/html")
    page = project / "build/html/en-US/codes/SEC_ERROR_UNKNOWN_ISSUER.html"
    planted = project / "planted.html"
    planted.write_bytes(page.read_bytes())  # the same bytes: only the link is wrong
    page.unlink()
    os.symlink(planted, page)
    assert cli(project, "build").code == 0
    assert not page.is_symlink()
    assert snapshot(project / "build/html") == before
