"""The OCSP response about a scenario's leaf: status, times and signer from an `OcspSpec`."""

from __future__ import annotations

import datetime as dt

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509 import ocsp

from generator.verify.keys import PrivateKey, signature_hash
from generator.verify.spec import OcspSpec

_STATUSES = {
    "good": ocsp.OCSPCertStatus.GOOD,
    "revoked": ocsp.OCSPCertStatus.REVOKED,
    "unknown": ocsp.OCSPCertStatus.UNKNOWN,
}


def build_ocsp_response(
    spec: OcspSpec,
    leaf: x509.Certificate,
    issuer: x509.Certificate,
    signer: tuple[x509.Certificate, PrivateKey],
    now: dt.datetime,
) -> bytes:
    """A successful, signed response in DER; a delegated signer's certificate is embedded."""
    signer_cert, signer_key = signer
    status = _STATUSES[spec.status]
    revoked = status is ocsp.OCSPCertStatus.REVOKED
    next_update = (
        None if spec.next_update_days is None else now + dt.timedelta(days=spec.next_update_days)
    )
    builder = (
        ocsp.OCSPResponseBuilder()
        .add_response(
            cert=leaf,
            issuer=issuer,
            # SHA-1 CertIDs are what every client matches; the signature itself uses SHA-256.
            algorithm=hashes.SHA1(),
            cert_status=status,
            this_update=now + dt.timedelta(days=spec.this_update_days),
            next_update=next_update,
            revocation_time=now - dt.timedelta(days=1) if revoked else None,
            revocation_reason=None,
        )
        .responder_id(ocsp.OCSPResponderEncoding.HASH, signer_cert)
    )
    if signer_cert.subject != issuer.subject or signer_cert.public_key() != issuer.public_key():
        builder = builder.certificates([signer_cert])
    response = builder.sign(signer_key, signature_hash("sha256", signer_key))
    return response.public_bytes(serialization.Encoding.DER)
