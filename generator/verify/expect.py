"""What a code page claims each client shows for its scenario, and how an answer is judged."""

from __future__ import annotations

from dataclasses import dataclass

from generator.verify.oracles.base import NOT_CHECKED, OK, Observation
from generator.verify.spec import Scenario

GATING_ORACLES = ("firefox", "chromium")
"""Clients whose disagreement with a page fails the run; the libraries only inform."""
CONTROL_SCENARIO = "valid"
"""A correct chain every client must accept; it proves the set-up itself works."""


@dataclass(frozen=True, slots=True)
class Claim:
    """One code page's claim about one scenario, per client."""

    code: str | None
    """The page's code; None for the control scenario."""
    page: str | None
    """Project-relative path of the page making the claim."""
    scenario: str
    expected: tuple[tuple[str, tuple[str, ...]], ...]
    """(oracle, acceptable codes) pairs; an oracle left out, or with none, is not judged."""

    def expected_for(self, oracle: str) -> tuple[str, ...]:
        return dict(self.expected).get(oracle, ())


def page_claim(
    code: str, page: str, scenario: str, chromium: tuple[str, ...], openssl: tuple[str, ...]
) -> Claim:
    """Firefox must show the page's own code; the others one of the page's equivalents."""
    expected = (("firefox", (code,)), ("chromium", chromium), ("openssl", openssl))
    return Claim(code, page, scenario, expected)


def scenario_claim(scenario: Scenario) -> Claim:
    """A scenario no page names yet claims what its own `expect` says; its code is Firefox's."""
    expected = tuple((oracle, (code,)) for oracle, code in scenario.expect)
    firefox = scenario.expected("firefox")
    return Claim(None if firefox == OK else firefox, None, scenario.id, expected)


def describe(observed: str | None) -> str:
    """An observation as a reader sees it: `OK` is "loads the site"."""
    if observed is None:
        return "nothing readable"
    return "loads the site" if observed == OK else observed


def control_claim() -> Claim:
    oracles = ("openssl", "x509", *GATING_ORACLES)
    return Claim(None, None, CONTROL_SCENARIO, tuple((name, (OK,)) for name in oracles))


def judge(claim: Claim, oracle: str, observation: Observation | None) -> str:
    """A report status; None as the observation means the oracle is unavailable here."""
    gating = oracle in GATING_ORACLES
    expected = claim.expected_for(oracle)
    if observation is None:
        return "unavailable"
    if observation.observed == NOT_CHECKED:
        return "recorded"
    if observation.observed is None:
        return "error" if gating else "differs"
    if not expected:
        return "recorded"
    if observation.observed in expected:
        return "pass"
    return "fail" if gating else "differs"
