"""Drift fails loudly: every scenario with an approved record runs again in the real browsers,
and any different code, page title, heading or button label fails, naming both values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

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
    scenario: Scenario, record: ScenarioRecord, work: Path, require: Require
) -> tuple[list[Result], list[FirefoxPage]]:
    """Run the scenario as it was recorded: the same claims, clients and locales."""
    oracles: list[Oracle] = [FirefoxOracle(), ChromiumOracle()]
    for oracle in oracles:
        require(oracle)
    plan = Plan(record_claims(record), {scenario.id: scenario})
    report = run_verification(plan, oracles, work)
    firefox = FirefoxOracle()
    assert firefox.binary is not None
    locales = [p.locale for p in record.pages]
    pages = read_firefox_pages(firefox.binary, [scenario], work, locales, shots=False).pages
    return list(report.results), list(pages)


@pytest.mark.browser
@pytest.mark.parametrize("record", approved_records(), ids=lambda r: r.scenario)
def test_the_browsers_still_show_what_the_approved_record_says(
    record: ScenarioRecord, tmp_path: Path, require: Require
) -> None:
    scenario = load_scenario(REPO, record.scenario)
    results, pages = observe(scenario, record, tmp_path, require)
    problems = drift(record, results, pages)
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
    results, pages = observe(scenario, record, tmp_path / "again", require)
    assert drift(record, results, pages) == []


def _claims() -> tuple[Claim, ...]:
    code = "SEC_ERROR_EXPIRED_CERTIFICATE"
    page = "content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md"
    return (page_claim(code, page, "expired-certificate", ("NET::ERR_CERT_DATE_INVALID",), ()),)
