"""Real Firefox ESR and Chromium against one scenario per field and server kind the scenario
language gained: each must show exactly what the scenario's `expect` says. One run, three
scenarios at a time, to keep the browser time small; `certwarn verify --all` runs them all."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.verify.expect import scenario_claim
from generator.verify.oracles.base import Oracle
from generator.verify.oracles.chromium import ChromiumOracle
from generator.verify.oracles.firefox import FirefoxOracle
from generator.verify.report import Report
from generator.verify.run import Plan, run_verification
from generator.verify.spec import Scenario

pytestmark = pytest.mark.browser

ONE_PER_FEATURE = (
    "v1-issuer",  # version = 1
    "sha1-signature",  # hash = "sha1", tests_disabled_algorithm
    "md5-signature",  # hash = "md5"
    "weak-rsa-key",  # key_size under 1024
    "bad-signature",  # corrupt_signature
    "signature-algorithm-mismatch",  # outer_hash
    "empty-issuer-name",  # subject = ""
    "validity-before-1970",  # not_before as a date
    "distrusted-certificate",  # distrusted (leaf)
    "distrusted-issuer",  # distrusted (issuer)
    "ocsp-old-response",  # an expired response, fetched
    "tls-version-too-old",  # min_version/max_version 1.0-1.1
    "no-cipher-overlap",  # ciphers
    "client-certificate-required",  # client_certificate
    "plain-http-on-tls-port",  # server kind plain-http
    "server-hello-tls10",  # server kind tls1.0-server-hello
    "alert-bad-certificate",  # server kind alert
    "corrupted-tls-record",  # server kind corrupt-record
    "bad-der",  # server kind bad-der
    "hsts-unknown-issuer",  # hsts
)


@pytest.fixture(scope="module")
def report(shipped: dict[str, Scenario], tmp_path_factory: pytest.TempPathFactory) -> Report:
    oracles: list[Oracle] = [FirefoxOracle(), ChromiumOracle()]
    for oracle in oracles:
        reason = oracle.unavailable()
        if reason is not None:
            pytest.skip(reason)
    scenarios = {sid: shipped[sid] for sid in ONE_PER_FEATURE}
    plan = Plan(tuple(scenario_claim(s) for s in scenarios.values()), scenarios)
    return run_verification(plan, oracles, Path(tmp_path_factory.mktemp("all")), workers=3)


def test_every_scenario_shows_its_expected_code_in_both_browsers(report: Report) -> None:
    wrong = [
        f"{r.scenario}: {r.client} showed {r.observed} ({r.detail}); expected {r.expected}"
        for r in report.results
        if r.status != "pass"
    ]
    assert wrong == []
    assert len(report.results) == 2 * len(ONE_PER_FEATURE)


def test_firefox_asks_the_responder_of_the_old_ocsp_response(report: Report) -> None:
    [firefox] = [r for r in report.for_scenario("ocsp-old-response") if r.oracle == "firefox"]
    [chromium] = [r for r in report.for_scenario("ocsp-old-response") if r.oracle == "chromium"]
    assert "; asked the OCSP responder " in firefox.detail
    assert chromium.detail.endswith("; did not ask the OCSP responder")


def test_firefox_shows_the_hsts_page_without_an_exception(report: Report) -> None:
    [firefox] = [r for r in report.for_scenario("hsts-unknown-issuer") if r.oracle == "firefox"]
    assert "&s=badStsCert" in firefox.detail
    assert firefox.detail.endswith("an HSTS host: no exception is offered")
