"""Verification scenarios as typed values: certificates, OCSP, TLS and browser settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PrefValue = str | int | bool

KEY_TYPES = ("rsa", "ec", "ed25519")
EC_SIZES = (256, 384, 521)
HASHES = ("md5", "sha1", "sha224", "sha256", "sha384", "sha512")
DISABLED_HASHES = ("md5", "sha1")
"""Allowed only in a scenario that says `tests_disabled_algorithm = true`."""
VERSIONS = (1, 3)
RSA_BITS = (512, 8192)
"""RSA modulus sizes a scenario may ask for; under 1024 bits is the weak-key case."""
KEY_USAGES = (
    "digital_signature",
    "content_commitment",
    "key_encipherment",
    "data_encipherment",
    "key_agreement",
    "key_cert_sign",
    "crl_sign",
)
EXTENDED_KEY_USAGES = (
    "server_auth",
    "client_auth",
    "code_signing",
    "email_protection",
    "time_stamping",
    "ocsp_signing",
)
OCSP_STATUSES = ("good", "revoked", "unknown")
RESPONDER_MODES = ("none", "same", "http-500")
"""What the local OCSP responder answers: nothing runs, the stapled response, or HTTP 500."""
TLS_VERSIONS = ("1.0", "1.1", "1.2", "1.3")
SERVER_KINDS = ("tls", "plain-http", "alert", "tls1.0-server-hello", "corrupt-record", "bad-der")
"""What listens on the scenario's port: the TLS server; an HTTP server; a server that
answers the ClientHello with one fatal alert; one that answers with a TLS 1.0 ServerHello;
a proxy to the TLS server that flips one bit of the server's first encrypted record; a
TLS 1.2 server whose Certificate message carries the leaf as damaged DER."""
DER_DAMAGES = (
    "ber-boolean",
    "inner-length",
    "outer-length",
    "truncated",
    "wrong-tag",
    "garbage",
    "padded-serial",
    "negative-serial",
)
"""How the `bad-der` server damages the leaf (see generator/verify/bad_der.py)."""
EXPECT_ORACLES = ("firefox", "chromium", "openssl")
LOCAL_RESPONDER = "responder"
"""The `ocsp_url` value that points a certificate's AIA at the scenario's local responder."""


@dataclass(frozen=True, slots=True)
class NameConstraintsSpec:
    """Permitted and excluded subtrees, written like SAN entries (`DNS:.test`, `IP:10.0.0.0/8`)."""

    permitted: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CertSpec:
    """One certificate of a scenario: who issues it and every property that can break it."""

    name: str
    """Id inside the scenario, used by `issuer`, `chain`, `trusted` and the OCSP `signer`."""
    subject: str
    """Distinguished name in RFC 4514 form, e.g. `CN=expired.test,O=certwarn`."""
    issuer: str
    """Name of the issuing certificate; its own name when self-signed."""
    key_type: str
    key_size: int
    """RSA modulus bits, or the EC curve size (256, 384, 521); ignored for ed25519."""
    hash: str
    """Signature hash the issuer signs this certificate with."""
    not_before_days: float
    """Start of validity, in days relative to the moment of generation."""
    not_after_days: float
    san: tuple[str, ...]
    """Subject alternative names: `DNS:name` or `IP:address`."""
    ca: bool | None
    """basicConstraints cA; None leaves the extension out."""
    path_length: int | None
    key_usage: tuple[str, ...]
    """keyUsage bits; empty leaves the extension out."""
    extended_key_usage: tuple[str, ...]
    """extKeyUsage purposes; empty leaves the extension out."""
    name_constraints: NameConstraintsSpec | None
    must_staple: bool
    """Adds the TLS Feature extension asking for a stapled OCSP response."""
    unknown_critical_extension: bool
    """Adds a private extension marked critical, which no verifier understands."""
    ocsp_url: str | None
    """AIA OCSP URL: an http URL, or `responder` for the scenario's local responder."""
    version: int = 3
    """X.509 version; a version 1 certificate has no extensions at all."""
    outer_hash: str | None = None
    """The hash the outer signatureAlgorithm names when it differs from the signed one."""
    not_before: dt.datetime | None = None
    """An absolute start of validity (any year from 1900), replacing `not_before_days`."""
    not_after: dt.datetime | None = None
    corrupt_signature: bool = False
    """Flips one bit of the issuer's signature, so it no longer verifies."""

    @property
    def rewritten(self) -> bool:
        """Does building it need DER that `cryptography`'s builder will not produce."""
        return (
            self.version != 3
            or self.hash in DISABLED_HASHES
            or self.outer_hash is not None
            or self.not_before is not None
            or self.not_after is not None
            or self.corrupt_signature
        )

    @property
    def self_signed(self) -> bool:
        return self.issuer == self.name


@dataclass(frozen=True, slots=True)
class OcspSpec:
    """The OCSP response about the leaf: its status, times, signer, and where it is served."""

    status: str
    this_update_days: float
    """thisUpdate in days relative to generation; Firefox rejects more than 1 day ahead."""
    next_update_days: float | None
    signer: str
    """Name of the certificate that signs the response: the leaf's issuer or a delegate."""
    stapled: bool
    """Does the TLS server staple it."""
    responder: str
    """What the local HTTP responder answers; one of RESPONDER_MODES."""


@dataclass(frozen=True, slots=True)
class TlsSpec:
    """Protocol versions and (TLS 1.2) cipher list the local server accepts."""

    min_version: str = "1.2"
    max_version: str = "1.3"
    ciphers: str | None = None
    """An OpenSSL cipher string for TLS 1.2 and below; None keeps OpenSSL's defaults."""
    client_certificate: bool = False
    """Does the server require a client certificate (issued by the scenario's roots)."""


@dataclass(frozen=True, slots=True)
class ServerSpec:
    """What answers on the scenario's port; one of SERVER_KINDS."""

    kind: str = "tls"
    alert: int | None = None
    """The TLS alert description the `alert` server sends (e.g. 42 bad_certificate)."""
    damage: str | None = None
    """How the `bad-der` server damages the leaf's DER; one of DER_DAMAGES."""


@dataclass(frozen=True, slots=True)
class Scenario:
    """A declarative recipe for one certificate condition, served from 127.0.0.1."""

    id: str
    path: str
    """Project-relative path of the spec file."""
    description: str
    host: str
    """Host name (mapped to 127.0.0.1 in the browsers) or IP address the oracles visit."""
    certificates: tuple[CertSpec, ...]
    chain: tuple[str, ...]
    """Certificates the server sends, leaf first."""
    trusted: tuple[str, ...]
    """Certificates the oracles trust as roots."""
    ocsp: OcspSpec | None
    tls: TlsSpec
    firefox_prefs: tuple[tuple[str, PrefValue], ...]
    chromium_args: tuple[str, ...]
    expect: tuple[tuple[str, str], ...] = ()
    """(oracle, code) pairs: what each client shows; `OK` when it loads the site."""
    server: ServerSpec = ServerSpec()
    distrusted: tuple[str, ...] = ()
    """Certificates the browsers' NSS databases mark as explicitly distrusted."""
    hsts: str | None = None
    """A certificate served first, trusted and with Strict-Transport-Security, so the
    browsers know the host as HSTS before they visit the scenario."""
    tests_disabled_algorithm: bool = False

    def expected(self, oracle: str) -> str | None:
        return dict(self.expect).get(oracle)

    def cert(self, name: str) -> CertSpec:
        for spec in self.certificates:
            if spec.name == name:
                return spec
        raise KeyError(name)

    @property
    def leaf(self) -> CertSpec:
        return self.cert(self.chain[0])

    @property
    def needs_responder(self) -> bool:
        return self.ocsp is not None and self.ocsp.responder != "none"
