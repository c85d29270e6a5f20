"""A hand-built TLS 1.2 server for SEC_ERROR_BAD_DER: it answers the ClientHello with a
ServerHello, a Certificate message whose leaf is not valid DER, and ServerHelloDone, then
waits for the client's answer (its alert) and closes. No TLS library sends such a leaf."""

from __future__ import annotations

import os
import socket
import struct
from collections.abc import Sequence

from generator.verify.client_hello import ClientHello, read_client_hello, read_exactly
from generator.verify.listener import Handler
from generator.verify.tls_server import linger

SUITES = (0x009C, 0x002F, 0x009D, 0x0035)
"""RSA key exchange suites (AES-GCM first), first offered wins; Firefox, Chromium and OpenSSL
offer 0x009C. With RSA key exchange no ServerKeyExchange follows the Certificate, so the
flight is complete and a client waits for its verdict on the certificate before it answers:
a malformed leaf is then all that can go wrong."""
RENEGOTIATION_INFO, EXTENDED_MASTER_SECRET = 0xFF01, 0x0017
_RENEGOTIATION_SCSV = 0x00FF
_TLS12 = b"\x03\x03"
_HANDSHAKE, _ALERT = 0x16, 0x15
_SERVER_HELLO, _CERTIFICATE, _SERVER_HELLO_DONE = 2, 11, 14
_HANDSHAKE_FAILURE, _DECODE_ERROR = 40, 50
_MAX_FRAGMENT = 2**14


def bad_der_certificate(chain: Sequence[bytes]) -> Handler:
    """Sends `chain` (leaf first, the leaf already damaged) in a TLS 1.2 Certificate message."""

    def handle(client: socket.socket) -> None:
        try:
            hello = read_client_hello(client)
        except ValueError:
            client.sendall(_alert(_DECODE_ERROR))
            return
        suite = next((s for s in SUITES if s in hello.cipher_suites), None)
        if suite is None:
            client.sendall(_alert(_HANDSHAKE_FAILURE))
            return
        client.sendall(server_flight(hello, suite, chain))
        _await_answer(client)

    return handle


def server_flight(hello: ClientHello, suite: int, chain: Sequence[bytes]) -> bytes:
    """ServerHello, Certificate and ServerHelloDone, in handshake records of at most 16 KiB."""
    messages = (
        _handshake(_SERVER_HELLO, server_hello(hello, suite))
        + _handshake(_CERTIFICATE, certificate_message(chain))
        + _handshake(_SERVER_HELLO_DONE, b"")
    )
    return b"".join(
        bytes([_HANDSHAKE]) + _TLS12 + struct.pack(">H", len(part)) + part
        for part in _fragments(messages)
    )


def server_hello(hello: ClientHello, suite: int) -> bytes:
    """A TLS 1.2 ServerHello body: a fresh random, no session id (nothing to resume), no
    supported_versions; renegotiation_info and extended_master_secret when the client offered
    them, as a correct server would."""
    extensions = b""
    offered_renegotiation = _RENEGOTIATION_SCSV in hello.cipher_suites
    if hello.extension(RENEGOTIATION_INFO) is not None or offered_renegotiation:
        extensions += _extension(RENEGOTIATION_INFO, b"\x00")
    if hello.extension(EXTENDED_MASTER_SECRET) is not None:
        extensions += _extension(EXTENDED_MASTER_SECRET, b"")
    body = _TLS12 + os.urandom(32) + b"\x00" + struct.pack(">H", suite) + b"\x00"
    return body + struct.pack(">H", len(extensions)) + extensions


def certificate_message(chain: Sequence[bytes]) -> bytes:
    """The Certificate message body: a 24-bit length for the list and for each entry."""
    entries = b"".join(len(cert).to_bytes(3, "big") + cert for cert in chain)
    return len(entries).to_bytes(3, "big") + entries


def _handshake(kind: int, body: bytes) -> bytes:
    return bytes([kind]) + len(body).to_bytes(3, "big") + body


def _extension(kind: int, data: bytes) -> bytes:
    return struct.pack(">HH", kind, len(data)) + data


def _fragments(data: bytes) -> list[bytes]:
    return [data[at : at + _MAX_FRAGMENT] for at in range(0, len(data), _MAX_FRAGMENT)]


def _alert(description: int) -> bytes:
    return bytes([_ALERT]) + _TLS12 + b"\x00\x02\x02" + bytes([description])


def _await_answer(client: socket.socket) -> None:
    """Read the client's next record (its alert, or from a client that accepts the leaf its
    key exchange), then what it still sends until it closes: a close with the client's data
    unread would send a reset that can overtake the alert."""
    try:
        header = read_exactly(client, 5)
        read_exactly(client, struct.unpack(">H", header[3:5])[0])
    except ValueError:
        return
    linger(client)
