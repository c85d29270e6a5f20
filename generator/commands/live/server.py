"""The live preview's HTTP server: safe static files, a Host allow-list, and build events.

Answers only GET and HEAD without a body, only for Host names on its allow-list (so a page
on another site cannot reach it through DNS rebinding), and only with regular files inside
its folder (`files.served_file`).
"""

from __future__ import annotations

import json
import mimetypes
import os
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from generator.commands.live.files import served_file
from generator.commands.live.pages import EVENTS_PATH, not_found_page, with_live_parts
from generator.commands.live.state import LiveState

LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost"})
MAX_TARGET = 2048
"""Longest request target accepted (the request line is bounded by it)."""
KEEPALIVE = 15.0
"""Seconds between comments on an idle event stream, so a closed browser tab is noticed."""


HASHED_ASSET = re.compile(r"/_static/[^/]+\.[0-9a-f]{10}\.[a-z0-9]+")
"""A theme asset published under a name holding the hash of its bytes (theme.Asset)."""
IMMUTABLE = "public, max-age=31536000, immutable"


class LiveServer(ThreadingHTTPServer):
    """Serves `folder` to the names in `allowed_hosts`; `state` says which build it shows."""

    daemon_threads = True

    def __init__(
        self, address: tuple[str, int], folder: Path, state: LiveState, allowed: frozenset[str]
    ):
        super().__init__(address, LiveHandler)
        self.folder = folder
        self.state = state
        self.allowed_hosts = LOOPBACK_NAMES | {address[0]} | allowed
        self.stopping = threading.Event()

    def shutdown(self) -> None:
        self.stopping.set()
        super().shutdown()


def host_name(header: str | None) -> str | None:
    """`localhost:8000` -> `localhost`; `[::1]:80` -> `::1`; None when absent."""
    if not header:
        return None
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class LiveHandler(BaseHTTPRequestHandler):
    server: LiveServer
    server_version = "certwarn-serve"
    sys_version = ""

    def do_GET(self) -> None:
        self._answer(head=False)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def _answer(self, head: bool) -> None:
        if len(self.path) > MAX_TARGET:
            self.send_error(414, "Request target too long")
            return
        if self.headers.get("Content-Length", "0") != "0" or "Transfer-Encoding" in self.headers:
            self.send_error(413, "Requests with a body are not accepted")
            return
        if host_name(self.headers.get("Host")) not in self.server.allowed_hosts:
            self.send_error(403, "Host not allowed")
            return
        target = urlsplit(self.path)
        if target.path == EVENTS_PATH and not head:
            self._events(parse_qs(target.query).get("since", ["0"])[0])
            return
        found = served_file(self.server.folder, target.path)
        body = _read(found) if found is not None else None
        if found is None or body is None:
            custom = served_file(self.server.folder, "/404.html")
            body = custom.read_bytes() if custom else not_found_page(target.path)
            self._send(404, "text/html; charset=utf-8", self._live(body), head)
            return
        kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
        if kind == "text/html":
            body, kind = self._live(body), "text/html; charset=utf-8"
        # a theme asset's name holds the hash of its bytes: a reload need not fetch it again
        immutable = HASHED_ASSET.fullmatch(target.path) is not None
        self._send(200, kind, body, head, IMMUTABLE if immutable else "no-store")

    def _live(self, page: bytes) -> bytes:
        self.server.state.page_served()
        snapshot = self.server.state.snapshot
        return with_live_parts(page, snapshot.generation, snapshot.error)

    def _send(
        self, status: int, kind: str, body: bytes, head: bool, cache: str = "no-store"
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _events(self, since_text: str) -> None:
        """Server-sent events: one `build` event each time a build finishes."""
        since = int(since_text) if since_text.isdigit() else 0
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        try:
            with self.server.state.listening():
                self._stream(since)
        except (BrokenPipeError, ConnectionResetError):
            return

    def _stream(self, since: int) -> None:
        while not self.server.stopping.is_set():
            snapshot = self.server.state.wait_past(since, KEEPALIVE)
            if snapshot.generation == since:
                self.wfile.write(b": still here\n\n")
            else:
                since = snapshot.generation
                data = json.dumps({"generation": since, "error": snapshot.error})
                self.wfile.write(f"event: build\ndata: {data}\n\n".encode())
            self.wfile.flush()

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if str(code).startswith(("4", "5")):
            super().log_request(code, size)


def _read(path: Path) -> bytes | None:
    """The file's bytes, or None when it went away or became a symlink since it was checked."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        return handle.read()
