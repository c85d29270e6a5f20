"""A local HTTP OCSP responder on 127.0.0.1 that answers as a scenario tells it to."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType


class OcspResponder:
    """Runs until closed; `response` is set once the certificates naming its URL exist."""

    def __init__(self, mode: str):
        self.mode = mode
        """`same` answers with `response`; `http-500` fails every request."""
        self.response: bytes | None = None
        self.requests = 0
        """How many OCSP requests arrived, so a report can say whether a client asked."""
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = False
        self._server.block_on_close = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.1,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def __enter__(self) -> OcspResponder:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._thread.join()
        self._server.server_close()

    def answer(self) -> tuple[int, bytes]:
        self.requests += 1
        if self.mode == "same" and self.response is not None:
            return 200, self.response
        return 500, b""


def _handler_for(responder: OcspResponder) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._reply()

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self._reply()

        def _reply(self) -> None:
            status, body = responder.answer()
            self.send_response(status)
            self.send_header("Content-Type", "application/ocsp-response")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: library code does not print."""

    return Handler
