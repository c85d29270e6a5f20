"""A TCP listener on 127.0.0.1 that hands each connection to a handler in its own thread."""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Callable
from types import TracebackType

Handler = Callable[[socket.socket], None]
"""Talks to one client; the listener closes the socket afterwards."""
IO_TIMEOUT = 10


class Listener:
    """Accepts connections on an ephemeral port until closed."""

    def __init__(self, handle: Handler, name: str):
        self._handle = handle
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self._stop = threading.Event()
        self._workers: list[threading.Thread] = []
        self._acceptor = threading.Thread(target=self._accept_loop, name=name, daemon=True)
        self.port: int = self._listener.getsockname()[1]
        self.connections = 0
        """How many clients connected, so a test can tell a server was reached."""

    def __enter__(self) -> Listener:
        self._acceptor.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop accepting, then wait for every connection thread to end."""
        self._stop.set()
        if self._acceptor.is_alive():
            self._acceptor.join()
        self._listener.close()
        for worker in self._workers:
            worker.join()

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            worker = threading.Thread(target=self._serve, args=(client,), daemon=True)
            self._workers = [w for w in self._workers if w.is_alive()] + [worker]
            worker.start()

    def _serve(self, client: socket.socket) -> None:
        # Clients that reject what they get end the connection abruptly: that is an
        # expected outcome here, so socket errors simply end the connection.
        set_io_timeout(client)
        try:
            self._handle(client)
        except OSError:
            pass
        finally:
            client.close()


def set_io_timeout(client: socket.socket) -> None:
    # A Python-level timeout would make the socket non-blocking, which pyOpenSSL reports
    # as WantReadError mid-handshake; kernel timeouts keep it blocking but bounded.
    seconds = struct.pack("ll", IO_TIMEOUT, 0)
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, seconds)
    client.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, seconds)
