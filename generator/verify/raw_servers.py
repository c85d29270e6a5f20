"""Servers that do not speak proper TLS on the scenario's port, for the connection-level codes:
plain HTTP, a single fatal alert, or a ServerHello for a version the client does not allow."""

from __future__ import annotations

import socket
import struct

from generator.verify.listener import Handler

_RECORD_HEADER = 5
_HANDSHAKE = 0x16
_ALERT = 0x15
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
