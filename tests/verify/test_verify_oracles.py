"""The library oracles against a valid chain and failing ones; missing browsers are reported."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from generator.verify.expect import control_claim
from generator.verify.oracles.base import OK, Oracle
from generator.verify.oracles.chromium import ChromiumOracle
from generator.verify.oracles.firefox import FirefoxOracle
from generator.verify.oracles.openssl import OpenSslOracle
from generator.verify.oracles.x509 import X509Oracle
from generator.verify.run import Plan, run_verification
from generator.verify.serve import Target
from generator.verify.spec import Scenario
from generator.verify.spec_load import parse_scenario

Served = Callable[[Scenario], AbstractContextManager[Target]]

IP_HOST = """\
description = "an IP address as the host"
host = "127.0.0.1"
chain = ["leaf"]
trusted = ["root"]

[[certificate]]
name = "root"
subject = "CN=Root"

[[certificate]]
name = "leaf"
subject = "CN=ip"
issuer = "root"
san = ["IP:{ip}"]
"""


@pytest.mark.parametrize(
    ("scenario", "expected"),
    [
        ("valid", OK),
        ("expired-certificate", "X509_V_ERR_CERT_HAS_EXPIRED"),
        ("unknown-issuer", "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY"),
        ("bad-cert-domain", "X509_V_ERR_HOSTNAME_MISMATCH"),
    ],
)
def test_openssl_names_the_verify_error(
    served: Served, shipped: dict[str, Scenario], scenario: str, expected: str
) -> None:
    with served(shipped[scenario]) as target:
        assert OpenSslOracle().observe(target).observed == expected


@pytest.mark.parametrize(
    ("ip", "expected"), [("127.0.0.1", OK), ("192.0.2.7", "X509_V_ERR_IP_ADDRESS_MISMATCH")]
)
def test_openssl_matches_ip_addresses(served: Served, ip: str, expected: str) -> None:
    with served(parse_scenario("ip", "ip.toml", IP_HOST.format(ip=ip))) as target:
        assert OpenSslOracle().observe(target).observed == expected


@pytest.mark.parametrize(
    ("scenario", "expected"),
    [
        ("valid", OK),
        ("expired-certificate", "cert is not valid at validation time"),
        ("bad-cert-domain", "leaf certificate has no matching subjectAltName"),
        (
            "unknown-issuer",
            "candidates exhausted: all candidates exhausted with no interior errors",
        ),
    ],
)
def test_the_x509_verifier_reports_its_message(
    served: Served, shipped: dict[str, Scenario], scenario: str, expected: str
) -> None:
    with served(shipped[scenario]) as target:
        observation = X509Oracle().observe(target)
    assert observation.observed == expected


def test_the_library_oracles_are_always_available() -> None:
    assert OpenSslOracle().unavailable() is None and X509Oracle().unavailable() is None
    assert OpenSslOracle().version() and X509Oracle().version()


@pytest.mark.parametrize(
    ("oracle", "program"), [(FirefoxOracle, "firefox-esr"), (ChromiumOracle, "chromium")]
)
def test_a_missing_browser_is_reported_not_run(
    oracle: type[FirefoxOracle | ChromiumOracle], program: str, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-browser"
    message = f"{program} not found at {missing}; install it with make system-deps"
    assert oracle(missing).unavailable() == message


def test_a_run_marks_a_missing_browser_unavailable(
    shipped: dict[str, Scenario], tmp_path: Path
) -> None:
    plan = Plan((control_claim(),), {"valid": shipped["valid"]})
    oracles: list[Oracle] = [OpenSslOracle(), FirefoxOracle(tmp_path / "no-firefox")]
    report = run_verification(plan, oracles, tmp_path / "out")
    by_oracle = {r.oracle: r for r in report.results}
    assert (by_oracle["openssl"].status, by_oracle["openssl"].observed) == ("pass", OK)
    assert (by_oracle["firefox"].status, by_oracle["firefox"].observed) == ("unavailable", None)
    assert "firefox-esr not found" in by_oracle["firefox"].detail
    assert report.failures == []
