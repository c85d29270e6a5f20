"""A TLS server on 127.0.0.1 (pyOpenSSL) that serves a scenario's chain and staples OCSP."""

from __future__ import annotations

import socket
import struct
import threading
from pathlib import Path
from types import TracebackType

from OpenSSL import SSL

from generator.verify.spec import TlsSpec

_VERSIONS = {"1.2": SSL.TLS1_2_VERSION, "1.3": SSL.TLS1_3_VERSION}
_IO_TIMEOUT = 10
_BODY = b"<!doctype html><title>certwarn</title><p>The connection was accepted.</p>"


class TlsServer:
    """Accepts connections on an ephemeral port until closed; each one in its own thread."""

    def __init__(self, chain_pem: Path, key_pem: Path, tls: TlsSpec, staple: bytes | None):
        self._context = _context(chain_pem, key_pem, tls, staple)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self._stop = threading.Event()
        self._workers: list[threading.Thread] = []
        self._acceptor = threading.Thread(
            target=self._accept_loop, name="certwarn-tls", daemon=True
        )
        self.port: int = self._listener.getsockname()[1]

    def __enter__(self) -> TlsServer:
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
            worker = threading.Thread(target=self._serve, args=(client,), daemon=True)
            self._workers = [w for w in self._workers if w.is_alive()] + [worker]
            worker.start()

    def _serve(self, client: socket.socket) -> None:
        # Clients that reject the certificate end the handshake with an alert: that is
        # the expected outcome here, so TLS and socket errors simply end the connection.
        _set_io_timeout(client)
        connection = SSL.Connection(self._context, client)
        connection.set_accept_state()
        try:
            connection.do_handshake()
            _read_request(connection)
            head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(_BODY)}\r\n"
            connection.sendall(head.encode() + b"Connection: close\r\n\r\n" + _BODY)
            connection.shutdown()
        except (SSL.Error, OSError):
            pass
        finally:
            client.close()


def _context(chain_pem: Path, key_pem: Path, tls: TlsSpec, staple: bytes | None) -> SSL.Context:
    context = SSL.Context(SSL.TLS_SERVER_METHOD)
    context.set_min_proto_version(_VERSIONS[tls.min_version])
    context.set_max_proto_version(_VERSIONS[tls.max_version])
    if tls.ciphers:
        context.set_cipher_list(tls.ciphers.encode())
    context.use_certificate_chain_file(str(chain_pem))
    context.use_privatekey_file(str(key_pem))
    if staple is not None:
        context.set_ocsp_server_callback(lambda _connection, _data: staple)
    return context


def _set_io_timeout(client: socket.socket) -> None:
    # A Python-level timeout would make the socket non-blocking, which pyOpenSSL reports
    # as WantReadError mid-handshake; kernel timeouts keep it blocking but bounded.
    seconds = struct.pack("ll", _IO_TIMEOUT, 0)
    client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, seconds)
    client.setsockopt(socket.SOL_SOCKET, socket.SO_SNDTIMEO, seconds)


def _read_request(connection: SSL.Connection) -> None:
    received = b""
    while b"\r\n\r\n" not in received and len(received) < 65536:
        chunk = connection.recv(4096)
        if not chunk:
            return
        received += chunk
