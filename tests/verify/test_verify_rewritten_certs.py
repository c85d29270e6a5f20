"""Certificate properties `cryptography`'s builder cannot make: each spec field, checked by
reading the DER that was generated."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from generator.errors import VerifyError
from generator.verify import der
from generator.verify.keys import weak_rsa_key
from generator.verify.materials import Materials
from generator.verify.nssdb import certutil, create_nss_db
from generator.verify.spec import Scenario

Make = Callable[[str], Materials]
RSA_ROOT = 'subject = "CN=Test Root"\nkey_type = "rsa"'


def with_leaf(spec: str, *lines: str, rsa_root: bool = False, declare: bool = False) -> str:
    if rsa_root:
        spec = spec.replace('subject = "CN=Test Root"', RSA_ROOT)
    if declare:
        spec = "tests_disabled_algorithm = true\n" + spec
    return spec + "".join(f"{line}\n" for line in lines)


def inner_algorithm(cert: x509.Certificate) -> bytes:
    """The AlgorithmIdentifier inside the signed part (third element of a v3 TBS)."""
    parts = der.children(cert.tbs_certificate_bytes)
    return parts[2] if parts[0][0] == 0xA0 else parts[1]


def verify_rsa(
    issuer: x509.Certificate, cert: x509.Certificate, algorithm: hashes.HashAlgorithm
) -> None:
    key = issuer.public_key()
    assert isinstance(key, rsa.RSAPublicKey)
    key.verify(cert.signature, cert.tbs_certificate_bytes, padding.PKCS1v15(), algorithm)


def test_a_version_1_certificate_has_no_extensions_and_still_verifies(
    make: Make, root_and_leaf: str
) -> None:
    materials = make(with_leaf(root_and_leaf, "version = 1"))
    leaf, root = materials.certificates["leaf"], materials.certificates["root"]
    assert leaf.version is x509.Version.v1
    assert len(leaf.extensions) == 0
    leaf.verify_directly_issued_by(root)


def test_the_shipped_v1_issuer_is_a_version_1_intermediate(
    shipped_materials: Callable[[str], Materials],
) -> None:
    materials = shipped_materials("v1-issuer")
    intermediate = materials.certificates["intermediate"]
    assert intermediate.version is x509.Version.v1
    materials.certificates["leaf"].verify_directly_issued_by(intermediate)
    assert materials.scenario.trusted == ("root",)


@pytest.mark.parametrize(
    ("name", "algorithm"), [("sha1", hashes.SHA1()), ("md5", hashes.MD5())], ids=["sha1", "md5"]
)
def test_a_declared_disabled_hash_signs_the_certificate(
    make: Make, root_and_leaf: str, name: str, algorithm: hashes.HashAlgorithm
) -> None:
    materials = make(with_leaf(root_and_leaf, f'hash = "{name}"', rsa_root=True, declare=True))
    leaf = materials.certificates["leaf"]
    assert leaf.signature_hash_algorithm is not None
    assert leaf.signature_hash_algorithm.name == name
    verify_rsa(materials.certificates["root"], leaf, algorithm)


def test_declaring_a_disabled_algorithm_nobody_uses_is_refused(
    make: Make, root_and_leaf: str
) -> None:
    with pytest.raises(VerifyError) as caught:
        make(with_leaf(root_and_leaf, declare=True))
    assert str(caught.value) == (
        "content/scenarios/inline.toml:1: tests_disabled_algorithm: "
        "no certificate uses md5 or sha1; remove this key"
    )


def test_an_rsa_key_under_1024_bits_has_exactly_that_size(make: Make, root_and_leaf: str) -> None:
    materials = make(with_leaf(root_and_leaf, 'key_type = "rsa"', "key_size = 1016"))
    key = materials.certificates["leaf"].public_key()
    assert isinstance(key, rsa.RSAPublicKey) and key.key_size == 1016
    assert materials.keys["leaf"].public_key().public_numbers() == key.public_numbers()


def test_a_weak_key_signs_and_verifies() -> None:
    key = weak_rsa_key(512)
    signature = key.sign(b"data", padding.PKCS1v15(), hashes.SHA256())
    key.public_key().verify(signature, b"data", padding.PKCS1v15(), hashes.SHA256())
    assert key.key_size == 512


def test_an_rsa_key_under_512_bits_is_refused(make: Make, root_and_leaf: str) -> None:
    with pytest.raises(
        VerifyError, match=r"key_size: expected an even number of RSA bits from 512"
    ):
        make(with_leaf(root_and_leaf, 'key_type = "rsa"', "key_size = 256"))


def test_a_corrupted_signature_differs_by_one_bit_and_fails(make: Make, root_and_leaf: str) -> None:
    materials = make(with_leaf(root_and_leaf, "corrupt_signature = true"))
    leaf, root = materials.certificates["leaf"], materials.certificates["root"]
    with pytest.raises(InvalidSignature):
        leaf.verify_directly_issued_by(root)
    key = root.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    with pytest.raises(InvalidSignature):
        key.verify(leaf.signature, leaf.tbs_certificate_bytes, ec.ECDSA(hashes.SHA256()))


def test_an_outer_hash_differs_from_the_signed_algorithm(make: Make, root_and_leaf: str) -> None:
    materials = make(with_leaf(root_and_leaf, 'outer_hash = "sha384"'))
    leaf, root = materials.certificates["leaf"], materials.certificates["root"]
    assert leaf.signature_algorithm_oid == x509.SignatureAlgorithmOID.ECDSA_WITH_SHA384
    assert inner_algorithm(leaf) == der.encode(der.SEQUENCE, der.oid("1.2.840.10045.4.3.2"))
    key = root.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    key.verify(leaf.signature, leaf.tbs_certificate_bytes, ec.ECDSA(hashes.SHA384()))


def test_an_outer_hash_equal_to_the_hash_is_refused(make: Make, root_and_leaf: str) -> None:
    with pytest.raises(VerifyError, match=r"outer_hash: must differ from hash, or be left out"):
        make(with_leaf(root_and_leaf, 'outer_hash = "sha256"'))


def test_an_issuer_with_an_empty_subject_gives_the_leaf_an_empty_issuer(
    shipped_materials: Callable[[str], Materials],
) -> None:
    materials = shipped_materials("empty-issuer-name")
    leaf = materials.certificates["leaf"]
    assert leaf.issuer == x509.Name([])
    leaf.verify_directly_issued_by(materials.certificates["intermediate"])


def test_a_date_before_1950_is_written_as_generalized_time(make: Make, root_and_leaf: str) -> None:
    leaf = make(with_leaf(root_and_leaf, "not_before = 1946-02-14")).certificates["leaf"]
    assert leaf.not_valid_before_utc == dt.datetime(1946, 2, 14, tzinfo=dt.UTC)
    validity = der.children(leaf.tbs_certificate_bytes)[4]
    not_before, not_after = der.children(validity)
    assert (not_before[0], not_after[0]) == (0x18, 0x17)  # GeneralizedTime, UTCTime


def test_a_validity_window_may_end_before_it_starts(
    make: Make, root_and_leaf: str, now: dt.datetime
) -> None:
    spec = with_leaf(root_and_leaf, "not_before = 2031-01-01", "not_after = 2029-01-01")
    materials = make(spec)
    leaf = materials.certificates["leaf"]
    assert (leaf.not_valid_before_utc.year, leaf.not_valid_after_utc.year) == (2031, 2029)
    assert leaf.not_valid_before_utc > now > leaf.not_valid_after_utc
    leaf.verify_directly_issued_by(materials.certificates["root"])


def test_a_date_and_its_relative_days_together_are_refused(make: Make, root_and_leaf: str) -> None:
    with pytest.raises(VerifyError, match=r"not_before: give either not_before or not_before_days"):
        make(with_leaf(root_and_leaf, "not_before = 1946-02-14", "not_before_days = -1"))


def test_distrusted_certificates_are_marked_prohibited_in_the_nss_database(
    shipped_materials: Callable[[str], Materials], tmp_path: Path
) -> None:
    program = certutil()
    if program is None:
        pytest.skip("certutil is not installed")
    materials = shipped_materials("distrusted-issuer")
    create_nss_db(tmp_path, materials.trusted, materials.distrusted)
    listing = subprocess.run(
        [str(program), "-L", "-d", f"sql:{tmp_path}"], capture_output=True, text=True, check=True
    ).stdout
    rows = [line.rsplit(None, 1) for line in listing.splitlines()[4:] if line.strip()]
    trust = {name.strip(): flags for name, flags in rows}
    assert trust == {"certwarn-root-0": "CT,,", "certwarn-distrusted-0": "p,p,p"}
    assert materials.distrusted == [materials.certificates["intermediate"]]


def test_the_old_ocsp_response_expired_before_generation(
    shipped_materials: Callable[[str], Materials], shipped: dict[str, Scenario], now: dt.datetime
) -> None:
    from cryptography.x509 import ocsp

    materials = shipped_materials("ocsp-old-response")
    assert materials.ocsp_response is not None
    response = ocsp.load_der_ocsp_response(materials.ocsp_response)
    assert response.next_update_utc is not None and response.next_update_utc < now
    assert shipped["ocsp-old-response"].ocsp is not None
    assert dict(shipped["ocsp-old-response"].firefox_prefs)["security.OCSP.enabled"] == 1
