"""Ed25519 signatures over canonical payloads: decisions, revisions, trust-root versions."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from generator.review import verified
from generator.review.canonical import canonical_json
from generator.review.keys import parse_public_key

# Domain separation: a signature of one kind of record can never pass for another kind.
DECISION = b"certwarn review decision v1\n"
REVISION = b"certwarn review revision v1\n"
TRUST = b"certwarn trust root v1\n"


def signed_bytes(payload: Mapping[str, Any], context: bytes = DECISION) -> bytes:
    return context + canonical_json(payload).encode("utf-8")


def sign(private: Ed25519PrivateKey, payload: Mapping[str, Any], context: bytes = DECISION) -> str:
    """The base64 signature of `payload`."""
    return base64.b64encode(private.sign(signed_bytes(payload, context))).decode("ascii")


def signature_valid(
    public: str, payload: Mapping[str, Any], signature: str, context: bytes = DECISION
) -> bool:
    """Does `signature` by the key `public` (`ed25519:…`) cover exactly `payload`."""
    message = signed_bytes(payload, context)
    triple = verified.mark(public, signature, message)
    if verified.known(triple):
        return True
    try:
        key = parse_public_key(public)
        key.verify(base64.b64decode(signature, validate=True), message)
    except (InvalidSignature, ValueError, binascii.Error):
        return False
    verified.add(triple)
    return True
