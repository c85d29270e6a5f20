"""Certificates built with `cryptography` from a `CertSpec`, one extension rule at a time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.x509.oid import (
    AuthorityInformationAccessOID,
    ExtendedKeyUsageOID,
    ObjectIdentifier,
)

from generator.verify.cert_rewrite import Rewrite, rewrite
from generator.verify.keys import PrivateKey, signature_hash
from generator.verify.names import parse_dn, parse_general_name, parse_subtree
from generator.verify.spec import DISABLED_HASHES, LOCAL_RESPONDER, CertSpec

UNKNOWN_EXTENSION_OID = ObjectIdentifier("1.3.6.1.4.1.55738.666.1")
"""A private-arc OID that no verifier knows; added as critical it must be rejected."""

_EKU_OIDS = {
    "server_auth": ExtendedKeyUsageOID.SERVER_AUTH,
    "client_auth": ExtendedKeyUsageOID.CLIENT_AUTH,
    "code_signing": ExtendedKeyUsageOID.CODE_SIGNING,
    "email_protection": ExtendedKeyUsageOID.EMAIL_PROTECTION,
    "time_stamping": ExtendedKeyUsageOID.TIME_STAMPING,
    "ocsp_signing": ExtendedKeyUsageOID.OCSP_SIGNING,
}


@dataclass(frozen=True, slots=True)
class Issuer:
    """What signing needs from the issuer: its name, key, and certificate (None if self)."""

    name: x509.Name
    key: PrivateKey
    certificate: x509.Certificate | None


def build_certificate(
    spec: CertSpec, key: PrivateKey, issuer: Issuer, now: dt.datetime, responder_url: str | None
) -> x509.Certificate:
    """Sign one certificate; `responder_url` replaces the `responder` placeholder in AIA."""
    builder = (
        x509.CertificateBuilder()
        .subject_name(parse_dn(spec.subject))
        .issuer_name(issuer.name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now + dt.timedelta(days=spec.not_before_days))
        .not_valid_after(now + dt.timedelta(days=spec.not_after_days))
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if issuer.certificate is not None:
        aki = x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key())
        builder = builder.add_extension(aki, critical=False)
    for extension, critical in _extensions(spec, responder_url):
        builder = builder.add_extension(extension, critical=critical)
    draft_hash = "sha256" if spec.hash in DISABLED_HASHES else spec.hash
    draft = builder.sign(issuer.key, signature_hash(draft_hash, issuer.key))  # type: ignore[arg-type]
    if not spec.rewritten:
        return draft
    change = Rewrite(
        version=spec.version,
        hash=spec.hash,
        outer_hash=spec.outer_hash,
        not_before=spec.not_before,
        not_after=spec.not_after,
        corrupt_signature=spec.corrupt_signature,
    )
    return rewrite(draft, issuer.key, change)


def _extensions(spec: CertSpec, responder_url: str | None) -> list[tuple[x509.ExtensionType, bool]]:
    found: list[tuple[x509.ExtensionType, bool]] = []
    if spec.ca is not None:
        found.append((x509.BasicConstraints(ca=spec.ca, path_length=spec.path_length), True))
    if spec.key_usage:
        found.append((_key_usage(spec.key_usage), True))
    if spec.extended_key_usage:
        found.append(
            (x509.ExtendedKeyUsage([_EKU_OIDS[u] for u in spec.extended_key_usage]), False)
        )
    if spec.san:
        names = [parse_general_name(entry) for entry in spec.san]
        found.append((x509.SubjectAlternativeName(names), not parse_dn(spec.subject)))
    if spec.name_constraints is not None:
        permitted = [parse_subtree(e) for e in spec.name_constraints.permitted] or None
        excluded = [parse_subtree(e) for e in spec.name_constraints.excluded] or None
        found.append((x509.NameConstraints(permitted, excluded), True))
    if spec.must_staple:
        found.append((x509.TLSFeature([x509.TLSFeatureType.status_request]), False))
    if spec.unknown_critical_extension:
        found.append((x509.UnrecognizedExtension(UNKNOWN_EXTENSION_OID, b"\x05\x00"), True))
    url = responder_url if spec.ocsp_url == LOCAL_RESPONDER else spec.ocsp_url
    if url is not None:
        ocsp = x509.AccessDescription(
            AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(url)
        )
        found.append((x509.AuthorityInformationAccess([ocsp]), False))
    return found


def _key_usage(usages: tuple[str, ...]) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature="digital_signature" in usages,
        content_commitment="content_commitment" in usages,
        key_encipherment="key_encipherment" in usages,
        data_encipherment="data_encipherment" in usages,
        key_agreement="key_agreement" in usages,
        key_cert_sign="key_cert_sign" in usages,
        crl_sign="crl_sign" in usages,
        encipher_only=False,
        decipher_only=False,
    )
