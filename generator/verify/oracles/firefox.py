"""The Firefox ESR oracle: a fresh profile per scenario, the error code from the error page."""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path

from generator.verify.nssdb import certutil, create_nss_db
from generator.verify.oracles.base import OK, Observation, find_program, program_version
from generator.verify.serve import Target
from generator.verify.spec import Scenario

FIREFOX_BINARY = "/usr/bin/firefox-esr"
HSTS_PAGE = "&s=badStsCert"
"""What Firefox adds to the error page's address for an HSTS host: the page then offers no
"Accept the Risk and Continue"."""


class FirefoxOracle:
    """Debian's `firefox-esr`, headless over Marionette, trusting the scenario's roots."""

    name = "firefox"
    label = "Firefox ESR"

    def __init__(self, binary: Path | None = None):
        self.binary = binary or find_program("firefox-esr", FIREFOX_BINARY)

    def unavailable(self) -> str | None:
        if self.binary is None or not self.binary.is_file():
            where = f"at {self.binary}" if self.binary else f"on PATH or at {FIREFOX_BINARY}"
            return f"firefox-esr not found {where}; install it with make system-deps"
        if certutil() is None:
            return "certutil not found; install libnss3-tools (make system-deps)"
        if importlib.util.find_spec("marionette_driver") is None:
            return "the marionette-driver package is missing; pip install -e '.[verify]'"
        return None

    def version(self) -> str | None:
        return program_version(self.binary) if self.binary else None

    def unchecked(self, scenario: Scenario) -> str | None:
        return None

    def observe(self, target: Target) -> Observation:
        from generator.verify.firefox_prefs import scenario_prefs
        from generator.verify.firefox_session import launch_firefox

        assert self.binary is not None
        with tempfile.TemporaryDirectory(prefix="certwarn-firefox-") as tmp:
            profile = Path(tmp)
            create_nss_db(profile, target.materials.trusted, target.materials.distrusted)
            with launch_firefox(self.binary, profile, scenario_prefs(target.scenario)) as session:
                if target.hsts_url is not None:
                    first_uri, first_code = session.visit(target.hsts_url)
                    if first_code is not None:
                        detail = f"the HSTS server was refused: {first_code} ({first_uri})"
                        return Observation(None, detail)
                uri, code = session.visit(target.url)
        if code is None and uri.startswith("about:"):
            return Observation(None, f"an error page without a readable code: {uri}")
        if target.hsts_url is not None and code is not None:
            if HSTS_PAGE not in uri:
                return Observation(None, f"{code} without the HSTS page (no {HSTS_PAGE}): {uri}")
            return Observation(code, f"{uri}; an HSTS host: no exception is offered")
        return Observation(code or OK, uri)
