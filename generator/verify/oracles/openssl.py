"""The OpenSSL oracle: Python's `ssl` client, trusting only the scenario's roots."""

from __future__ import annotations

import socket
import ssl

from generator.verify.oracles.base import OK, Observation
from generator.verify.oracles.openssl_codes import verify_code_name
from generator.verify.serve import Target
from generator.verify.spec import Scenario

_TIMEOUT = 10.0


class OpenSslOracle:
    """Reports OpenSSL's `X509_V_ERR_…` verify result; it does not check OCSP."""

    name = "openssl"
    label = "OpenSSL"

    def unavailable(self) -> str | None:
        return None

    def version(self) -> str | None:
        return ssl.OPENSSL_VERSION.split()[1]

    def unchecked(self, scenario: Scenario) -> str | None:
        if scenario.server.kind == "bad-der":
            return (
                "not checked: Python's ssl offers no RSA key exchange, the only kind the "
                "hand-built bad-der server speaks"
            )
        return library_unchecked(scenario, "Python's ssl")

    def observe(self, target: Target) -> Observation:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        trusted = target.materials.ca_pem.read_text(encoding="ascii")
        if trusted:
            context.load_verify_locations(cadata=trusted)
        try:
            with (
                socket.create_connection(("127.0.0.1", target.port), timeout=_TIMEOUT) as raw,
                context.wrap_socket(raw, server_hostname=target.host),
            ):
                return Observation(
                    OK,
                    "handshake and chain verification succeeded; Python's ssl does not check OCSP",
                )
        except ssl.SSLCertVerificationError as e:
            return Observation(verify_code_name(e.verify_code), str(e.verify_message))
        except ssl.SSLError as e:
            observed = f"SSL_R_{e.reason}" if e.reason else None
            return Observation(observed, f"the handshake failed before verification: {e}")
        except OSError as e:
            return Observation(None, f"connection failed before verification: {e}")


def library_unchecked(scenario: Scenario, library: str) -> str | None:
    """What a TLS library's chain check does not look at: OCSP (stapled, fetched or
    demanded by must-staple), the browsers' NSS distrust flags, and HSTS. A scenario every
    client should accept is checked all the same: the chain itself must hold."""
    if scenario.expected("firefox") == OK:
        return None
    if scenario.ocsp is not None or any(c.must_staple for c in scenario.certificates):
        return f"not checked: {library} does not check OCSP"
    if scenario.distrusted:
        return f"not checked: {library} does not read the browsers' certificate database"
    if scenario.hsts is not None:
        return f"not checked: {library} does not keep HSTS"
    return None
