"""Reading a client's TLS ClientHello off the wire: record layer, handshake header, and the
fields a hand-built ServerHello answers (session id, cipher suites, extensions)."""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass

HANDSHAKE = 0x16
CLIENT_HELLO = 1
MAX_RECORD = 2**14
"""The largest plaintext record payload TLS allows."""
MAX_HELLO = 64 * 1024
"""A ClientHello longer than this is refused; browsers send under 2 KiB."""


@dataclass(frozen=True, slots=True)
class ClientHello:
    version: int
    """legacy_version, e.g. 0x0303."""
    session_id: bytes
    cipher_suites: tuple[int, ...]
    extensions: tuple[tuple[int, bytes], ...]
    """(type, data) in the order the client sent them."""

    def extension(self, kind: int) -> bytes | None:
        return next((data for t, data in self.extensions if t == kind), None)


def read_client_hello(client: socket.socket) -> ClientHello:
    """Read handshake records until one whole ClientHello has arrived and parse it;
    ValueError when the bytes are not one, are cut short, or exceed the bounds."""
    message = b""
    while len(message) < 4 or len(message) < 4 + int.from_bytes(message[1:4], "big"):
        if len(message) >= 4 and int.from_bytes(message[1:4], "big") > MAX_HELLO:
            raise ValueError("ClientHello longer than 64 KiB")
        message += _handshake_record(client)
    if message[0] != CLIENT_HELLO:
        raise ValueError(f"expected a ClientHello (1), got handshake type {message[0]}")
    length = int.from_bytes(message[1:4], "big")
    if len(message) != 4 + length:
        raise ValueError("data after the ClientHello in its records")
    return parse_client_hello(message[4:])


def parse_client_hello(body: bytes) -> ClientHello:
    """The fields of a ClientHello body (after the 4-byte handshake header)."""
    reader = _Reader(body)
    version = reader.integer(2)
    reader.take(32)  # random
    session_id = reader.vector(1)
    if len(session_id) > 32:
        raise ValueError("session id longer than 32 bytes")
    suites = reader.vector(2)
    if not suites or len(suites) % 2:
        raise ValueError("cipher suite list is empty or of odd length")
    if not reader.vector(1):
        raise ValueError("no compression method")
    extensions: list[tuple[int, bytes]] = []
    if not reader.done():
        block = _Reader(reader.vector(2))
        while not block.done():
            kind = block.integer(2)
            extensions.append((kind, block.vector(2)))
    if not reader.done():
        raise ValueError("bytes after the ClientHello's extensions")
    codes = struct.unpack(f">{len(suites) // 2}H", suites)
    return ClientHello(version, session_id, codes, tuple(extensions))


def _handshake_record(client: socket.socket) -> bytes:
    header = read_exactly(client, 5)
    if header[0] != HANDSHAKE:
        raise ValueError(f"expected a handshake record (22), got record type {header[0]}")
    length = struct.unpack(">H", header[3:5])[0]
    if not 0 < length <= MAX_RECORD:
        raise ValueError(f"record length {length} is out of range")
    return read_exactly(client, length)


def read_exactly(client: socket.socket, size: int) -> bytes:
    """`size` bytes; ValueError when the peer closes first."""
    data = b""
    while len(data) < size:
        chunk = client.recv(size - len(data))
        if not chunk:
            raise ValueError(f"connection closed after {len(data)} of {size} bytes")
        data += chunk
    return data


class _Reader:
    def __init__(self, data: bytes):
        self._data, self._at = data, 0

    def take(self, size: int) -> bytes:
        if self._at + size > len(self._data):
            raise ValueError("ClientHello field runs past its end")
        part = self._data[self._at : self._at + size]
        self._at += size
        return part

    def integer(self, size: int) -> int:
        return int.from_bytes(self.take(size), "big")

    def vector(self, length_size: int) -> bytes:
        return self.take(self.integer(length_size))

    def done(self) -> bool:
        return self._at == len(self._data)
