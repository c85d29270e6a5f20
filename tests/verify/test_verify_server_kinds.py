"""What answers on a scenario's port: each server kind and TLS setting, checked on the wire
with Python's `ssl` or raw sockets on loopback."""

from __future__ import annotations

import datetime as dt
import socket
import ssl
import struct
import warnings
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from cryptography.x509.oid import ExtendedKeyUsageOID

from generator.verify.materials import Materials
from generator.verify.raw_servers import alert_record
from generator.verify.serve import Target
from generator.verify.spec import Scenario

Served = Callable[[Scenario], AbstractContextManager[Target]]


def client_hello(session_id: bytes = b"\x07" * 32) -> bytes:
    """A syntactically plausible TLS ClientHello record, enough for the raw servers."""
    body = b"\x03\x03" + bytes(32) + bytes([len(session_id)]) + session_id
    body += b"\x00\x02\x00\x2f" + b"\x01\x00"
    message = b"\x01" + len(body).to_bytes(3, "big") + body
    return b"\x16\x03\x01" + struct.pack(">H", len(message)) + message


def exchange(target: Target, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", target.port), timeout=10) as raw:
        raw.sendall(data)
        received = b""
        while chunk := raw.recv(4096):
            received += chunk
            if len(received) > 65536:
                break
    return received


def first_record(target: Target, data: bytes) -> bytes:
    """Send `data`, then read one TLS record (header and payload) of the reply."""
    with socket.create_connection(("127.0.0.1", target.port), timeout=10) as raw:
        raw.sendall(data)
        header = raw.recv(5, socket.MSG_WAITALL)
        return header + raw.recv(struct.unpack(">H", header[3:5])[0], socket.MSG_WAITALL)


def context(target: Target, **settings: object) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(cafile=str(target.materials.ca_pem))
    for name, value in settings.items():
        setattr(ctx, name, value)
    return ctx


def connect(target: Target, ctx: ssl.SSLContext, port: int | None = None) -> ssl.SSLSocket:
    raw = socket.create_connection(("127.0.0.1", port or target.port), timeout=10)
    return ctx.wrap_socket(raw, server_hostname=target.host)


def test_plain_http_answers_the_client_hello_in_clear_text(
    served: Served, shipped: dict[str, Scenario]
) -> None:
    with served(shipped["plain-http-on-tls-port"]) as target:
        reply = exchange(target, client_hello())
    assert reply.startswith(b"HTTP/1.1 400 Bad Request\r\n")


@pytest.mark.parametrize(
    ("scenario_id", "description"),
    [("alert-bad-certificate", 42), ("alert-inappropriate-fallback", 86)],
)
def test_the_alert_server_sends_exactly_one_fatal_alert(
    served: Served, shipped: dict[str, Scenario], scenario_id: str, description: int
) -> None:
    with served(shipped[scenario_id]) as target:
        reply = exchange(target, client_hello())
    assert reply == bytes([0x15, 3, 3, 0, 2, 2, description]) == alert_record(description)


def test_every_alert_scenario_names_its_description(shipped: dict[str, Scenario]) -> None:
    alerts = {s.id: s.server.alert for s in shipped.values() if s.server.kind == "alert"}
    assert alerts == {
        "alert-bad-certificate": 42,
        "alert-bad-record-mac": 20,
        "alert-illegal-parameter": 47,
        "alert-inappropriate-fallback": 86,
        "alert-internal-error": 80,
        "alert-no-certificate": 41,
    }


def test_the_tls10_server_hello_picks_tls_1_0_and_echoes_the_session(
    served: Served, shipped: dict[str, Scenario]
) -> None:
    session = bytes(range(32))
    with served(shipped["server-hello-tls10"]) as target:
        reply = first_record(target, client_hello(session))
    assert reply[:3] == b"\x16\x03\x01"  # a handshake record of TLS 1.0
    hello = reply[5:]
    assert hello[0] == 2 and hello[4:6] == b"\x03\x01"  # ServerHello, version TLS 1.0
    assert hello[38] == 32 and hello[39:71] == session
    assert hello[71:73] == b"\x00\x2f"


def test_a_tls_1_0_and_1_1_server_refuses_tls_1_2(
    served: Served, shipped: dict[str, Scenario]
) -> None:
    with served(shipped["tls-version-too-old"]) as target:
        ctx = context(target, minimum_version=ssl.TLSVersion.TLSv1_2)
        with pytest.raises(ssl.SSLError, match="PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL"):
            connect(target, ctx)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # TLS 1.0 is the point here
            old = context(target, minimum_version=ssl.TLSVersion.TLSv1)
        old.set_ciphers("ALL:@SECLEVEL=0")
        with connect(target, old) as tls:
            assert tls.version() in ("TLSv1", "TLSv1.1")


def test_no_shared_cipher_fails_and_the_listed_cipher_succeeds(
    served: Served, shipped: dict[str, Scenario]
) -> None:
    with served(shipped["no-cipher-overlap"]) as target:
        browser_like = context(target, maximum_version=ssl.TLSVersion.TLSv1_2)
        browser_like.set_ciphers("ECDHE+AESGCM:ECDHE+CHACHA20")
        with pytest.raises(ssl.SSLError, match="HANDSHAKE_FAILURE"):
            connect(target, browser_like)
        listed = context(target, maximum_version=ssl.TLSVersion.TLSv1_2)
        listed.set_ciphers("AES256-SHA256")
        with connect(target, listed) as tls:
            assert tls.cipher()[0] == "AES256-SHA256"


@pytest.mark.parametrize(
    ("scenario_id", "alert"),
    [
        ("client-certificate-required", "CERTIFICATE_REQUIRED"),
        ("client-certificate-required-tls12", "HANDSHAKE_FAILURE"),
    ],
)
def test_a_server_that_requires_a_client_certificate_refuses_a_client_without_one(
    served: Served, shipped: dict[str, Scenario], scenario_id: str, alert: str
) -> None:
    with (
        served(shipped[scenario_id]) as target,
        pytest.raises((ssl.SSLError, ConnectionError)) as caught,
        connect(target, context(target)) as tls,
    ):
        tls.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        tls.recv(1024)
    assert alert in str(caught.value)


def client_certificate(materials: Materials, folder: Path) -> tuple[str, str]:
    """A TLS client certificate from the scenario's root, written as (cert, key) files."""
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    root = materials.certificates["root"]
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name.from_rfc4514_string("CN=certwarn client"))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .sign(materials.keys["root"], hashes.SHA256())  # type: ignore[arg-type]
    )
    cert_path, key_path = folder / "client.pem", folder / "client.key"
    cert_path.write_bytes(cert.public_bytes(Encoding.PEM))
    key_path.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    return str(cert_path), str(key_path)


def test_a_client_certificate_from_the_scenarios_root_is_accepted(
    served: Served, shipped: dict[str, Scenario], tmp_path: Path
) -> None:
    with served(shipped["client-certificate-required"]) as target:
        ctx = context(target)
        ctx.load_cert_chain(*client_certificate(target.materials, tmp_path))
        with connect(target, ctx) as tls:
            tls.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            assert tls.recv(1024).startswith(b"HTTP/1.1 200 OK")


def test_the_hsts_server_sets_strict_transport_security_over_a_trusted_chain(
    served: Served, shipped: dict[str, Scenario]
) -> None:
    with served(shipped["hsts-unknown-issuer"]) as target:
        assert target.hsts_port is not None and target.hsts_url is not None
        assert target.hsts_url.startswith(f"https://{target.host}:")
        with connect(target, context(target), target.hsts_port) as tls:
            tls.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            head = tls.recv(4096).split(b"\r\n\r\n")[0]
        with pytest.raises(ssl.SSLCertVerificationError):
            connect(target, context(target))
    assert b"\r\nStrict-Transport-Security: max-age=31536000" in head


def test_a_weak_rsa_leaf_is_served(served: Served, shipped: dict[str, Scenario]) -> None:
    with served(shipped["weak-rsa-key"]) as target:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
        ctx.set_ciphers("ALL:@SECLEVEL=0")
        with connect(target, ctx) as tls:
            der_cert = tls.getpeercert(binary_form=True)
    assert der_cert == target.materials.chain[0].public_bytes(Encoding.DER)


def test_the_corrupting_proxy_breaks_the_first_encrypted_record(
    served: Served, shipped: dict[str, Scenario]
) -> None:
    with served(shipped["corrupted-tls-record"]) as target, pytest.raises(ssl.SSLError) as caught:
        connect(target, context(target))
    assert "BAD_RECORD_MAC" in str(caught.value) or "DECRYPTION_FAILED" in str(caught.value)
