"""Private keys of the kinds scenarios ask for, and the hash each signature uses."""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

PrivateKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey

_CURVES: dict[int, type[ec.EllipticCurve]] = {
    256: ec.SECP256R1,
    384: ec.SECP384R1,
    521: ec.SECP521R1,
}
_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}


def generate_key(key_type: str, key_size: int) -> PrivateKey:
    """A fresh key: RSA of `key_size` bits, EC on the curve of that size, or Ed25519."""
    if key_type == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    if key_type == "ec":
        return ec.generate_private_key(_CURVES[key_size]())
    return ed25519.Ed25519PrivateKey.generate()


def signature_hash(name: str, signer: PrivateKey) -> hashes.HashAlgorithm | None:
    """The hash to sign with; Ed25519 signs without a separate hash."""
    if isinstance(signer, ed25519.Ed25519PrivateKey):
        return None
    return _HASHES[name]()


def key_pem(key: PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
