"""Each generator rule, checked by parsing what was produced."""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Callable

import pytest
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import ExtendedKeyUsageOID

from generator.errors import VerifyError
from generator.verify.certs import UNKNOWN_EXTENSION_OID
from generator.verify.materials import Materials
from generator.verify.spec import Scenario

Make = Callable[[str], Materials]


def leaf_with(root_and_leaf: str, *lines: str) -> str:
    """The small spec with extra keys on its leaf (the last table)."""
    return root_and_leaf + "".join(f"{line}\n" for line in lines)


def test_validity_is_relative_to_the_generation_time(
    make: Make, root_and_leaf: str, now: dt.datetime
) -> None:
    leaf = make(
        leaf_with(root_and_leaf, "not_before_days = -120", "not_after_days = -30")
    ).certificates["leaf"]
    assert leaf.not_valid_before_utc == now - dt.timedelta(days=120)
    assert leaf.not_valid_after_utc == now - dt.timedelta(days=30)


def test_fractional_days_are_allowed(make: Make, root_and_leaf: str, now: dt.datetime) -> None:
    leaf = make(leaf_with(root_and_leaf, "not_after_days = 0.5")).certificates["leaf"]
    assert leaf.not_valid_after_utc == now + dt.timedelta(hours=12)


def test_subject_alternative_names_hold_dns_names_and_ip_addresses(make: Make) -> None:
    spec = """\
description = "ip"
host = "127.0.0.1"
chain = ["leaf"]
trusted = ["root"]

[[certificate]]
name = "root"
subject = "CN=Root"

[[certificate]]
name = "leaf"
subject = "CN=leaf,O=certwarn"
issuer = "root"
san = ["DNS:a.test", "IP:127.0.0.1", "IP:::1"]
"""
    leaf = make(spec).certificates["leaf"]
    san = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.DNSName) == ["a.test"]
    assert san.get_values_for_type(x509.IPAddress) == [
        ipaddress.ip_address("127.0.0.1"),
        ipaddress.ip_address("::1"),
    ]
    assert leaf.subject.rfc4514_string() == "CN=leaf,O=certwarn"


@pytest.mark.parametrize(
    ("key_lines", "kind", "size"),
    [
        (('key_type = "rsa"', "key_size = 3072"), rsa.RSAPublicKey, 3072),
        (('key_type = "ec"', "key_size = 384"), ec.EllipticCurvePublicKey, 384),
        ((), ec.EllipticCurvePublicKey, 256),
    ],
)
def test_key_type_and_size(
    make: Make, root_and_leaf: str, key_lines: tuple[str, ...], kind: type, size: int
) -> None:
    key = make(leaf_with(root_and_leaf, *key_lines)).certificates["leaf"].public_key()
    assert isinstance(key, kind)
    assert key.key_size == size


@pytest.mark.parametrize("name", ["sha256", "sha384", "sha512"])
def test_the_issuer_signs_with_the_requested_hash(
    make: Make, root_and_leaf: str, name: str
) -> None:
    materials = make(leaf_with(root_and_leaf, f'hash = "{name}"'))
    leaf, root = materials.certificates["leaf"], materials.certificates["root"]
    assert leaf.signature_hash_algorithm is not None
    assert leaf.signature_hash_algorithm.name == name
    leaf.verify_directly_issued_by(root)


def test_sha1_is_refused_unless_the_scenario_tests_a_disabled_algorithm(
    make: Make, root_and_leaf: str
) -> None:
    with pytest.raises(
        VerifyError,
        match=r"inline.toml:15: certificate\[1\]\.hash: 'sha1' is a disabled algorithm; "
        "it is allowed only in a scenario that declares tests_disabled_algorithm = true",
    ):
        make(leaf_with(root_and_leaf, 'hash = "sha1"'))


def test_roots_are_self_signed_cas_and_leaves_are_not(make: Make, root_and_leaf: str) -> None:
    materials = make(root_and_leaf)
    root, leaf = materials.certificates["root"], materials.certificates["leaf"]
    assert root.issuer == root.subject
    assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    assert leaf.issuer == root.subject
    assert leaf.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    aki = leaf.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
    ski = root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    assert aki.key_identifier == ski.digest


def test_key_usage_and_extended_key_usage_as_written(make: Make, root_and_leaf: str) -> None:
    spec = leaf_with(
        root_and_leaf,
        'key_usage = ["crl_sign"]',
        'extended_key_usage = ["client_auth", "ocsp_signing"]',
    )
    leaf = make(spec).certificates["leaf"]
    usage = leaf.extensions.get_extension_for_class(x509.KeyUsage)
    assert usage.critical and usage.value.crl_sign and not usage.value.digital_signature
    eku = leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(eku) == [ExtendedKeyUsageOID.CLIENT_AUTH, ExtendedKeyUsageOID.OCSP_SIGNING]


def test_empty_usages_and_no_basic_constraints_leave_the_extensions_out(
    make: Make, root_and_leaf: str
) -> None:
    spec = leaf_with(
        root_and_leaf, "key_usage = []", "extended_key_usage = []", "basic_constraints = false"
    )
    leaf = make(spec).certificates["leaf"]
    present = {type(e.value) for e in leaf.extensions}
    assert not present & {x509.KeyUsage, x509.ExtendedKeyUsage, x509.BasicConstraints}


def test_path_length_and_name_constraints_on_an_intermediate(make: Make) -> None:
    spec = """\
description = "constrained"
host = "a.test"
chain = ["leaf", "intermediate"]
trusted = ["root"]

[[certificate]]
name = "root"
subject = "CN=Root"

[[certificate]]
name = "intermediate"
subject = "CN=Intermediate"
issuer = "root"
ca = true
path_length = 0
name_constraints = { permitted = ["DNS:.test"], excluded = ["IP:10.0.0.0/8"] }

[[certificate]]
name = "leaf"
subject = "CN=a.test"
issuer = "intermediate"
san = ["DNS:a.test"]
"""
    intermediate = make(spec).certificates["intermediate"]
    constraints = intermediate.extensions.get_extension_for_class(x509.BasicConstraints).value
    assert (constraints.ca, constraints.path_length) == (True, 0)
    names = intermediate.extensions.get_extension_for_class(x509.NameConstraints)
    assert names.critical
    assert names.value.permitted_subtrees == [x509.DNSName(".test")]
    assert names.value.excluded_subtrees == [x509.IPAddress(ipaddress.ip_network("10.0.0.0/8"))]


def test_must_staple_adds_the_tls_feature_status_request(make: Make, root_and_leaf: str) -> None:
    leaf = make(leaf_with(root_and_leaf, "must_staple = true")).certificates["leaf"]
    feature = leaf.extensions.get_extension_for_class(x509.TLSFeature).value
    assert list(feature) == [x509.TLSFeatureType.status_request]


def test_an_unknown_extension_is_marked_critical(make: Make, root_and_leaf: str) -> None:
    leaf = make(leaf_with(root_and_leaf, "unknown_critical_extension = true")).certificates["leaf"]
    extension = leaf.extensions.get_extension_for_oid(UNKNOWN_EXTENSION_OID)
    assert extension.critical
    assert isinstance(extension.value, x509.UnrecognizedExtension)


def test_the_aia_ocsp_url_points_at_the_local_responder(make: Make, root_and_leaf: str) -> None:
    spec = (
        leaf_with(root_and_leaf, 'ocsp_url = "responder"')
        + '\n[ocsp]\nstatus = "good"\nresponder = "http-500"\n'
    )
    leaf = make(spec).certificates["leaf"]
    access = leaf.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
    assert [(d.access_method._name, d.access_location.value) for d in access] == [
        ("OCSP", "http://127.0.0.1:9/ocsp")
    ]


def test_ocsp_times_and_status(make: Make, root_and_leaf: str, now: dt.datetime) -> None:
    spec = (
        root_and_leaf
        + '\n[ocsp]\nstatus = "revoked"\nthis_update_days = 3\nnext_update_days = 10\n'
    )
    materials = make(spec)
    assert materials.ocsp_response is not None
    response = ocsp.load_der_ocsp_response(materials.ocsp_response)
    assert response.response_status is ocsp.OCSPResponseStatus.SUCCESSFUL
    assert response.certificate_status is ocsp.OCSPCertStatus.REVOKED
    assert response.this_update_utc == now + dt.timedelta(days=3)
    assert response.next_update_utc == now + dt.timedelta(days=10)
    assert response.serial_number == materials.certificates["leaf"].serial_number


def test_an_ocsp_response_from_the_issuer_embeds_no_certificate(
    make: Make, root_and_leaf: str
) -> None:
    materials = make(root_and_leaf + '\n[ocsp]\nstatus = "good"\n')
    assert materials.ocsp_response is not None
    response = ocsp.load_der_ocsp_response(materials.ocsp_response)
    root = materials.certificates["root"]
    assert response.certificates == []
    assert response.responder_key_hash == _key_hash(root)
    root.public_key().verify(
        response.signature, response.tbs_response_bytes, ec.ECDSA(hashes.SHA256())
    )


def test_a_delegated_signer_without_the_ocsp_signing_eku(
    shipped_materials: Callable[[str], Materials],
) -> None:
    materials = shipped_materials("ocsp-invalid-signing-cert")
    assert materials.ocsp_response is not None
    response = ocsp.load_der_ocsp_response(materials.ocsp_response)
    delegate = materials.certificates["responder"]
    assert response.responder_key_hash == _key_hash(delegate)
    assert response.certificates == [delegate]
    eku = delegate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ExtendedKeyUsageOID.OCSP_SIGNING not in list(eku)
    delegate.verify_directly_issued_by(materials.certificates["root"])


def test_the_invalid_signer_leaf_is_not_short_lived(
    shipped_materials: Callable[[str], Materials],
) -> None:
    leaf = shipped_materials("ocsp-invalid-signing-cert").certificates["leaf"]
    # Firefox skips the OCSP check for certificates valid for less than 10 days.
    assert leaf.not_valid_after_utc - leaf.not_valid_before_utc > dt.timedelta(days=10)


def test_the_future_response_is_more_than_a_day_ahead(
    shipped_materials: Callable[[str], Materials],
) -> None:
    materials = shipped_materials("ocsp-future-response")
    assert materials.ocsp_response is not None
    response = ocsp.load_der_ocsp_response(materials.ocsp_response)
    assert response.this_update_utc - materials.generated_at >= dt.timedelta(days=2)


def test_files_are_written_for_reuse(make: Make, root_and_leaf: str) -> None:
    materials = make(root_and_leaf + '\n[ocsp]\nstatus = "good"\n')
    chain = x509.load_pem_x509_certificates(materials.chain_pem.read_bytes())
    assert chain == [materials.certificates["leaf"]]
    assert x509.load_pem_x509_certificates(materials.ca_pem.read_bytes()) == [
        materials.certificates["root"]
    ]
    key = serialization.load_pem_private_key(materials.key_pem.read_bytes(), password=None)
    assert key.public_key() == materials.certificates["leaf"].public_key()
    assert (materials.directory / "ocsp.der").read_bytes() == materials.ocsp_response
    per_certificate = {"leaf.pem", "leaf.key", "root.pem", "root.key"}
    shared = {"chain.pem", "key.pem", "ca.pem", "ocsp.der"}
    assert {p.name for p in materials.directory.iterdir()} == shared | per_certificate


def test_an_untrusted_scenario_writes_an_empty_ca_file(
    shipped_materials: Callable[[str], Materials],
) -> None:
    materials = shipped_materials("unknown-issuer")
    assert materials.ca_pem.read_bytes() == b""


def _key_hash(cert: x509.Certificate) -> bytes:
    return x509.SubjectKeyIdentifier.from_public_key(cert.public_key()).digest


def signed_by(cert: x509.Certificate, issuer: x509.Certificate) -> None:
    """Checks the signature directly (cryptography's own check refuses MD5)."""
    key, algorithm = issuer.public_key(), cert.signature_hash_algorithm
    assert algorithm is not None
    if isinstance(key, rsa.RSAPublicKey):
        key.verify(cert.signature, cert.tbs_certificate_bytes, padding.PKCS1v15(), algorithm)
    else:
        assert isinstance(key, ec.EllipticCurvePublicKey)
        key.verify(cert.signature, cert.tbs_certificate_bytes, ec.ECDSA(algorithm))


def test_every_shipped_scenario_generates_a_signed_chain(
    shipped: dict[str, Scenario], shipped_materials: Callable[[str], Materials]
) -> None:
    for scenario_id, scenario in shipped.items():
        materials = shipped_materials(scenario_id)
        for spec in scenario.certificates:
            cert, issuer = materials.certificates[spec.name], materials.certificates[spec.issuer]
            if spec.corrupt_signature:
                with pytest.raises(InvalidSignature):
                    signed_by(cert, issuer)
            else:
                signed_by(cert, issuer)
                assert cert.issuer == issuer.subject
        served = x509.load_pem_x509_certificates(materials.chain_pem.read_bytes())
        assert served == materials.chain, scenario_id
