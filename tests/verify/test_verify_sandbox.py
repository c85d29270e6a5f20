"""Browsers that visit scenario servers run with their own sandbox: Chromium as `nobody` when
certwarn runs as root, Firefox with its content sandbox. Checked in the running browsers."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.verify.chromium_launch import drops_privileges, launch_chromium, sandbox_args
from generator.verify.oracles.base import Oracle
from generator.verify.oracles.chromium import ChromiumOracle
from generator.verify.oracles.firefox import FirefoxOracle

pytestmark = pytest.mark.browser

Require = Callable[[Oracle], None]


def test_chromium_reports_itself_sandboxed(require: Require) -> None:
    oracle = ChromiumOracle()
    require(oracle)
    if os.geteuid() == 0 and not drops_privileges():
        pytest.skip("root without setpriv or unprivileged user namespaces: --no-sandbox")
    assert sandbox_args(unprivileged=True) == ()
    assert oracle.binary is not None
    with launch_chromium(oracle.binary, unprivileged=True) as browser:
        page = browser.new_page()
        page.goto("chrome://sandbox")
        status = page.inner_text("body")
    assert "You are adequately sandboxed." in status


def test_firefox_runs_its_content_sandbox(require: Require, tmp_path: Path) -> None:
    oracle = FirefoxOracle()
    require(oracle)
    from generator.verify.firefox_prefs import QUIET_PREFS
    from generator.verify.firefox_session import launch_firefox

    assert oracle.binary is not None
    with (
        launch_firefox(oracle.binary, tmp_path, dict(QUIET_PREFS)) as session,
        session.client.using_context("chrome"),
    ):
        level = session.client.execute_script(
            "return Cc['@mozilla.org/sandbox/sandbox-settings;1']"
            ".getService(Ci.mozISandboxSettings).effectiveContentSandboxLevel;"
        )
    assert level >= 4
