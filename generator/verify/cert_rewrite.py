"""Certificates `cryptography` will not sign: a draft it built, rewritten in DER and re-signed.

Covers X.509 version 1, SHA-1 and MD5 signatures, an outer signature algorithm that differs
from the inner one, validity dates outside what its builder accepts (before 1950, or a window
that ends before it starts), and a signature with one byte flipped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa

from generator.verify import der
from generator.verify.keys import PrivateKey, hash_algorithm

_RSA_OIDS = {
    "md5": "1.2.840.113549.1.1.4",
    "sha1": "1.2.840.113549.1.1.5",
    "sha224": "1.2.840.113549.1.1.14",
    "sha256": "1.2.840.113549.1.1.11",
    "sha384": "1.2.840.113549.1.1.12",
    "sha512": "1.2.840.113549.1.1.13",
}
_ECDSA_OIDS = {
    "sha1": "1.2.840.10045.4.1",
    "sha224": "1.2.840.10045.4.3.1",
    "sha256": "1.2.840.10045.4.3.2",
    "sha384": "1.2.840.10045.4.3.3",
    "sha512": "1.2.840.10045.4.3.4",
}
_VERSION_TAG = 0xA0
_EXTENSIONS_TAG = 0xA3


@dataclass(frozen=True, slots=True)
class Rewrite:
    """What to change in a draft; the defaults change nothing."""

    version: int = 3
    hash: str = "sha256"
    """The signature hash named inside the signed part."""
    outer_hash: str | None = None
    """The hash the outer signatureAlgorithm names, and the one the signature is made with
    (so only the mismatch is wrong); None repeats `hash`."""
    not_before: dt.datetime | None = None
    not_after: dt.datetime | None = None
    corrupt_signature: bool = False


def rewrite(draft: x509.Certificate, issuer_key: PrivateKey, change: Rewrite) -> x509.Certificate:
    """`draft` with `change` applied, signed again by `issuer_key`."""
    parts = der.children(draft.tbs_certificate_bytes)
    offset = 1 if parts[0][0] == _VERSION_TAG else 0
    serial, _, issuer, validity, subject, spki, *rest = parts[offset:]
    if change.not_before or change.not_after:
        validity = der.encode(
            der.SEQUENCE,
            der.time(change.not_before or draft.not_valid_before_utc)
            + der.time(change.not_after or draft.not_valid_after_utc),
        )
    if change.version == 1:
        head, rest = [], [p for p in rest if p[0] != _EXTENSIONS_TAG]
    else:
        head = [der.encode(_VERSION_TAG, der.encode(0x02, bytes([change.version - 1])))]
    inner = algorithm_identifier(issuer_key, change.hash)
    body = b"".join([*head, serial, inner, issuer, validity, subject, spki, *rest])
    tbs = der.encode(der.SEQUENCE, body)
    signature = sign(issuer_key, tbs, change.outer_hash or change.hash)
    if change.corrupt_signature:
        signature = signature[:-1] + bytes([signature[-1] ^ 0x01])
    outer = algorithm_identifier(issuer_key, change.outer_hash or change.hash)
    certificate = der.encode(der.SEQUENCE, tbs + outer + der.bit_string(signature))
    return x509.load_der_x509_certificate(certificate)


def algorithm_identifier(key: PrivateKey, hash_name: str) -> bytes:
    """The AlgorithmIdentifier of a signature by `key` over `hash_name`."""
    if isinstance(key, rsa.RSAPrivateKey):
        return der.encode(der.SEQUENCE, der.oid(_RSA_OIDS[hash_name]) + der.NULL)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        if hash_name not in _ECDSA_OIDS:
            raise ValueError(f"ECDSA has no {hash_name} signature algorithm; use an RSA issuer")
        return der.encode(der.SEQUENCE, der.oid(_ECDSA_OIDS[hash_name]))
    return der.encode(der.SEQUENCE, der.oid("1.3.101.112"))


def sign(key: PrivateKey, data: bytes, hash_name: str) -> bytes:
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, padding.PKCS1v15(), hash_algorithm(hash_name))
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(data, ec.ECDSA(hash_algorithm(hash_name)))
    assert isinstance(key, ed25519.Ed25519PrivateKey)
    return key.sign(data)
