"""Debian's Chromium started through Playwright (never a downloaded browser)."""

from __future__ import annotations

import importlib.util
import os
import shlex
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from generator.verify.oracles.base import find_program

CHROMIUM_BINARY = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


NOBODY = 65534
"""The unprivileged user Chromium runs as when certwarn itself runs as root."""


def drops_privileges() -> bool:
    """As root, Chromium refuses its sandbox; it gets it back by running as `nobody`, which
    needs setpriv and unprivileged user namespaces (some kernels restrict them)."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return False
    restricted = Path("/proc/sys/kernel/apparmor_restrict_unprivileged_userns")
    clone = Path("/proc/sys/kernel/unprivileged_userns_clone")
    if restricted.is_file() and restricted.read_text().strip() == "1":
        return False
    return not (clone.is_file() and clone.read_text().strip() == "0")


def sandbox_args(unprivileged: bool = True) -> tuple[str, ...]:
    """`--no-sandbox` only as root when Chromium is not handed to an unprivileged user;
    then its throwaway HOME and profile, a loopback-only network and allow-listed arguments
    are what contain it."""
    dropped = unprivileged and drops_privileges()
    return ("--no-sandbox",) if os.geteuid() == 0 and not dropped else ()


def _unprivileged(binary: Path, scratch: Path, home: Path) -> Path:
    """A launcher that gives Chromium's profile and `home` to `nobody`, then runs it as
    `nobody` with no capabilities, so its own sandbox works."""
    owner = f"{NOBODY}:{NOBODY}"
    script = scratch / "chromium-as-nobody"
    script.write_text(
        "#!/bin/sh\n"
        'for arg; do case "$arg" in --user-data-dir=*) '
        f'chown -R {owner} "${{arg#--user-data-dir=}}";; esac; done\n'
        f"chown -R {owner} {shlex.quote(str(home))}\n"
        f"exec setpriv --reuid={NOBODY} --regid={NOBODY} --clear-groups --inh-caps=-all "
        f'-- {shlex.quote(str(binary))} "$@"\n',
        encoding="utf-8",
    )
    script.chmod(0o700)
    return script


def chromium_binary() -> Path | None:
    return find_program("chromium", CHROMIUM_BINARY)


def playwright_missing() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is missing; pip install -e '.[verify]'"
    return None


@contextmanager
def launch_chromium(
    binary: Path, home: Path | None = None, args: tuple[str, ...] = (), unprivileged: bool = False
) -> Iterator[Any]:
    """A headless Chromium `Browser`; `home` (with .pki/nssdb) decides which roots it trusts.
    `unprivileged` (for visiting servers, where content decides what is served) runs it as
    `nobody` with its sandbox when certwarn is root; without it, a root Chromium can still
    read the build's own files by file:// URL, but runs with --no-sandbox."""
    from playwright.sync_api import sync_playwright

    with ExitStack() as stack:
        executable = binary
        if unprivileged and drops_privileges():
            scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="certwarn-")))
            if home is None:
                home = scratch / "home"
                home.mkdir()
                scratch.chmod(0o711)
            executable = _unprivileged(binary, scratch, home)
        env: dict[str, str | float | bool] | None = None
        if home is not None:
            env = {**os.environ, "HOME": str(home)}
        playwright = stack.enter_context(sync_playwright())
        # Playwright itself adds --no-sandbox unless told the sandbox is wanted.
        unsandboxed = sandbox_args(unprivileged)
        browser = playwright.chromium.launch(
            executable_path=str(executable),
            headless=True,
            chromium_sandbox=not unsandboxed,
            args=[*unsandboxed, *CHROMIUM_ARGS, *args],
            env=env,
        )
        try:
            yield browser
        finally:
            browser.close()
