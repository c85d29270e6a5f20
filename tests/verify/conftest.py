"""Fixtures for verification: the shipped scenarios, generation from inline specs, servers."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from required_clients import require_client

from generator.verify.materials import Materials, generate
from generator.verify.observed import FirefoxPage
from generator.verify.oracles.base import Oracle
from generator.verify.oracles.chromium import ChromiumOracle
from generator.verify.oracles.firefox import FirefoxOracle
from generator.verify.report import Result
from generator.verify.serve import Target, serve
from generator.verify.spec import Scenario
from generator.verify.spec_load import load_scenario, parse_scenario, scenario_ids

REPO = Path(__file__).resolve().parents[2]
SEED_SCENARIOS = {
    "unknown-issuer": "SEC_ERROR_UNKNOWN_ISSUER",
    "bad-cert-domain": "SSL_ERROR_BAD_CERT_DOMAIN",
    "expired-certificate": "SEC_ERROR_EXPIRED_CERTIFICATE",
    "ocsp-invalid-signing-cert": "SEC_ERROR_OCSP_INVALID_SIGNING_CERT",
    "ocsp-future-response": "SEC_ERROR_OCSP_FUTURE_RESPONSE",
    "mitm-detected": "MOZILLA_PKIX_ERROR_MITM_DETECTED",
}
"""Each seed scenario and the Firefox code its code page documents."""

DRIFT = pytest.StashKey[tuple[subprocess.Popen[bytes], Path]]()
"""The running drift batch and its folder, once collection has started it."""

NOW = dt.datetime(2030, 6, 15, 12, 0, tzinfo=dt.UTC)
"""A fixed generation time, so windows can be compared exactly."""

ROOT_AND_LEAF = """\
description = "test"
host = "leaf.test"
chain = ["leaf"]
trusted = ["root"]

[[certificate]]
name = "root"
subject = "CN=Test Root"

[[certificate]]
name = "leaf"
subject = "CN=leaf.test"
issuer = "root"
san = ["DNS:leaf.test"]
"""
"""The smallest useful spec; tests append keys to the leaf or add tables."""


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test taking `seed` runs once per seed scenario, as (scenario id, Firefox code)."""
    if "seed" in metafunc.fixturenames:
        metafunc.parametrize("seed", list(SEED_SCENARIOS.items()), ids=list(SEED_SCENARIOS))


@pytest.fixture
def root_and_leaf() -> str:
    return ROOT_AND_LEAF


@pytest.fixture
def now() -> dt.datetime:
    return NOW


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shipped() -> dict[str, Scenario]:
    """Every scenario in content/scenarios of the repository."""
    return {sid: load_scenario(REPO, sid) for sid in scenario_ids(REPO)}


@pytest.fixture
def make(tmp_path: Path) -> Callable[[str], Materials]:
    """`make(spec_text)`: parse an inline spec and generate it at NOW into a temp folder."""

    def _make(text: str) -> Materials:
        scenario = parse_scenario("inline", "content/scenarios/inline.toml", text)
        return generate(scenario, tmp_path / "inline", NOW, "http://127.0.0.1:9/ocsp")

    return _make


@pytest.fixture
def shipped_materials(shipped: dict[str, Scenario], tmp_path: Path) -> Callable[[str], Materials]:
    """`shipped_materials(id)`: a shipped scenario generated at NOW into a temp folder."""

    def _generate(scenario_id: str) -> Materials:
        return generate(shipped[scenario_id], tmp_path / scenario_id, NOW, "http://127.0.0.1:9/")

    return _generate


@pytest.fixture
def served(tmp_path: Path) -> Callable[[Scenario], AbstractContextManager[Target]]:
    """`with served(scenario) as target:` runs it on 127.0.0.1 for the block."""

    def _served(scenario: Scenario) -> AbstractContextManager[Target]:
        return serve(scenario, tmp_path / scenario.id)

    return _served


@pytest.fixture
def require() -> Callable[[Oracle], None]:
    """`require(oracle)`: skip when the client is missing here; in CI (where make
    system-deps installs it) fail instead, so a broken install cannot pass unnoticed."""
    return require_client


@pytest.fixture
def no_new_threads() -> Iterator[None]:
    """Fails the test when it leaves a thread running."""
    import threading

    before = set(threading.enumerate())
    yield
    left = [t.name for t in threading.enumerate() if t not in before and t.is_alive()]
    assert left == []


DRIFT_FIXTURE = "drift_observed"


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the drift batch beside the rest of the suite when a collected test uses it."""
    if any(DRIFT_FIXTURE in getattr(item, "fixturenames", ()) for item in session.items):
        import drift_batch

        folder = Path(tempfile.mkdtemp(prefix="certwarn-drift-"))
        folder.chmod(0o755)  # as root, Chromium runs as `nobody` and reads the scenarios here
        session.config.stash[DRIFT] = (drift_batch.start(folder), folder)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Stop the batch if the session ended before it did, and remove its folder."""
    running = session.config.stash.get(DRIFT, None)
    if running is not None:
        child, folder = running
        if child.poll() is None:
            child.kill()
            child.wait()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def drift_observed(request: pytest.FixtureRequest) -> tuple[list[Result], list[FirefoxPage]]:
    """Every approved record's scenario, run again once for the whole session (drift_batch),
    in the child process started as collection ended."""
    import drift_batch

    for oracle in (FirefoxOracle(), ChromiumOracle()):
        require_client(oracle)
    child, folder = request.config.stash[DRIFT]
    return drift_batch.results(child, folder)
