"""Drift fails loudly: every scenario with an approved record runs again in the real browsers,
and any different code, page title, heading or button label fails, naming both values."""

from __future__ import annotations

from pathlib import Path

import pytest
from drift_batch import RECORDS, REPO, Require, observe

from generator.verify.drift import drift
from generator.verify.expect import Claim, page_claim
from generator.verify.observed import FirefoxPage
from generator.verify.oracles.base import Oracle
from generator.verify.oracles.chromium import ChromiumOracle
from generator.verify.oracles.firefox import FirefoxOracle
from generator.verify.record import ScenarioRecord, parse_record
from generator.verify.record_paths import record_path
from generator.verify.record_write import write_records
from generator.verify.report import Result
from generator.verify.run import Plan, run_verification
from generator.verify.screenshots.firefox_pages import read_firefox_pages
from generator.verify.spec_load import load_scenario


def test_every_kind_of_warning_page_is_compared_in_every_locale() -> None:
    full = [r for r in RECORDS if len(r.pages) > 1]
    locales = {len(r.pages) for r in full}
    assert len(full) >= 6 and locales == {12}, (len(full), locales)


@pytest.mark.browser
@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.scenario)
def test_the_browsers_still_show_what_the_approved_record_says(
    record: ScenarioRecord, drift_observed: tuple[list[Result], list[FirefoxPage]]
) -> None:
    results, pages = drift_observed
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
