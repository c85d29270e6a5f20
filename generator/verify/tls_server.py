"""The TLS server of a scenario (pyOpenSSL): its chain, stapled OCSP, versions, ciphers,
client-certificate demand, and an optional Strict-Transport-Security header."""

from __future__ import annotations

import contextlib
import socket
import struct
from pathlib import Path

from OpenSSL import SSL, crypto

from generator.verify.listener import Handler, Listener
from generator.verify.spec import TlsSpec

_VERSIONS = {
    "1.0": SSL.TLS1_VERSION,
    "1.1": SSL.TLS1_1_VERSION,
    "1.2": SSL.TLS1_2_VERSION,
    "1.3": SSL.TLS1_3_VERSION,
}
_BODY = b"<!doctype html><title>certwarn</title><p>The connection was accepted.</p>"
HSTS_HEADER = b"Strict-Transport-Security: max-age=31536000\r\n"


def TlsServer(  # noqa: N802 - a constructor in all but name
    chain_pem: Path,
    key_pem: Path,
    tls: TlsSpec,
    staple: bytes | None,
    client_cas: Path | None = None,
    hsts: bool = False,
    lenient: bool = False,
) -> Listener:
    """A listener that completes TLS handshakes and answers every request with a page;
    `lenient` lowers OpenSSL's security level so it serves keys under 2048 bits."""
    context = _context(chain_pem, key_pem, tls, staple, client_cas, lenient)
    return Listener(tls_handler(context, hsts), "certwarn-tls")


def tls_handler(context: SSL.Context, hsts: bool) -> Handler:
    extra = HSTS_HEADER if hsts else b""

    def handle(client: socket.socket) -> None:
        connection = SSL.Connection(context, client)
        connection.set_accept_state()
        try:
            connection.do_handshake()
            _read_request(connection)
            head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {len(_BODY)}\r\n"
            connection.sendall(head.encode() + extra + b"Connection: close\r\n\r\n" + _BODY)
            connection.shutdown()
        except SSL.Error:
            # The handshake failed (the outcome being observed). The alert is on its way; a
            # close with the client's data unread would send a reset that can overtake it.
            linger(client)

    return handle


def linger(client: socket.socket) -> None:
    """Read what the client still sends until it closes, for at most a few seconds."""
    with contextlib.suppress(OSError):
        client.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, struct.pack("ll", 2, 0))
        for _ in range(64):
            if not client.recv(4096):
                break


def _context(
    chain_pem: Path,
    key_pem: Path,
    tls: TlsSpec,
    staple: bytes | None,
    client_cas: Path | None,
    lenient: bool,
) -> SSL.Context:
    context = SSL.Context(SSL.TLS_SERVER_METHOD)
    # TLS 1.0/1.1 and keys under 2048 bits need OpenSSL's lowest security level.
    old = tls.min_version in ("1.0", "1.1")
    ciphers = tls.ciphers or ("ALL" if old else None)
    if ciphers or lenient or old:
        level = ":@SECLEVEL=0" if lenient or old else ""
        context.set_cipher_list(((ciphers or "DEFAULT") + level).encode())
    context.set_min_proto_version(_VERSIONS[tls.min_version])
    context.set_max_proto_version(_VERSIONS[tls.max_version])
    context.use_certificate_chain_file(str(chain_pem))
    context.use_privatekey_file(str(key_pem))
    if staple is not None:
        context.set_ocsp_server_callback(lambda _connection, _data: staple)
    if client_cas is not None:
        context.load_verify_locations(str(client_cas))
        context.set_verify(SSL.VERIFY_PEER | SSL.VERIFY_FAIL_IF_NO_PEER_CERT, _accept_verified)
    return context


def _accept_verified(
    _connection: SSL.Connection, _cert: crypto.X509, _errno: int, _depth: int, ok: int
) -> bool:
    return bool(ok)


def _read_request(connection: SSL.Connection) -> None:
    received = b""
    while b"\r\n\r\n" not in received and len(received) < 65536:
        chunk = connection.recv(4096)
        if not chunk:
            return
        received += chunk
