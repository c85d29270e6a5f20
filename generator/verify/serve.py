"""One scenario served on 127.0.0.1: responder first (its URL goes into AIA), then the server
on the scenario's port, and for an HSTS scenario a correct server that sets HSTS."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding

from generator.errors import VerifyError
from generator.verify import raw_servers
from generator.verify.bad_der import damage
from generator.verify.bad_der_server import bad_der_certificate
from generator.verify.listener import Listener
from generator.verify.materials import Materials, generate
from generator.verify.ocsp_responder import OcspResponder
from generator.verify.spec import Scenario, TlsSpec
from generator.verify.tls_server import TlsServer


@dataclass(frozen=True, slots=True)
class Target:
    """A running scenario as the oracles see it."""

    materials: Materials
    port: int
    responder: OcspResponder | None
    """The local OCSP responder, when the scenario has one."""
    hsts_port: int | None = None
    """A server for the same host with a trusted certificate that sets HSTS; visited first."""

    @property
    def scenario(self) -> Scenario:
        return self.materials.scenario

    @property
    def host(self) -> str:
        return self.scenario.host

    @property
    def url(self) -> str:
        return self._url(self.port)

    @property
    def hsts_url(self) -> str | None:
        return self._url(self.hsts_port) if self.hsts_port is not None else None

    def _url(self, port: int) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"https://{host}:{port}/"


@contextmanager
def serve(scenario: Scenario, directory: Path, now: dt.datetime | None = None) -> Iterator[Target]:
    """Generate the scenario's files into `directory` and serve them; stop everything on exit."""
    with ExitStack() as stack:
        responder = None
        if scenario.ocsp is not None and scenario.needs_responder:
            responder = stack.enter_context(OcspResponder(scenario.ocsp.responder))
        when = now or dt.datetime.now(dt.UTC)
        materials = generate(scenario, directory, when, responder.url if responder else None)
        if responder is not None:
            responder.response = materials.ocsp_response
        server = stack.enter_context(_server(materials))
        if scenario.server.kind == "corrupt-record":
            proxy = raw_servers.corrupting_proxy(server.port)
            server = stack.enter_context(Listener(proxy, "certwarn-corrupt"))
        hsts_port = None
        if scenario.hsts is not None:
            key = materials.key_of(scenario.hsts)
            first = TlsServer(materials.hsts_chain_pem, key, TlsSpec(), None, hsts=True)
            hsts_port = stack.enter_context(first).port
        yield Target(materials, server.port, responder, hsts_port)


def _server(materials: Materials) -> Listener:
    scenario = materials.scenario
    kind = scenario.server.kind
    if kind == "plain-http":
        return Listener(raw_servers.plain_http(), "certwarn-http")
    if kind == "alert":
        assert scenario.server.alert is not None
        return Listener(raw_servers.alert(scenario.server.alert), "certwarn-alert")
    if kind == "tls1.0-server-hello":
        return Listener(raw_servers.tls10_server_hello(), "certwarn-hello")
    if kind == "bad-der":
        return Listener(bad_der_certificate(served_der(materials)), "certwarn-bad-der")
    stapled = scenario.ocsp is not None and scenario.ocsp.stapled
    leaf_key = materials.keys[scenario.chain[0]]
    return TlsServer(
        materials.chain_pem,
        materials.key_pem,
        scenario.tls,
        materials.ocsp_response if stapled else None,
        client_cas=materials.ca_pem if scenario.tls.client_certificate else None,
        lenient=isinstance(leaf_key, rsa.RSAPrivateKey) and leaf_key.key_size < 2048,
    )


def served_der(materials: Materials) -> list[bytes]:
    """The chain a `bad-der` server sends: the leaf damaged as the scenario says, the rest
    as generated."""
    leaf, *rest = (cert.public_bytes(Encoding.DER) for cert in materials.chain)
    scenario = materials.scenario
    assert scenario.server.damage is not None
    how, issuer_key = scenario.server.damage, materials.keys[scenario.leaf.issuer]
    try:
        return [damage(leaf, how, issuer_key, scenario.leaf.hash), *rest]
    except ValueError as e:
        raise VerifyError(f"the leaf cannot be damaged as {how!r}: {e}", scenario.path) from e
