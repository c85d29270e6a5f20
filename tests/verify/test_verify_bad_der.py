"""SEC_ERROR_BAD_DER: the damaged leaf the `bad-der` server sends, how the scenario declares
it, the ClientHello reader, and the server on the wire with Python's `ssl` as the client."""

from __future__ import annotations

import dataclasses
import datetime as dt
import socket
import ssl
import struct
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.hashes import SHA256
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.utils import CryptographyDeprecationWarning

from generator.errors import VerifyError
from generator.verify import der
from generator.verify.bad_der import damage
from generator.verify.bad_der_server import EXTENDED_MASTER_SECRET, RENEGOTIATION_INFO
from generator.verify.client_hello import parse_client_hello, read_client_hello
from generator.verify.materials import Materials, generate
from generator.verify.oracles.openssl import OpenSslOracle
from generator.verify.oracles.x509 import X509Oracle
from generator.verify.serve import Target, served_der
from generator.verify.spec import DER_DAMAGES, Scenario
from generator.verify.spec_load import parse_scenario

Served = Callable[[Scenario], AbstractContextManager[Target]]
SUPPORTED_VERSIONS = 43


def leaf_and_issuer(materials: Materials) -> tuple[bytes, rsa.RSAPrivateKey]:
    key = materials.keys["root"]
    assert isinstance(key, rsa.RSAPrivateKey)
    return materials.chain[0].public_bytes(Encoding.DER), key


@pytest.mark.parametrize("how", [d for d in DER_DAMAGES if d != "negative-serial"])
def test_every_damage_gives_a_leaf_that_does_not_parse_as_a_certificate(
    shipped_materials: Callable[[str], Materials], how: str
) -> None:
    leaf, issuer_key = leaf_and_issuer(shipped_materials("bad-der"))
    x509.load_der_x509_certificate(leaf)  # the generated leaf itself is sound
    damaged = damage(leaf, how, issuer_key, "sha256")
    assert damaged != leaf
    with pytest.raises(ValueError):
        x509.load_der_x509_certificate(damaged)


def test_the_shipped_scenario_sends_its_damaged_leaf_and_the_rest_of_the_chain_intact(
    shipped: dict[str, Scenario], shipped_materials: Callable[[str], Materials]
) -> None:
    scenario = shipped["bad-der"]
    assert scenario.server.kind == "bad-der" and scenario.server.damage == "ber-boolean"
    materials = shipped_materials("bad-der")
    leaf, issuer_key = leaf_and_issuer(materials)
    assert served_der(materials) == [damage(leaf, "ber-boolean", issuer_key, "sha256")]


def test_a_ber_boolean_is_the_only_fault_lengths_tags_and_signature_hold(
    shipped_materials: Callable[[str], Materials],
) -> None:
    leaf, issuer_key = leaf_and_issuer(shipped_materials("bad-der"))
    damaged = damage(leaf, "ber-boolean", issuer_key, "sha256")
    tbs, algorithm, signature = der.children(damaged)
    original_tbs = der.children(leaf)[0]
    changed = [i for i, (a, b) in enumerate(zip(tbs, original_tbs, strict=True)) if a != b]
    assert len(changed) == 1 and (original_tbs[changed[0]], tbs[changed[0]]) == (0xFF, 0x01)
    assert tbs[changed[0] - 2 : changed[0]] == b"\x01\x01"  # a BOOLEAN of one byte
    assert algorithm == der.children(leaf)[1]
    _, start, _ = der.element(signature)
    unused_bits, value = signature[start], signature[start + 1 :]
    assert unused_bits == 0
    issuer_key.public_key().verify(value, tbs, padding.PKCS1v15(), SHA256())


def serial_damage(
    shipped_materials: Callable[[str], Materials], how: str
) -> tuple[bytes, bytes, bytes]:
    """(the generated serial's content, the damaged one's, the damaged leaf), after checking
    that the serial is the leaf's only change, that every enclosing length was encoded again,
    and that the issuer's signature holds over the damaged TBSCertificate."""
    leaf, issuer_key = leaf_and_issuer(shipped_materials("invalid-integer-encoding"))
    damaged = damage(leaf, how, issuer_key, "sha256")
    assert der.element(damaged)[2] == len(damaged)
    (tbs, algorithm, signature), (original_tbs, original_algorithm, _) = (
        der.children(damaged),
        der.children(leaf),
    )
    (version, serial, *rest), (original_version, original_serial, *original_rest) = (
        der.children(tbs),
        der.children(original_tbs),
    )
    assert (version, rest, algorithm) == (original_version, original_rest, original_algorithm)
    assert serial[0] == original_serial[0] == 0x02  # still an INTEGER
    _, start, _ = der.element(signature)
    assert signature[start] == 0  # no unused bits
    issuer_key.public_key().verify(signature[start + 1 :], tbs, padding.PKCS1v15(), SHA256())
    return original_serial[2:], serial[2:], damaged


def test_a_padded_serial_is_the_same_number_with_a_redundant_leading_zero(
    shipped_materials: Callable[[str], Materials],
) -> None:
    original, padded, damaged = serial_damage(shipped_materials, "padded-serial")
    assert padded == b"\x00" + original
    # DER's shortest form never starts with 0x00 before a byte whose high bit is clear
    assert padded[0] == 0 and padded[1] & 0x80 == 0
    assert int.from_bytes(padded, "big", signed=True) > 0
    with pytest.raises(ValueError, match="serial"):
        x509.load_der_x509_certificate(damaged)


def test_a_negative_serial_has_its_high_bit_set_in_the_shortest_encoding(
    shipped_materials: Callable[[str], Materials],
) -> None:
    original, negative, damaged = serial_damage(shipped_materials, "negative-serial")
    magnitude = original[1:] if original[0] == 0 else original
    assert len(negative) == len(magnitude) and negative[1:] == magnitude[1:]
    assert negative[0] & 0x80 and negative[0] != 0xFF  # negative, and no redundant 0xFF
    number = int.from_bytes(negative, "big", signed=True)
    assert number < 0
    with pytest.warns(CryptographyDeprecationWarning, match="negative or zero"):
        assert x509.load_der_x509_certificate(damaged).serial_number == number


def test_the_shipped_invalid_integer_scenario_sends_a_padded_serial(
    shipped: dict[str, Scenario], shipped_materials: Callable[[str], Materials]
) -> None:
    scenario = shipped["invalid-integer-encoding"]
    assert scenario.server.kind == "bad-der" and scenario.server.damage == "padded-serial"
    assert scenario.expected("firefox") == "MOZILLA_PKIX_ERROR_INVALID_INTEGER_ENCODING"
    materials = shipped_materials("invalid-integer-encoding")
    leaf, issuer_key = leaf_and_issuer(materials)
    assert served_der(materials) == [damage(leaf, "padded-serial", issuer_key, "sha256")]


def test_an_inner_length_overruns_inside_a_certificate_whose_outer_length_adds_up(
    shipped_materials: Callable[[str], Materials],
) -> None:
    leaf, issuer_key = leaf_and_issuer(shipped_materials("bad-der"))
    damaged = damage(leaf, "inner-length", issuer_key, "sha256")
    assert der.element(damaged)[2] == len(damaged) == len(leaf)
    with pytest.raises(ValueError):
        der.children(der.children(damaged)[0])


def test_outer_length_and_truncation_no_longer_fit_the_bytes_sent(
    shipped_materials: Callable[[str], Materials],
) -> None:
    leaf, issuer_key = leaf_and_issuer(shipped_materials("bad-der"))
    for how in ("outer-length", "truncated"):
        with pytest.raises(ValueError, match="truncated"):
            der.element(damage(leaf, how, issuer_key, "sha256"))


BAD_DER_SERVER = """
[server]
kind = "bad-der"
"""


@pytest.mark.parametrize(
    ("server", "message"),
    [
        (BAD_DER_SERVER, "server: a bad-der server needs damage = ber-boolean or inner-length"),
        (BAD_DER_SERVER + 'damage = "sideways"\n', "server.damage: expected one of ber-boolean"),
        ('[server]\ndamage = "garbage"\n', "only a server of kind = 'bad-der' damages DER"),
    ],
)
def test_a_bad_der_server_needs_a_known_damage_and_only_it_has_one(
    root_and_leaf: str, server: str, message: str
) -> None:
    with pytest.raises(VerifyError, match=message):
        parse_scenario("inline", "content/scenarios/inline.toml", root_and_leaf + server)


@pytest.mark.parametrize("how", ["padded-serial", "negative-serial"])
def test_the_spec_rules_accept_a_bad_der_server_that_damages_the_serial(
    root_and_leaf: str, how: str
) -> None:
    text = root_and_leaf + BAD_DER_SERVER + f'damage = "{how}"\n'
    scenario = parse_scenario("inline", "content/scenarios/inline.toml", text)
    assert (scenario.server.kind, scenario.server.damage) == ("bad-der", how)


def test_a_leaf_without_a_critical_extension_cannot_have_its_boolean_damaged(
    root_and_leaf: str, tmp_path: Path, now: dt.datetime
) -> None:
    leaf = 'san = ["DNS:leaf.test"]\nbasic_constraints = false\nkey_usage = []\n'
    text = root_and_leaf.replace('san = ["DNS:leaf.test"]\n', leaf)
    text += BAD_DER_SERVER + 'damage = "ber-boolean"\n'
    scenario = parse_scenario("inline", "content/scenarios/inline.toml", text)
    with pytest.raises(VerifyError, match="cannot be damaged as 'ber-boolean': no critical ext"):
        served_der(generate(scenario, tmp_path, now))


def python_client_hello(context: ssl.SSLContext) -> bytes:
    """The first flight of a real client: Python's ssl writing into memory."""
    tls = context.wrap_bio(ssl.MemoryBIO(), outgoing := ssl.MemoryBIO(), server_hostname="x.test")
    with pytest.raises(ssl.SSLWantReadError):
        tls.do_handshake()
    return outgoing.read()


def test_the_client_hello_reader_reads_a_real_client_hello() -> None:
    context = ssl.create_default_context()
    record = python_client_hello(context)
    assert record[0] == 0x16 and struct.unpack(">H", record[3:5])[0] == len(record) - 5
    hello = parse_client_hello(record[9:])
    assert hello.version == 0x0303 and len(hello.session_id) == 32
    assert 0x1301 in hello.cipher_suites  # TLS_AES_128_GCM_SHA256
    assert hello.extension(SUPPORTED_VERSIONS) is not None
    assert hello.extension(EXTENDED_MASTER_SECRET) == b""


@pytest.mark.parametrize("cut", [1, 10, 60])
def test_the_client_hello_reader_refuses_a_hello_cut_short(cut: int) -> None:
    body = python_client_hello(ssl.create_default_context())[9:]
    with pytest.raises(ValueError, match="runs past its end"):
        parse_client_hello(body[:-cut])


def test_the_client_hello_reader_joins_a_hello_split_over_two_records() -> None:
    record = python_client_hello(ssl.create_default_context())
    message = record[5:]
    halves = (message[:3], message[3:])  # even the handshake header is split
    wire = b"".join(b"\x16\x03\x01" + struct.pack(">H", len(h)) + h for h in halves)
    ours, theirs = socket.socketpair()
    with ours, theirs:
        theirs.sendall(wire)
        assert read_client_hello(ours) == parse_client_hello(message[4:])


@pytest.mark.parametrize(
    ("wire", "message"),
    [
        (b"GET / HTTP/1.1\r\n\r\n", "expected a handshake record"),
        (b"\x16\x03\x01\x50\x00" + bytes(8), "record length 20480 is out of range"),
        (b"\x16\x03\x01\x00\x04\x01\x01\x00\x01", "ClientHello longer than 64 KiB"),
        (b"\x16\x03\x01\x00\x04\x02\x00\x00\x00", "expected a ClientHello"),
        (b"\x16\x03\x01\x00\x08\x01\x00", "connection closed after 2 of 8 bytes"),
    ],
)
def test_the_client_hello_reader_refuses_what_is_not_one_bounded_hello(
    wire: bytes, message: str
) -> None:
    ours, theirs = socket.socketpair()
    with ours, theirs:
        theirs.sendall(wire)
        theirs.shutdown(socket.SHUT_WR)
        with pytest.raises(ValueError, match=message):
            read_client_hello(ours)


def records(data: bytes) -> list[tuple[int, bytes]]:
    found, at = [], 0
    while at + 5 <= len(data):
        length = struct.unpack(">H", data[at + 3 : at + 5])[0]
        found.append((data[at], data[at + 5 : at + 5 + length]))
        at += 5 + length
    return found


def handshake_messages(payload: bytes) -> list[tuple[int, bytes]]:
    found, at = [], 0
    while at < len(payload):
        length = int.from_bytes(payload[at + 1 : at + 4], "big")
        found.append((payload[at], payload[at + 4 : at + 4 + length]))
        at += 4 + length
    return found


def handshake(target: Target) -> tuple[bytes, ssl.SSLError | None]:
    """Python's ssl (offering AES128-GCM-SHA256) against the target over a real socket:
    every byte it received, and the error it ended with (None when the server closed)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(cafile=str(target.materials.ca_pem))
    context.set_ciphers("AES128-GCM-SHA256")
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = context.wrap_bio(incoming, outgoing, server_hostname=target.host)
    received = b""
    with socket.create_connection(("127.0.0.1", target.port), timeout=10) as raw:
        while True:
            try:
                tls.do_handshake()
                return received, None
            except ssl.SSLWantReadError:
                raw.sendall(outgoing.read())
                try:
                    chunk = raw.recv(65536)
                except ConnectionResetError:  # it closed after the client's answer
                    chunk = b""
                if not chunk:
                    return received, None
                received += chunk
                incoming.write(chunk)
            except ssl.SSLError as e:
                return received, e


@pytest.mark.parametrize("how", ["ber-boolean", "inner-length", "garbage"])
def test_a_real_client_gets_the_damaged_leaf_in_a_tls_1_2_flight(
    served: Served, shipped: dict[str, Scenario], how: str, no_new_threads: None
) -> None:
    scenario = shipped["bad-der"]
    scenario = dataclasses.replace(
        scenario, server=dataclasses.replace(scenario.server, damage=how)
    )
    with served(scenario) as target:
        received, error = handshake(target)
        sent_leaf = served_der(target.materials)[0]
    (kind, payload), *_ = records(received)
    assert kind == 0x16
    (hello_type, hello), (cert_type, certificate), (done_type, done) = handshake_messages(payload)
    assert (hello_type, cert_type, done_type, done) == (2, 11, 14, b"")
    assert hello[:2] == b"\x03\x03" and hello[34] == 0  # TLS 1.2, no session id
    assert hello[35:37] == b"\x00\x9c"  # TLS_RSA_WITH_AES_128_GCM_SHA256
    extensions = [struct.unpack(">H", hello[at : at + 2])[0] for at in (40, 45)]
    assert sorted(extensions) == [EXTENDED_MASTER_SECRET, RENEGOTIATION_INFO]
    assert SUPPORTED_VERSIONS not in extensions
    leaf_length = int.from_bytes(certificate[3:6], "big")
    assert certificate[6 : 6 + leaf_length] == sent_leaf
    with pytest.raises(ValueError):
        x509.load_der_x509_certificate(sent_leaf)
    if how != "ber-boolean":  # OpenSSL reads BER booleans; a broken structure it cannot
        assert error is not None and "ASN1" in str(error)


def test_the_libraries_record_the_bad_der_scenario_as_not_checked(
    shipped: dict[str, Scenario],
) -> None:
    scenario = shipped["bad-der"]
    python_ssl = OpenSslOracle().unchecked(scenario) or ""
    assert python_ssl.startswith("not checked: Python's ssl offers no RSA key exchange")
    assert (X509Oracle().unchecked(scenario) or "").startswith("not checked: ")
