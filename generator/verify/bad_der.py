"""A real certificate's DER damaged so that no parser can read it, one way per `damage`:

- `inner-length`: the Validity SEQUENCE inside the TBSCertificate claims one byte more than it
  holds, so it swallows the subject's tag while every outer length still adds up;
- `outer-length`: the outer Certificate SEQUENCE claims one byte more than is sent;
- `truncated`: the last 16 bytes are cut off;
- `wrong-tag`: the serial number is tagged OCTET STRING instead of INTEGER (lengths intact);
- `garbage`: bytes of the same length that are not DER at all;
- `ber-boolean`: the first critical extension's TRUE is encoded as 0x01, which BER allows and
  DER does not (DER's TRUE is 0xFF); every length and tag stays correct, and the issuer signs
  the changed TBSCertificate again, so the encoding is the certificate's only fault.
"""

from __future__ import annotations

from generator.verify import der
from generator.verify.cert_rewrite import sign
from generator.verify.keys import PrivateKey

_TRUNCATED = 16
_INTEGER, _OCTET_STRING = 0x02, 0x04
_TIMES = (0x17, 0x18)
_EXTENSIONS_TAG = 0xA3
_DER_TRUE = b"\x01\x01\xff"
_GARBAGE = b"certwarn: not a DER certificate. "


def damage(certificate: bytes, how: str, issuer_key: PrivateKey, hash_name: str) -> bytes:
    """`certificate` (well-formed DER, signed by `issuer_key` over `hash_name`) damaged as
    `how` says; ValueError for another `how`."""
    if how == "inner-length":
        at = _validity_offset(certificate)
        return _with_byte(certificate, at + 1, certificate[at + 1] + 1)
    if how == "outer-length":
        return _outer_longer(certificate)
    if how == "truncated":
        return certificate[:-_TRUNCATED]
    if how == "wrong-tag":
        return _with_byte(certificate, _serial_offset(certificate), _OCTET_STRING)
    if how == "ber-boolean":
        changed = _with_byte(certificate, _critical_flag_offset(certificate), 0x01)
        return _signed_again(changed, issuer_key, hash_name)
    if how in ("padded-serial", "negative-serial"):
        serial = _serial_content(certificate)
        changed_serial = b"\x00" + serial if how == "padded-serial" else _negative(serial)
        return _signed_again(_with_serial(certificate, changed_serial), issuer_key, hash_name)
    if how == "garbage":
        return (_GARBAGE * (len(certificate) // len(_GARBAGE) + 1))[: len(certificate)]
    raise ValueError(f"unknown damage {how!r}")


def _tbs_children(certificate: bytes) -> list[tuple[int, bytes]]:
    """(offset in `certificate`, TLV) of each element of the TBSCertificate."""
    _, tbs_start, _ = der.element(certificate)
    _, offset, end = der.element(certificate, tbs_start)
    found = []
    while offset < end:
        _, _, stop = der.element(certificate, offset)
        found.append((offset, certificate[offset:stop]))
        offset = stop
    return found


def _validity_offset(certificate: bytes) -> int:
    for offset, tlv in _tbs_children(certificate):
        _, start, _ = der.element(tlv)
        if tlv[0] == der.SEQUENCE and tlv[1] < 0x7F and tlv[start] in _TIMES:
            return offset
    raise ValueError("no Validity with a short length in the TBSCertificate")


def _serial_offset(certificate: bytes) -> int:
    for offset, tlv in _tbs_children(certificate):
        if tlv[0] == _INTEGER:
            return offset
    raise ValueError("no serial number in the TBSCertificate")


def _serial_content(certificate: bytes) -> bytes:
    _, start, end = der.element(certificate, _serial_offset(certificate))
    return certificate[start:end]


def _negative(serial: bytes) -> bytes:
    """`serial` (a positive INTEGER's content) with its magnitude's first byte turned into
    0x80 to 0xBF: negative, and still the shortest encoding (never 0xFF before a high bit)."""
    magnitude = serial[1:] if len(serial) > 1 and serial[0] == 0 else serial
    return bytes([0x80 | (magnitude[0] & 0x3F)]) + magnitude[1:]


def _with_serial(certificate: bytes, serial: bytes) -> bytes:
    """`certificate` with the serial number's content replaced and every enclosing length
    encoded again (the old signature kept, to be replaced by `_signed_again`)."""
    _, algorithm, signature = der.children(certificate)
    at = _serial_offset(certificate)
    parts = [
        der.encode(_INTEGER, serial) if offset == at else tlv
        for offset, tlv in _tbs_children(certificate)
    ]
    tbs = der.encode(der.SEQUENCE, b"".join(parts))
    return der.encode(der.SEQUENCE, tbs + algorithm + signature)


def _critical_flag_offset(certificate: bytes) -> int:
    """Where the value byte of the first extension's `critical = TRUE` is."""
    for offset, tlv in _tbs_children(certificate):
        if tlv[0] != _EXTENSIONS_TAG:
            continue
        _, list_start, _ = der.element(tlv)
        _, at, end = der.element(tlv, list_start)
        while at < end:
            _, content, stop = der.element(tlv, at)
            _, _, after_oid = der.element(tlv, content)
            if tlv[after_oid : after_oid + 3] == _DER_TRUE:
                return offset + after_oid + 2
            at = stop
    raise ValueError("no critical extension in the certificate")


def _signed_again(certificate: bytes, issuer_key: PrivateKey, hash_name: str) -> bytes:
    tbs, algorithm, _ = der.children(certificate)
    signature = sign(issuer_key, tbs, hash_name)
    return der.encode(der.SEQUENCE, tbs + algorithm + der.bit_string(signature))


def _outer_longer(certificate: bytes) -> bytes:
    first = certificate[1]
    if first < 0x80:
        return _with_byte(certificate, 1, first + 1)
    count = first & 0x7F
    length = int.from_bytes(certificate[2 : 2 + count], "big") + 1
    return certificate[:2] + length.to_bytes(count, "big") + certificate[2 + count :]


def _with_byte(data: bytes, at: int, value: int) -> bytes:
    return data[:at] + bytes([value]) + data[at + 1 :]
