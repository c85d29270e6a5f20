"""A browser test needs its client: skipped where it is missing, failed in CI (where
`make system-deps` installs it), so a broken install cannot pass unnoticed."""

from __future__ import annotations

import os

import pytest

from generator.verify.oracles.base import Oracle


def require_client(oracle: Oracle) -> None:
    reason = oracle.unavailable()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{oracle.label} should be installed in CI: {reason}")
    pytest.skip(reason)
