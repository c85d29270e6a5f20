"""What every oracle is: a name, whether it can run here, and what it saw for a target."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Protocol

from generator.verify.serve import Target
from generator.verify.spec import Scenario

OK = "OK"
"""The observed value when the client accepted the connection without an error (it loads
the site)."""
NOT_CHECKED = "not checked"
"""The observed value when the oracle does not check what the scenario is about (Python's
`ssl` and OCSP, for example); such a row claims no code."""


@dataclass(frozen=True, slots=True)
class Observation:
    """One oracle's answer for one scenario."""

    observed: str | None
    """The error code the client reported, `OK`, or None when nothing could be observed."""
    detail: str = ""
    """How it was read or why it could not be (error page URI, message, exception)."""
    ocsp_requests: int | None = None
    """How many requests the scenario's OCSP responder received from this client; None
    when the scenario runs no responder."""


class Oracle(Protocol):
    """A client that is asked what it sees when it connects to a served scenario."""

    name: str
    """Short id used on the command line and in the report: openssl, x509, firefox, chromium."""
    label: str
    """Human name, e.g. `Firefox ESR`."""

    def unavailable(self) -> str | None:
        """Why the oracle cannot run here (a missing program), or None when it can."""
        ...

    def version(self) -> str | None:
        """The client's version, once available."""
        ...

    def unchecked(self, scenario: Scenario) -> str | None:
        """Why this client does not check what the scenario is about, or None when it does."""
        ...

    def observe(self, target: Target) -> Observation:
        """Connect to the target and report the code the client gives."""
        ...


def find_program(name: str, fallback: str | None = None) -> Path | None:
    """A program on PATH, else at a usual absolute location; None when neither exists."""
    found = shutil.which(name)
    if found:
        return Path(found)
    if fallback and Path(fallback).is_file():
        return Path(fallback)
    return None


@cache
def program_version(binary: Path) -> str | None:
    """The version a browser prints for `--version`, e.g. `153.8.0esr` or `156.0.8078.108`."""
    try:
        result = subprocess.run(
            [str(binary), "--version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    match = re.search(r"\b(\d+\.\d+(?:\.\d+)*\S*)", result.stdout)
    return match.group(1) if match else None
