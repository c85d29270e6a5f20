"""The local TLS server (with OCSP stapling) and the HTTP OCSP responder."""

from __future__ import annotations

import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest
from cryptography import x509
from OpenSSL import SSL

from generator.verify.ocsp_responder import OcspResponder
from generator.verify.serve import Target
from generator.verify.spec import Scenario
from generator.verify.spec_load import parse_scenario

Served = Callable[[Scenario], AbstractContextManager[Target]]


def handshake(target: Target) -> tuple[bytes, list[x509.Certificate], str]:
    """(stapled OCSP bytes, chain the server sent, protocol) seen by a pyOpenSSL client."""
    stapled: list[bytes] = []

    def keep(_connection: SSL.Connection, data: bytes, _extra: object) -> bool:
        stapled.append(data)
        return True

    context = SSL.Context(SSL.TLS_CLIENT_METHOD)
    context.set_ocsp_client_callback(keep)
    with socket.create_connection(("127.0.0.1", target.port), timeout=10) as raw:
        raw.settimeout(None)  # pyOpenSSL needs a blocking socket
        client = SSL.Connection(context, raw)
        client.set_tlsext_host_name(target.host.encode())
        client.request_ocsp()
        client.set_connect_state()
        client.do_handshake()
        chain = [c.to_cryptography() for c in client.get_peer_cert_chain() or []]
        version = client.get_protocol_version_name()
        client.shutdown()
    return stapled[0], chain, version


def test_the_server_sends_the_chain_and_staples_the_ocsp_response(
    served: Served, shipped: dict[str, Scenario], no_new_threads: None
) -> None:
    with served(shipped["valid"]) as target:
        stapled, chain, _ = handshake(target)
    assert stapled == target.materials.ocsp_response
    assert chain == target.materials.chain
    assert [c.subject.rfc4514_string() for c in chain][
        1
    ] == "CN=certwarn Valid Intermediate,O=certwarn"


def test_nothing_is_stapled_when_the_spec_says_not_to(served: Served, root_and_leaf: str) -> None:
    scenario = parse_scenario(
        "s", "s.toml", root_and_leaf + '\n[ocsp]\nstatus = "good"\nstapled = false\n'
    )
    with served(scenario) as target:
        stapled, _, _ = handshake(target)
    assert stapled == b""


def test_the_tls_version_range_is_enforced(served: Served, root_and_leaf: str) -> None:
    scenario = parse_scenario("s", "s.toml", root_and_leaf + '\n[tls]\nmax_version = "1.2"\n')
    with served(scenario) as target:
        _, _, version = handshake(target)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.minimum_version = ssl.TLSVersion.TLSv1_3
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
        with (
            pytest.raises(ssl.SSLError),
            socket.create_connection(("127.0.0.1", target.port), timeout=10) as raw,
            context.wrap_socket(raw),
        ):
            pass
    assert version == "TLSv1.2"


def test_an_accepted_connection_gets_a_page(served: Served, shipped: dict[str, Scenario]) -> None:
    with served(shipped["valid"]) as target:
        context = ssl.create_default_context(cafile=str(target.materials.ca_pem))
        with (
            socket.create_connection(("127.0.0.1", target.port), timeout=10) as raw,
            context.wrap_socket(raw, server_hostname=target.host) as tls,
        ):
            tls.sendall(f"GET / HTTP/1.1\r\nHost: {target.host}\r\n\r\n".encode())
            reply = tls.recv(4096)
    assert reply.startswith(b"HTTP/1.1 200 OK")


def test_the_server_stops_and_leaves_no_thread(
    served: Served, shipped: dict[str, Scenario], no_new_threads: None
) -> None:
    with served(shipped["expired-certificate"]) as target:
        port = target.port
        with socket.create_connection(("127.0.0.1", port), timeout=10):
            pass
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=10)


def test_the_responder_answers_http_500_and_counts_requests(no_new_threads: None) -> None:
    with OcspResponder("http-500") as responder:
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(responder.url, data=b"request", timeout=10)
        caught.value.close()
        assert responder.requests == 1
    assert caught.value.code == 500


def test_the_responder_can_repeat_the_stapled_response(no_new_threads: None) -> None:
    with OcspResponder("same") as responder:
        responder.response = b"\x30\x03\x0a\x01\x00"
        with urllib.request.urlopen(responder.url, data=b"request", timeout=10) as reply:
            body, kind = reply.read(), reply.headers["Content-Type"]
    assert (body, kind) == (b"\x30\x03\x0a\x01\x00", "application/ocsp-response")


def test_a_scenario_with_a_responder_puts_its_url_in_the_leaf(
    served: Served, shipped: dict[str, Scenario]
) -> None:
    with served(shipped["ocsp-invalid-signing-cert"]) as target:
        assert target.responder is not None
        leaf = target.materials.certificates["leaf"]
        access = leaf.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
        assert [d.access_location.value for d in access] == [target.responder.url]
