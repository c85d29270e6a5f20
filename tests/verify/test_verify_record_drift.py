"""Drift fails loudly: every scenario with an approved record runs again in the real browsers,
and any different code, page title, heading or button label fails, naming both values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
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
from generator.verify.record import (
    PageRecord,
    ScenarioRecord,
    is_record,
    parse_record,
    record_path,
)
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
    """Run the scenarios as they were recorded: the same claims and clients, and Firefox's
    page in each locale of the (checked) records. Two scenarios at a time, one Firefox per
    scenario whose UI language switches in place."""
    oracles: list[Oracle] = [FirefoxOracle(), ChromiumOracle()]
    for oracle in oracles:
        require(oracle)
    claims = tuple(claim for record in records for claim in record_claims(record))
    plan = Plan(claims, {scenario.id: scenario for scenario in scenarios})
    report = run_verification(plan, oracles, work, workers=WORKERS)
    firefox = FirefoxOracle()
    assert firefox.binary is not None
    by_locales: dict[tuple[str, ...], list[Scenario]] = {}
    for scenario, record in zip(scenarios, records, strict=True):
        locales = tuple(sorted(p.locale for p in record.pages))
        by_locales.setdefault(locales, []).append(scenario)
    pages: list[FirefoxPage] = []
    for locales, group in by_locales.items():
        if locales:
            run = read_firefox_pages(firefox.binary, group, work, locales, False, workers=WORKERS)
            pages += run.pages
    return list(report.results), pages


def checked(records: list[ScenarioRecord]) -> list[ScenarioRecord]:
    """The records as CI compares them: every scenario's codes and its English page, and for
    one scenario of each kind of warning page (the same English title, heading and buttons)
    that page in every locale. A label Firefox translates differently is the same on every
    page of a kind, so this sees every label drift at a quarter of the page loads."""
    kinds: set[tuple[object, ...]] = set()
    trimmed = []
    for record in sorted(records, key=lambda r: r.scenario):
        english = record.page(SOURCE_LOCALE)
        kind = () if english is None else page_kind(english)
        if kind in kinds:
            record = replace(record, pages=tuple(p for p in record.pages if p is english))
        kinds.add(kind)
        trimmed.append(record)
    return trimmed


def page_kind(page: PageRecord) -> tuple[object, ...]:
    """Title, heading and buttons; of the buttons after Advanced only how many (one names the
    scenario's host)."""
    return (page.title, page.heading, page.buttons, len(page.advanced_buttons))


WORKERS = 2
"""Scenarios at a time: every approved record runs in CI, so they run in one batch."""
SOURCE_LOCALE = "en-US"
RECORDS = checked(approved_records())


@pytest.fixture(scope="module")
def observed(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Result], list[FirefoxPage]]:
    """Every approved record's scenario, run again once for all the tests below."""
    scenarios = [load_scenario(REPO, record.scenario) for record in RECORDS]
    return observe(scenarios, RECORDS, tmp_path_factory.mktemp("drift"), require_client)


def test_every_kind_of_warning_page_is_compared_in_every_locale() -> None:
    full = [r for r in RECORDS if len(r.pages) > 1]
    locales = {len(r.pages) for r in full}
    assert len(full) >= 6 and locales == {12}, (len(full), locales)


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
