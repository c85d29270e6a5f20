"""The `cryptography` oracle: its X.509 path validator (`cryptography.x509.verification`)."""

from __future__ import annotations

import datetime as dt
import ipaddress

import cryptography
from cryptography import x509
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from generator.verify.certs import Issuer, build_certificate
from generator.verify.keys import generate_key
from generator.verify.names import is_ip, parse_dn
from generator.verify.oracles.base import OK, Observation
from generator.verify.oracles.openssl import library_unchecked
from generator.verify.serve import Target
from generator.verify.spec import CertSpec, Scenario


class X509Oracle:
    """Validates the served chain offline for the visited name; it has no error codes,
    so the observation is the verifier's message."""

    name = "x509"
    label = "cryptography X.509 verifier"

    def unavailable(self) -> str | None:
        return None

    def version(self) -> str | None:
        return cryptography.__version__

    def unchecked(self, scenario: Scenario) -> str | None:
        if scenario.server.kind != "tls" or scenario.tls != type(scenario.tls)():
            return "not checked: the verifier checks certificates offline, not the TLS connection"
        return library_unchecked(scenario, "cryptography's verifier")

    def observe(self, target: Target) -> Observation:
        materials = target.materials
        leaf, *intermediates = materials.chain
        store = Store(materials.trusted or [_unrelated_root()])
        builder = PolicyBuilder().store(store).time(dt.datetime.now(dt.UTC))
        verifier = builder.build_server_verifier(_subject(target.host))
        try:
            verifier.verify(leaf, intermediates)
        except VerificationError as e:
            return Observation(_short(str(e)), str(e))
        return Observation(OK, "a path to a trusted root was built and checked")


def _subject(host: str) -> x509.DNSName | x509.IPAddress:
    return x509.IPAddress(ipaddress.ip_address(host)) if is_ip(host) else x509.DNSName(host)


def _short(message: str) -> str:
    # "validation failed: cert is not valid at validation time (encountered processing <…>)"
    text = message.removeprefix("validation failed: ")
    return text.split(" (encountered processing", 1)[0].strip()


def _unrelated_root() -> x509.Certificate:
    """A store cannot be empty; an untrusted scenario gets a root that issued nothing."""
    spec = CertSpec(
        name="unrelated", subject="CN=certwarn unrelated root", issuer="unrelated",
        key_type="ec", key_size=256, hash="sha256", not_before_days=-1, not_after_days=30,
        san=(), ca=True, path_length=None, key_usage=("key_cert_sign",), extended_key_usage=(),
        name_constraints=None, must_staple=False, unknown_critical_extension=False, ocsp_url=None,
    )  # fmt: skip
    key = generate_key("ec", 256)
    issuer = Issuer(parse_dn(spec.subject), key, None)
    return build_certificate(spec, key, issuer, dt.datetime.now(dt.UTC), None)
