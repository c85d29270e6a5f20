"""Everything a scenario needs on the wire, generated and written to `build/verify/<id>/`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization

from generator.errors import VerifyError
from generator.verify.certs import Issuer, build_certificate
from generator.verify.files import write_atomic
from generator.verify.keys import PrivateKey, generate_key, key_pem
from generator.verify.names import parse_dn
from generator.verify.ocsp import build_ocsp_response
from generator.verify.spec import CertSpec, Scenario


@dataclass(frozen=True, slots=True)
class Materials:
    """A scenario's generated certificates, keys and OCSP response, and where they were written."""

    scenario: Scenario
    directory: Path
    certificates: Mapping[str, x509.Certificate]
    keys: Mapping[str, PrivateKey]
    ocsp_response: bytes | None
    """DER of the OCSP response about the leaf, when the scenario has one."""
    generated_at: dt.datetime

    @property
    def chain(self) -> list[x509.Certificate]:
        return [self.certificates[name] for name in self.scenario.chain]

    @property
    def trusted(self) -> list[x509.Certificate]:
        return [self.certificates[name] for name in self.scenario.trusted]

    @property
    def distrusted(self) -> list[x509.Certificate]:
        return [self.certificates[name] for name in self.scenario.distrusted]

    def chain_of(self, name: str) -> list[x509.Certificate]:
        """`name` and its issuers up to, not including, the self-signed root."""
        found, spec = [], self.scenario.cert(name)
        while not spec.self_signed:
            found.append(self.certificates[spec.name])
            spec = self.scenario.cert(spec.issuer)
        return found or [self.certificates[name]]

    @property
    def chain_pem(self) -> Path:
        return self.directory / "chain.pem"

    @property
    def key_pem(self) -> Path:
        return self.directory / "key.pem"

    @property
    def hsts_chain_pem(self) -> Path:
        """The chain of the certificate served first with Strict-Transport-Security."""
        return self.directory / "hsts-chain.pem"

    def key_of(self, name: str) -> Path:
        return self.directory / f"{name}.key"

    @property
    def ca_pem(self) -> Path:
        """The trusted roots; empty when the scenario trusts none."""
        return self.directory / "ca.pem"


def generate(
    scenario: Scenario, directory: Path, now: dt.datetime, responder_url: str | None = None
) -> Materials:
    """Build keys, certificates (issuers first) and the OCSP response, then write them."""
    keys: dict[str, PrivateKey] = {}
    certs: dict[str, x509.Certificate] = {}
    for spec in _issuers_first(scenario.certificates):
        keys[spec.name] = generate_key(spec.key_type, spec.key_size)
        issuer = _issuer(spec, keys, certs)
        certs[spec.name] = _build(spec, keys[spec.name], issuer, now, responder_url, scenario.path)
    response = None
    if scenario.ocsp is not None:
        leaf = scenario.leaf
        signer = (certs[scenario.ocsp.signer], keys[scenario.ocsp.signer])
        response = build_ocsp_response(
            scenario.ocsp, certs[leaf.name], certs[leaf.issuer], signer, now
        )
    materials = Materials(scenario, directory, certs, keys, response, now)
    write_materials(materials)
    return materials


def _build(
    spec: CertSpec,
    key: PrivateKey,
    issuer: Issuer,
    now: dt.datetime,
    responder_url: str | None,
    path: str,
) -> x509.Certificate:
    try:
        return build_certificate(spec, key, issuer, now, responder_url)
    except (ValueError, TypeError, UnsupportedAlgorithm) as e:
        raise VerifyError(f"certificate {spec.name!r} cannot be generated: {e}", path) from e


def _issuers_first(specs: tuple[CertSpec, ...]) -> list[CertSpec]:
    done: list[CertSpec] = []
    pending = list(specs)
    while pending:
        ready = [s for s in pending if s.self_signed or s.issuer in {d.name for d in done}]
        done += ready
        pending = [s for s in pending if s not in ready]
    return done


def _issuer(
    spec: CertSpec, keys: dict[str, PrivateKey], certs: dict[str, x509.Certificate]
) -> Issuer:
    if spec.self_signed:
        return Issuer(parse_dn(spec.subject), keys[spec.name], None)
    return Issuer(certs[spec.issuer].subject, keys[spec.issuer], certs[spec.issuer])


def write_materials(materials: Materials) -> None:
    """chain.pem, key.pem (leaf), ca.pem (trusted roots), <name>.pem / .key, ocsp.der."""
    files = {
        "chain.pem": _pems(materials.chain),
        "key.pem": key_pem(materials.keys[materials.scenario.chain[0]]),
        "ca.pem": _pems(materials.trusted),
    }
    for name, cert in materials.certificates.items():
        files[f"{name}.pem"] = _pems([cert])
        files[f"{name}.key"] = key_pem(materials.keys[name])
    if materials.ocsp_response is not None:
        files["ocsp.der"] = materials.ocsp_response
    if materials.scenario.hsts is not None:
        files["hsts-chain.pem"] = _pems(materials.chain_of(materials.scenario.hsts))
    materials.directory.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        write_atomic(materials.directory / name, data)


def _pems(certs: list[x509.Certificate]) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)
