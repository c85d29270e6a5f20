"""What a code page claims each client shows for its scenario, and how an answer is judged."""

from __future__ import annotations

from dataclasses import dataclass

from generator.verify.oracles.base import OK, Observation

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


def control_claim() -> Claim:
    oracles = ("openssl", "x509", *GATING_ORACLES)
    return Claim(None, None, CONTROL_SCENARIO, tuple((name, (OK,)) for name in oracles))


def judge(claim: Claim, oracle: str, observation: Observation | None) -> str:
    """A report status; None as the observation means the oracle is unavailable here."""
    gating = oracle in GATING_ORACLES
    expected = claim.expected_for(oracle)
    if observation is None:
        return "unavailable"
    if observation.observed is None:
        return "error" if gating else "differs"
    if not expected:
        return "recorded"
    if observation.observed in expected:
        return "pass"
    return "fail" if gating else "differs"
