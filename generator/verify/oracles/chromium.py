"""The Chromium oracle: the `net::ERR_…` of a navigation, roots trusted through NSS in HOME."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from generator.errors import VerifyError
from generator.verify.browser_settings import chromium_arg_problem
from generator.verify.chromium_launch import chromium_binary, launch_chromium, playwright_missing
from generator.verify.nssdb import certutil, create_nss_db
from generator.verify.oracles.base import OK, Observation, program_version
from generator.verify.serve import Target
from generator.verify.spec import Scenario

_NET_ERROR = re.compile(r"net::(ERR_[A-Z0-9_]+)")


class ChromiumOracle:
    """Debian's `chromium` through Playwright; codes are written `NET::ERR_…` as pages do."""

    name = "chromium"
    label = "Chromium"

    def __init__(self, binary: Path | None = None):
        self.binary = binary or chromium_binary()

    def unavailable(self) -> str | None:
        if self.binary is None or not self.binary.is_file():
            where = f"at {self.binary}" if self.binary else "on PATH or at /usr/bin/chromium"
            return f"chromium not found {where}; install it with make system-deps"
        if certutil() is None:
            return "certutil not found; install libnss3-tools (make system-deps)"
        return playwright_missing()

    def version(self) -> str | None:
        return program_version(self.binary) if self.binary else None

    def unchecked(self, scenario: Scenario) -> str | None:
        return None

    def observe(self, target: Target) -> Observation:
        from playwright.sync_api import Error

        assert self.binary is not None
        for arg in target.scenario.chromium_args:
            if problem := chromium_arg_problem(arg):
                raise VerifyError(problem, target.scenario.path)
        rules = f"--host-resolver-rules=MAP {target.host} 127.0.0.1"
        with tempfile.TemporaryDirectory(prefix="certwarn-chromium-") as home:
            create_nss_db(
                Path(home) / ".pki" / "nssdb", target.materials.trusted, target.materials.distrusted
            )
            with launch_chromium(
                self.binary, Path(home), (rules, *target.scenario.chromium_args), unprivileged=True
            ) as browser:
                page = browser.new_page()
                if target.hsts_url is not None:
                    page.goto(target.hsts_url, wait_until="domcontentloaded")
                try:
                    page.goto(target.url, wait_until="domcontentloaded")
                except Error as e:
                    match = _NET_ERROR.search(e.message)
                    first_line = e.message.splitlines()[0] if e.message else repr(e)
                    return Observation(f"NET::{match.group(1)}" if match else None, first_line)
        return Observation(OK, f"loads the site: {target.url}")
