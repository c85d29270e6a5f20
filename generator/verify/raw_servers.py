"""Servers that do not speak proper TLS on the scenario's port, for the connection-level codes:
plain HTTP, a single fatal alert, a ServerHello for a version the client does not allow, or
a proxy that damages one encrypted record of a real TLS server."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading

from generator.verify.listener import Handler

_RECORD_HEADER = 5
_HANDSHAKE = 0x16
_ALERT = 0x15
_APPLICATION_DATA = 0x17
_FATAL = 2
_TLS10 = b"\x03\x01"
_TLS_RSA_WITH_AES_128_CBC_SHA = b"\x00\x2f"


def plain_http() -> Handler:
    """Answers the ClientHello as an HTTP server would: `400 Bad Request` in plain text."""

    def handle(client: socket.socket) -> None:
        client.recv(4096)
        body = b"<!doctype html><title>400</title><p>Bad request.</p>"
        head = f"HTTP/1.1 400 Bad Request\r\nContent-Length: {len(body)}\r\n\r\n"
        client.sendall(head.encode() + body)

    return handle


def alert(description: int) -> Handler:
    """Reads the ClientHello and answers with one fatal alert record, then closes."""

    def handle(client: socket.socket) -> None:
        read_record(client)
        client.sendall(alert_record(description))

    return handle


def alert_record(description: int) -> bytes:
    return bytes([_ALERT, 3, 3, 0, 2, _FATAL, description])


def tls10_server_hello() -> Handler:
    """Answers with a ServerHello that picks TLS 1.0, which current browsers refuse."""

    def handle(client: socket.socket) -> None:
        hello = read_record(client)
        client.sendall(server_hello(_session_id(hello)))
        client.recv(4096)

    return handle


def server_hello(session_id: bytes) -> bytes:
    """A TLS 1.0 ServerHello record echoing `session_id`, with AES128-SHA and no compression."""
    body = (
        _TLS10
        + bytes(32)
        + bytes([len(session_id)])
        + session_id
        + _TLS_RSA_WITH_AES_128_CBC_SHA
        + b"\x00"
    )
    message = b"\x02" + len(body).to_bytes(3, "big") + body
    return bytes([_HANDSHAKE]) + _TLS10 + struct.pack(">H", len(message)) + message


def read_record(client: socket.socket) -> bytes:
    """One TLS record's payload (the ClientHello); empty when the client sent less."""
    header = _read_exactly(client, _RECORD_HEADER)
    if len(header) < _RECORD_HEADER:
        return b""
    return _read_exactly(client, struct.unpack(">H", header[3:5])[0])


def _session_id(client_hello: bytes) -> bytes:
    # Handshake header (4) + client_version (2) + random (32), then the session id.
    offset = 4 + 2 + 32
    if len(client_hello) <= offset:
        return b""
    length = client_hello[offset]
    return client_hello[offset + 1 : offset + 1 + length]


def _read_exactly(client: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = client.recv(size - len(data))
        if not chunk:
            break
        data += chunk
    return data


def corrupting_proxy(upstream_port: int) -> Handler:
    """Relays to the TLS server on `upstream_port`, but flips the lowest bit of the last byte
    of the server's first encrypted record (type 23: in TLS 1.3, EncryptedExtensions), so
    the client cannot authenticate it."""

    def handle(client: socket.socket) -> None:
        with socket.create_connection(("127.0.0.1", upstream_port), timeout=10) as upstream:
            forward = threading.Thread(target=_relay, args=(client, upstream), daemon=True)
            forward.start()
            flipped = False
            while header := _read_exactly(upstream, _RECORD_HEADER):
                if len(header) < _RECORD_HEADER:
                    break
                payload = _read_exactly(upstream, struct.unpack(">H", header[3:5])[0])
                if header[0] == _APPLICATION_DATA and payload and not flipped:
                    payload, flipped = payload[:-1] + bytes([payload[-1] ^ 0x01]), True
                client.sendall(header + payload)
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)
            forward.join()

    return handle


def _relay(source: socket.socket, target: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while chunk := source.recv(4096):
            target.sendall(chunk)
    with contextlib.suppress(OSError):
        target.shutdown(socket.SHUT_WR)
