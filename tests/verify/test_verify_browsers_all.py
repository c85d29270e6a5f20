"""Real Firefox ESR and Chromium against every scenario the seed browser tests do not cover:
each must show exactly what the scenario's `expect` says. One run, scenarios in parallel."""

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

COVERED = {
    "valid",
    "unknown-issuer",
    "bad-cert-domain",
    "expired-certificate",
    "ocsp-invalid-signing-cert",
    "ocsp-future-response",
    "mitm-detected",
}
"""The control and the seed scenarios, which test_verify_browsers.py runs in both browsers."""


@pytest.fixture(scope="module")
def report(shipped: dict[str, Scenario], tmp_path_factory: pytest.TempPathFactory) -> Report:
    oracles: list[Oracle] = [FirefoxOracle(), ChromiumOracle()]
    for oracle in oracles:
        reason = oracle.unavailable()
        if reason is not None:
            pytest.skip(reason)
    scenarios = {sid: s for sid, s in shipped.items() if sid not in COVERED}
    plan = Plan(tuple(scenario_claim(s) for s in scenarios.values()), scenarios)
    return run_verification(plan, oracles, Path(tmp_path_factory.mktemp("all")), workers=3)


def test_every_scenario_shows_its_expected_code_in_both_browsers(report: Report) -> None:
    wrong = [
        f"{r.scenario}: {r.client} showed {r.observed} ({r.detail}); expected {r.expected}"
        for r in report.results
        if r.status != "pass"
    ]
    assert wrong == []
    assert len(report.results) == 2 * len({r.scenario for r in report.results})


def test_firefox_asks_the_responder_of_the_old_ocsp_response(report: Report) -> None:
    [firefox] = [r for r in report.for_scenario("ocsp-old-response") if r.oracle == "firefox"]
    [chromium] = [r for r in report.for_scenario("ocsp-old-response") if r.oracle == "chromium"]
    assert "; asked the OCSP responder " in firefox.detail
    assert chromium.detail.endswith("; did not ask the OCSP responder")


def test_firefox_shows_the_hsts_page_without_an_exception(report: Report) -> None:
    [firefox] = [r for r in report.for_scenario("hsts-unknown-issuer") if r.oracle == "firefox"]
    assert "&s=badStsCert" in firefox.detail
    assert firefox.detail.endswith("an HSTS host: no exception is offered")
