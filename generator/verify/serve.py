"""One scenario served on 127.0.0.1: responder first (its URL goes into AIA), then TLS."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.verify.materials import Materials, generate
from generator.verify.ocsp_responder import OcspResponder
from generator.verify.spec import Scenario
from generator.verify.tls_server import TlsServer


@dataclass(frozen=True, slots=True)
class Target:
    """A running scenario as the oracles see it."""

    materials: Materials
    port: int
    responder: OcspResponder | None
    """The local OCSP responder, when the scenario has one."""

    @property
    def scenario(self) -> Scenario:
        return self.materials.scenario

    @property
    def host(self) -> str:
        return self.scenario.host

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"https://{host}:{self.port}/"


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
        stapled = scenario.ocsp is not None and scenario.ocsp.stapled
        staple = materials.ocsp_response if stapled else None
        server = stack.enter_context(
            TlsServer(materials.chain_pem, materials.key_pem, scenario.tls, staple)
        )
        yield Target(materials, server.port, responder)
