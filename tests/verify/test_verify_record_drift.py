"""Drift fails loudly: every scenario with an approved record runs again in the real browsers,
and any different code, page title, heading or button label fails, naming both values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from required_clients import require_client

from generator.config import load_config
from generator.review.trees import published_tree
from generator.verify.drift import drift, record_claims
from generator.verify.expect import Claim, page_claim
from generator.verify.observed import FirefoxPage
from generator.verify.oracles.base import Oracle
from generator.verify.oracles.chromium import ChromiumOracle
from generator.verify.oracles.firefox import FirefoxOracle
from generator.verify.record import ScenarioRecord, is_record, parse_record, record_path
from generator.verify.record_write import write_records
from generator.verify.report import Result
from generator.verify.run import Plan, run_verification
from generator.verify.screenshots.firefox_pages import read_firefox_pages
from generator.verify.spec import Scenario
from generator.verify.spec_load import load_scenario

REPO = Path(__file__).resolve().parents[2]

Require = Callable[[Oracle], None]


def approved_records() -> list[ScenarioRecord]:
    """The records the shipped site publishes (approved in its review store)."""
    config = load_config(REPO)
    tree = published_tree(config, dt.datetime.now(dt.UTC))
    return [parse_record(tree.read(p).text, p) for p in tree.paths() if is_record(p)]


def observe(
    scenarios: list[Scenario], records: list[ScenarioRecord], work: Path, require: Require
) -> tuple[list[Result], list[FirefoxPage]]:
    """Run the scenarios as they were recorded: the same claims, clients and locales. Two
    scenarios at a time, one Firefox per scenario whose UI language switches in place."""
    oracles: list[Oracle] = [FirefoxOracle(), ChromiumOracle()]
    for oracle in oracles:
        require(oracle)
    claims = tuple(claim for record in records for claim in record_claims(record))
    plan = Plan(claims, {scenario.id: scenario for scenario in scenarios})
    report = run_verification(plan, oracles, work, workers=WORKERS)
    firefox = FirefoxOracle()
    assert firefox.binary is not None
    locales = sorted({p.locale for record in records for p in record.pages})
    run = read_firefox_pages(firefox.binary, scenarios, work, locales, False, workers=WORKERS)
    return list(report.results), list(run.pages)


WORKERS = 2
"""Scenarios at a time: every approved record runs in CI, so they run in one batch."""
RECORDS = approved_records()


@pytest.fixture(scope="module")
def observed(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Result], list[FirefoxPage]]:
    """Every approved record's scenario, run again once for all the tests below."""
    scenarios = [load_scenario(REPO, record.scenario) for record in RECORDS]
    return observe(scenarios, RECORDS, tmp_path_factory.mktemp("drift"), require_client)


@pytest.mark.browser
@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.scenario)
def test_the_browsers_still_show_what_the_approved_record_says(
    record: ScenarioRecord, observed: tuple[list[Result], list[FirefoxPage]]
) -> None:
    results, pages = observed
    mine = [r for r in results if r.scenario == record.scenario]
    problems = drift(record, mine, [p for p in pages if p.scenario == record.scenario])
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_the_same_versions_giving_the_same_results_pass(tmp_path: Path, require: Require) -> None:
    scenario_file = REPO / "content/scenarios/expired-certificate.toml"
    root = tmp_path / "site"
    (root / "content/scenarios").mkdir(parents=True)
    (root / "content/scenarios/expired-certificate.toml").write_bytes(scenario_file.read_bytes())
    scenario = load_scenario(root, "expired-certificate")
    oracles: list[Oracle] = [FirefoxOracle(), ChromiumOracle()]
    for oracle in oracles:
        require(oracle)
    report = run_verification(Plan(_claims(), {scenario.id: scenario}), oracles, tmp_path / "w")
    firefox = oracles[0]
    assert isinstance(firefox, FirefoxOracle) and firefox.binary is not None
    first = read_firefox_pages(firefox.binary, [scenario], tmp_path / "w", ["en-US", "de"], False)
    write_records(root, report.results, first.pages, "2026-12-01")
    path = record_path("expired-certificate")
    record = parse_record((root / path).read_text(encoding="utf-8"), path)
    assert record.page("en-US") is not None and record.client("chromium") is not None
    results, pages = observe([scenario], [record], tmp_path / "again", require)
    assert drift(record, results, pages) == []


def _claims() -> tuple[Claim, ...]:
    code = "SEC_ERROR_EXPIRED_CERTIFICATE"
    page = "content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md"
    return (page_claim(code, page, "expired-certificate", ("NET::ERR_CERT_DATE_INVALID",), ()),)
