"""A read-only or full disk: one line naming the path, exit 1, the previous site untouched.

Both run a real build in a child process: read-only with chmod (root is held to the mode bits
by dropping its override capabilities), a full disk with RLIMIT_FSIZE, so a write beyond the
limit fails with EFBIG just as one on a full disk fails with ENOSPC.
"""

from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

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
