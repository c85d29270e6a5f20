"""Fixtures for search and lookup: built sites, served on 127.0.0.1, and one Chromium per module.

Browsers are Debian's Chromium through Playwright (the launch options of generator.verify).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.build.run import build
from generator.config import load_config
from generator.verify.chromium_launch import chromium_binary, launch_chromium, playwright_missing

Serve = Callable[[Path], str]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def shipped_site(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own content in every locale, built once for the whole session."""
    out = tmp_path_factory.mktemp("shipped-search") / "html"
    build(load_config(repo), out=out)
    return out


@pytest.fixture(scope="session")
def serve() -> Iterator[Serve]:
    """`serve(folder)` serves a built site on 127.0.0.1 and gives its base URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(folder: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def shipped_url(shipped_site: Path, serve: Serve) -> str:
    return serve(shipped_site)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for the module's tests (each test opens its own context)."""
    binary = chromium_binary()
    missing = playwright_missing() or (None if binary else "Chromium is missing (make system-deps)")
    if missing:
        # in CI, where make system-deps installs it, a missing browser is a failure
        (pytest.fail if os.environ.get("CI") else pytest.skip)(missing)
    assert binary is not None
    with launch_chromium(binary) as chromium:
        yield chromium


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page (own cookies and storage) in the module's browser; fails on script errors."""
    context = browser.new_context()
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert errors == [], "the page's scripts raised errors"
