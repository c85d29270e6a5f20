"""A read-only or full disk: one line naming the path, exit 1, the previous site untouched.

All run a real build in a child process: read-only with chmod (root is held to the mode bits
by dropping its override capabilities); a full disk with RLIMIT_FSIZE (a write beyond the limit
fails with EFBIG as one on a full disk fails with ENOSPC) and, where mount namespaces are
allowed, with a real full tmpfs mounted over build/ in a namespace of the child's own.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
Cli = Callable[..., Any]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def child_build(
    root: Path, prefix: tuple[str, ...] = (), limit: int | None = None
) -> subprocess.CompletedProcess[str]:
    def limited() -> None:
        if limit is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of being killed
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    command = [*prefix, sys.executable, "-m", "generator.cli", "--root", str(root), "build"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        command, env=env, capture_output=True, text=True, preexec_fn=limited, check=False
    )


def edit(root: Path) -> None:
    page = root / "content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md"
    page.write_text(page.read_text().replace("Renew the certificate.", "Renew it today."))


def test_a_read_only_output_folder_is_one_line_naming_it(project: Path, cli: Cli) -> None:
    assert cli(project, "build").code == 0
    before = snapshot(project / "build/html")
    edit(project)
    # root ignores mode bits unless it gives up the capabilities that override them
    drop = ("setpriv", "--bounding-set=-dac_override,-dac_read_search", "--")
    os.chmod(project / "build", 0o555)
    try:
        run = child_build(project, drop if os.geteuid() == 0 else ())
    finally:
        os.chmod(project / "build", 0o755)
    version = r"\.html\.build-\d+-[0-9a-f]{8}"
    folder = re.escape(f"{project}/build/")
    pattern = rf"{folder}{version}: cannot write the site: Permission denied\n"
    assert run.returncode == 1
    assert re.fullmatch(pattern, run.stderr), run.stderr
    assert snapshot(project / "build/html") == before


def test_a_full_disk_is_one_line_naming_the_file(project: Path, cli: Cli) -> None:
    assert cli(project, "build").code == 0
    before = snapshot(project / "build/html")
    edit(project)
    run = child_build(project, limit=4096)
    pattern = rf"{re.escape(str(project))}/build/\S+: (cannot write the site: )?File too large\n"
    assert run.returncode == 1
    assert re.fullmatch(pattern, run.stderr), run.stderr
    assert snapshot(project / "build/html") == before
    assert cli(project, "build").code == 0, "the next build, with room, succeeds"


FULL_TMPFS = """
import contextlib, io, json, os, subprocess, sys
root = sys.argv[1]
build = os.path.join(root, "build")
os.makedirs(build)
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", build], check=True)
from generator.cli import main

def snapshot(folder):
    found = {}
    for top, _, names in os.walk(folder, followlinks=True):
        for name in names:
            with open(os.path.join(top, name), "rb") as handle:
                found[os.path.relpath(os.path.join(top, name), folder)] = handle.read().hex()
    return found

assert main(["--root", root, "build"]) == 0
filler = os.open(os.path.join(build, "filler"), os.O_WRONLY | os.O_CREAT)
with contextlib.suppress(OSError):  # fill the disk to the last block
    while os.write(filler, bytes(4096)):
        pass
os.close(filler)
before = snapshot(os.path.join(build, "html"))
page = os.path.join(root, "content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md")
with open(page) as handle:
    text = handle.read()
with open(page, "w") as handle:
    handle.write(text.replace("Renew the certificate.", "Renew it today."))
err = io.StringIO()
with contextlib.redirect_stderr(err):
    code = main(["--root", root, "build"])
unchanged = snapshot(os.path.join(build, "html")) == before
print(json.dumps({"code": code, "stderr": err.getvalue(), "unchanged": unchanged}))
"""
"""In a mount namespace of its own: build onto a 4 MB tmpfs, fill it, edit, build again."""


def namespaces_allowed() -> bool:
    if shutil.which("unshare") is None:
        return False
    trial = ["unshare", "--mount", "--propagation", "private", "true"]
    return subprocess.run(trial, capture_output=True, check=False).returncode == 0


@pytest.mark.skipif(not namespaces_allowed(), reason="mount namespaces are not allowed here")
def test_a_really_full_disk_is_one_line_naming_the_file(project: Path) -> None:
    command = ["unshare", "--mount", "--propagation", "private", sys.executable, "-c"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    run = subprocess.run(
        [*command, FULL_TMPFS, str(project)], env=env, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    outcome = json.loads(run.stdout.splitlines()[-1])
    pattern = (
        rf"{re.escape(str(project))}/build/\S+: (cannot write the site: )?No space left on device\n"
    )
    assert outcome["code"] == 1
    assert re.fullmatch(pattern, outcome["stderr"]), outcome["stderr"]
    assert outcome["unchanged"]
