"""Shared fixtures: a small certwarn site written into a temporary folder, and CLI helpers."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from site_files import SITE_FILES, write_files

from generator.cli import main

REPO = Path(__file__).resolve().parent.parent
"""The certwarn repository itself, with the shipped content."""

VERIFY_EXTRA = ("OpenSSL", "playwright", "marionette_driver")
MISSING_FOR_VERIFY = [name for name in VERIFY_EXTRA if importlib.util.find_spec(name) is None]
"""Modules of the `verify` extra that are not installed: tests/verify is then not collected."""


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    if MISSING_FOR_VERIFY and collection_path == REPO / "tests" / "verify":
        return True
    return None


def pytest_report_header() -> str | None:
    if MISSING_FOR_VERIFY:
        missing = ", ".join(MISSING_FOR_VERIFY)
        return (
            f"tests/verify skipped: the verify extra is not installed (missing {missing}); "
            "install it with: pip install -e '.[verify]'"
        )
    return None


def readable_by_browsers(folder: Path) -> Path:
    """As root, certwarn hands Chromium to `nobody` so that its sandbox works; pytest's
    temporary folders are private to root, so open this one and those above it up to
    pytest's `pytest-of-<user>` for reading: they hold test sites, never secrets."""
    if os.geteuid() == 0:
        for each in (folder, *folder.parents):
            each.chmod(0o755)
            if each.name.startswith("pytest-of-"):
                break
    return folder


@pytest.fixture(scope="session", autouse=True)
def temporary_folders_readable_by_browsers(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every `tmp_path` and `mktemp` folder of the session, readable by a browser as `nobody`."""
    make = tmp_path_factory.mktemp

    def mktemp(basename: str, numbered: bool = True) -> Path:
        return readable_by_browsers(make(basename, numbered))

    tmp_path_factory.mktemp = mktemp  # type: ignore[method-assign]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A small, valid certwarn site: three codes, the home article, one more, one steps folder."""
    root = tmp_path / "site"
    write_files(root, SITE_FILES)
    return root


@pytest.fixture(scope="session")
def repo() -> Path:
    """The certwarn repository, whose shipped content tests may build but never change."""
    return REPO


@pytest.fixture
def write() -> Callable[[Path, Mapping[str, str]], None]:
    """`write(root, {relative path: text})`."""
    return write_files


@dataclass(frozen=True)
class Run:
    """The outcome of one in-process `certwarn` run."""

    code: int
    out: str
    err: str


def run_cli(root: Path, *args: str) -> Run:
    """Run `certwarn --root ROOT ARGS…` in this process, capturing its output."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(root), *args])
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture
def cli() -> Callable[..., Run]:
    """`cli(root, *args)` runs certwarn in-process and returns its exit code and output."""
    return run_cli


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` (hidden ones included) with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def files() -> Callable[[Path], dict[str, bytes]]:
    """`files(folder)`: every file below a folder with its bytes, to compare whole trees."""
    return snapshot
