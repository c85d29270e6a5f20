"""Real Firefox ESR and Chromium against every seed scenario and the valid control."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from contextlib import AbstractContextManager

import pytest

from generator.verify.oracles.base import OK, Oracle
from generator.verify.oracles.chromium import ChromiumOracle
from generator.verify.oracles.firefox import FirefoxOracle
from generator.verify.serve import Target
from generator.verify.spec import Scenario

pytestmark = pytest.mark.browser

Served = Callable[[Scenario], AbstractContextManager[Target]]
Require = Callable[[Oracle], None]

CHROMIUM_SHOWS = {
    "unknown-issuer": "NET::ERR_CERT_AUTHORITY_INVALID",
    "bad-cert-domain": "NET::ERR_CERT_COMMON_NAME_INVALID",
    "expired-certificate": "NET::ERR_CERT_DATE_INVALID",
    # Chromium has no canary-issuer check: it sees an unknown issuer.
    "mitm-detected": "NET::ERR_CERT_AUTHORITY_INVALID",
    # Chromium does not act on these OCSP responses, stapled or fetched.
    "ocsp-future-response": OK,
    "ocsp-invalid-signing-cert": OK,
}


def test_firefox_shows_each_seed_code(
    served: Served, shipped: dict[str, Scenario], seed: tuple[str, str], require: Require
) -> None:
    oracle = FirefoxOracle()
    require(oracle)
    scenario_id, code = seed
    with served(shipped[scenario_id]) as target:
        observation = oracle.observe(target)
    assert observation.observed == code, observation.detail


def test_firefox_fetches_ocsp_before_reporting_the_invalid_signer(
    served: Served, shipped: dict[str, Scenario], require: Require
) -> None:
    oracle = FirefoxOracle()
    require(oracle)
    with served(shipped["ocsp-invalid-signing-cert"]) as target:
        oracle.observe(target)
        assert target.responder is not None
        assert target.responder.requests >= 1


def test_firefox_accepts_the_valid_chain(
    served: Served, shipped: dict[str, Scenario], require: Require
) -> None:
    oracle = FirefoxOracle()
    require(oracle)
    with served(shipped["valid"]) as target:
        observation = oracle.observe(target)
    assert (observation.observed, observation.detail) == (OK, target.url)


def test_chromium_shows_its_code_for_each_seed(
    served: Served, shipped: dict[str, Scenario], seed: tuple[str, str], require: Require
) -> None:
    oracle = ChromiumOracle()
    require(oracle)
    scenario_id, _ = seed
    with served(shipped[scenario_id]) as target:
        observation = oracle.observe(target)
    assert observation.observed == CHROMIUM_SHOWS[scenario_id], observation.detail


def test_chromium_accepts_the_valid_chain(
    served: Served, shipped: dict[str, Scenario], require: Require
) -> None:
    oracle = ChromiumOracle()
    require(oracle)
    with served(shipped["valid"]) as target:
        assert oracle.observe(target).observed == OK


def test_browser_versions_are_known(require: Require) -> None:
    for oracle in (FirefoxOracle(), ChromiumOracle()):
        require(oracle)
        version = oracle.version()
        assert version is not None and version[0].isdigit()


def _short_lived(scenario: Scenario) -> Scenario:
    certs = tuple(
        dataclasses.replace(c, not_before_days=-1, not_after_days=4) if c.name == "leaf" else c
        for c in scenario.certificates
    )
    return dataclasses.replace(scenario, certificates=certs)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda s: dataclasses.replace(s, firefox_prefs=()), id="fetching-off"),
        pytest.param(_short_lived, id="short-lived-leaf"),
    ],
)
def test_firefox_soft_fails_the_invalid_signer_without_its_conditions(
    served: Served,
    shipped: dict[str, Scenario],
    change: Callable[[Scenario], Scenario],
    require: Require,
) -> None:
    # Why the scenario enables OCSP fetching and uses a 91-day leaf: without either,
    # Firefox ignores a stapled response with this error and accepts the connection.
    oracle = FirefoxOracle()
    require(oracle)
    with served(change(shipped["ocsp-invalid-signing-cert"])) as target:
        assert oracle.observe(target).observed == OK
        assert target.responder is not None and target.responder.requests == 0
