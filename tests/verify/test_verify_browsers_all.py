"""Real Firefox ESR and Chromium against one scenario per field and server kind the scenario
language gained: each must show exactly what the scenario's `expect` says. Their results are
read from the session's one run of every approved record (drift_batch), so CI starts the
browsers for each scenario once; `certwarn verify --all` runs them all."""

from __future__ import annotations

import pytest
from drift_batch import RECORDS

from generator.verify.observed import FirefoxPage
from generator.verify.report import Report, Result
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


BROWSERS = ("firefox", "chromium")


@pytest.fixture(scope="module")
def report(drift_observed: tuple[list[Result], list[FirefoxPage]]) -> Report:
    """These scenarios' results in the session's run of every approved record (drift_batch):
    each is run in the browsers once."""
    results, _ = drift_observed
    mine = tuple(r for r in results if r.scenario in ONE_PER_FEATURE and r.oracle in BROWSERS)
    return Report("", (), mine)


def test_every_feature_s_scenario_has_an_approved_record_run_in_ci() -> None:
    assert set(ONE_PER_FEATURE) <= {record.scenario for record in RECORDS}


def test_every_scenario_shows_its_expected_code_in_both_browsers(
    report: Report, shipped: dict[str, Scenario]
) -> None:
    seen = {(r.scenario, r.oracle) for r in report.results}
    assert seen == {(s, oracle) for s in ONE_PER_FEATURE for oracle in BROWSERS}
    wrong = [
        f"{r.scenario}: {r.client} showed {r.observed} ({r.detail}); "
        f"its scenario expects {shipped[r.scenario].expected(r.oracle)}"
        for r in report.results
        if r.observed != shipped[r.scenario].expected(r.oracle)
    ]
    assert wrong == []


def test_firefox_asks_the_responder_of_the_old_ocsp_response(report: Report) -> None:
    [firefox] = [r for r in report.for_scenario("ocsp-old-response") if r.oracle == "firefox"]
    [chromium] = [r for r in report.for_scenario("ocsp-old-response") if r.oracle == "chromium"]
    assert "; asked the OCSP responder " in firefox.detail
    assert chromium.detail.endswith("; did not ask the OCSP responder")


def test_firefox_shows_the_hsts_page_without_an_exception(report: Report) -> None:
    [firefox] = [r for r in report.for_scenario("hsts-unknown-issuer") if r.oracle == "firefox"]
    assert "&s=badStsCert" in firefox.detail
    assert firefox.detail.endswith("an HSTS host: no exception is offered")
