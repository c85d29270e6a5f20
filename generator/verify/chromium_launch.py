"""Debian's Chromium started through Playwright (never a downloaded browser)."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from contextlib import contextmanager
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


def sandbox_args() -> tuple[str, ...]:
    """Chromium keeps its sandbox, except as root, where it refuses to start with one; then
    the throwaway HOME, loopback-only network and allow-listed arguments are what remain."""
    return ("--no-sandbox",) if os.geteuid() == 0 else ()


def chromium_binary() -> Path | None:
    return find_program("chromium", CHROMIUM_BINARY)


def playwright_missing() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "the playwright package is missing; pip install -e '.[verify]'"
    return None


@contextmanager
def launch_chromium(
    binary: Path, home: Path | None = None, args: tuple[str, ...] = ()
) -> Iterator[Any]:
    """A headless Chromium `Browser`; `home` (with .pki/nssdb) decides which roots it trusts."""
    from playwright.sync_api import sync_playwright

    env: dict[str, str | float | bool] | None = None
    if home is not None:
        env = {**os.environ, "HOME": str(home)}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(binary),
            headless=True,
            args=[*sandbox_args(), *CHROMIUM_ARGS, *args],
            env=env,
        )
        try:
            yield browser
        finally:
            browser.close()
