"""Only regular files are read: a FIFO, socket, device or folder named like a document is
refused at `path:1`, and a FIFO never makes a command wait for a writer that never comes."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import Cli, refused

from generator.review.keys import generate_key

REPO = Path(__file__).resolve().parents[2]
CODE = "content/codes/SEC_ERROR_BAD_CODE.md"


def fifo(path: Path) -> None:
    os.mkfifo(path)


def folder(path: Path) -> None:
    path.mkdir()


def unix_socket(path: Path) -> None:
    listener = socket.socket(socket.AF_UNIX)
    listener.bind(str(path))
    listener.close()  # the socket file stays


def device(path: Path) -> None:
    try:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # what /dev/zero is
    except PermissionError:
        pytest.skip("making a device node needs CAP_MKNOD")


KINDS: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (fifo, "a FIFO"),
    "folder": (folder, "a folder"),
    "socket": (unix_socket, "a socket"),
    "device": (device, "a character device"),
}


@pytest.mark.parametrize("kind", KINDS)
def test_a_file_that_is_not_regular_is_refused_by_the_build(
    project: Path, cli: Cli, kind: str
) -> None:
    make, name = KINDS[kind]
    assert refused(project, cli, lambda: make(project / CODE)) == (
        f"{CODE}:1: refused {name}: expected a regular file"
    )


def test_a_link_to_a_device_is_refused_as_outside_the_project(project: Path, cli: Cli) -> None:
    harm = lambda: os.symlink("/dev/zero", project / CODE)  # noqa: E731
    assert refused(project, cli, harm) == (
        f"{CODE}:1: refused a symbolic link that leads outside the project (to /dev/zero):"
        " only files inside the project are used"
    )


def certwarn(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A real `certwarn` process: a FIFO read would block it, not the test's own process.

    The timeout only stops a hung run from hanging the suite; the assertion is the message."""
    command = [sys.executable, "-m", "generator.cli", "--root", str(root), *args]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def gated_with_fifo(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A gated project whose code page is a FIFO, and an author key (revise signs with it)."""
    monkeypatch.setenv("CERTWARN_CONFIG_HOME", str(tmp_path / "config"))
    generate_key("ann")
    config = project / "site.toml"
    config.write_text(config.read_text().replace("required = false", "required = true"))
    os.mkfifo(project / CODE)
    return project


@pytest.mark.parametrize(
    "args",
    [("status",), ("revise", "--all", "--comment", "c"), ("revise", CODE, "--comment", "c")],
    ids=["status", "revise-all", "revise-path"],
)
def test_a_fifo_named_like_a_document_does_not_hang_review_commands(
    gated_with_fifo: Path, args: tuple[str, ...]
) -> None:
    run = certwarn(gated_with_fifo, *args, *(["--creator", "ann"] if args[0] == "revise" else []))
    assert (run.returncode, run.stderr) == (
        1,
        f"{CODE}:1: refused a FIFO: expected a regular file\n",
    )


def test_a_loop_of_links_named_like_a_document_is_refused(project: Path, cli: Cli) -> None:
    harm = lambda: os.symlink("SEC_ERROR_BAD_CODE.md", project / CODE)  # noqa: E731
    assert refused(project, cli, harm) == (
        f"{CODE}:1: refused a path that names no file (a loop of links or a NUL byte); got {CODE!r}"
    )
