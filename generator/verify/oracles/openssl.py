"""The OpenSSL oracle: Python's `ssl` client, trusting only the scenario's roots."""

from __future__ import annotations

import socket
import ssl

from generator.verify.oracles.base import OK, Observation
from generator.verify.oracles.openssl_codes import verify_code_name
from generator.verify.serve import Target

_TIMEOUT = 10.0


class OpenSslOracle:
    """Reports OpenSSL's `X509_V_ERR_…` verify result; it does not check OCSP."""

    name = "openssl"
    label = "OpenSSL"

    def unavailable(self) -> str | None:
        return None

    def version(self) -> str | None:
        return ssl.OPENSSL_VERSION.split()[1]

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
        except (ssl.SSLError, OSError) as e:
            return Observation(None, f"connection failed before verification: {e}")
