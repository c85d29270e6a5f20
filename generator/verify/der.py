"""The DER that certificate rewriting needs: split a SEQUENCE, encode TLVs, OIDs and times."""

from __future__ import annotations

import datetime as dt

SEQUENCE = 0x30
NULL = b"\x05\x00"


def element(data: bytes, offset: int = 0) -> tuple[int, int, int]:
    """(tag, start of content, end) of the TLV at `offset`; ValueError when it does not fit."""
    if offset + 2 > len(data):
        raise ValueError("truncated DER element")
    tag, first = data[offset], data[offset + 1]
    start = offset + 2
    if first < 0x80:
        length = first
    else:
        count = first & 0x7F
        if count == 0 or count > 4 or start + count > len(data):
            raise ValueError("unsupported DER length")
        length = int.from_bytes(data[start : start + count], "big")
        start += count
    if start + length > len(data):
        raise ValueError("truncated DER element")
    return tag, start, start + length


def children(data: bytes) -> list[bytes]:
    """The whole TLVs inside the constructed element `data` (for example a SEQUENCE)."""
    _, offset, end = element(data)
    found = []
    while offset < end:
        _, _, stop = element(data, offset)
        found.append(data[offset:stop])
        offset = stop
    return found


def encode(tag: int, content: bytes) -> bytes:
    length = len(content)
    if length < 0x80:
        return bytes([tag, length]) + content
    size = (length.bit_length() + 7) // 8
    return bytes([tag, 0x80 | size]) + length.to_bytes(size, "big") + content


def oid(dotted: str) -> bytes:
    first, second, *rest = (int(part) for part in dotted.split("."))
    body = bytearray([first * 40 + second])
    for arc in rest:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        body += bytes(reversed(chunk))
    return encode(0x06, bytes(body))


def time(moment: dt.datetime) -> bytes:
    """UTCTime for 1950 to 2049, GeneralizedTime otherwise, as RFC 5280 asks."""
    moment = moment.astimezone(dt.UTC)
    if 1950 <= moment.year < 2050:
        return encode(0x17, moment.strftime("%y%m%d%H%M%SZ").encode())
    return encode(0x18, f"{moment.year:04d}{moment.strftime('%m%d%H%M%S')}Z".encode())


def bit_string(content: bytes) -> bytes:
    return encode(0x03, b"\x00" + content)
