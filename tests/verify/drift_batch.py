"""The drift batch: every scenario with an approved record, run again in the real browsers
once per test session (the drift tests compare it with the records; the browser tests of
one scenario per feature read their scenarios' results from it).

It is the longest part of the suite and mostly waits on the browsers, so a session that will
use it starts it in a child process as collection ends (`start`) and the rest of the suite
runs beside it; the fixture then waits for its results (`results`). Run as a script, this
module is that child: `drift_batch.py FOLDER` writes FOLDER/results.pickle."""

from __future__ import annotations

import datetime as dt
import pickle
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from generator.atomic import write_atomic
from generator.config import load_config
from generator.review.trees import published_tree
from generator.verify.drift import record_claims
from generator.verify.observed import FirefoxPage
from generator.verify.oracles.base import Oracle
from generator.verify.oracles.chromium import ChromiumOracle
from generator.verify.oracles.firefox import FirefoxOracle
from generator.verify.record import PageRecord, ScenarioRecord, parse_record
from generator.verify.record_paths import is_record
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


def start(folder: Path) -> subprocess.Popen[bytes]:
    """Start the batch in a child process working in `folder` (readable by the browsers)."""
    with (folder / "log.txt").open("wb") as log:
        return subprocess.Popen(
            [sys.executable, __file__, str(folder)], stdout=log, stderr=subprocess.STDOUT
        )


def results(child: subprocess.Popen[bytes], folder: Path) -> tuple[list[Result], list[FirefoxPage]]:
    """Wait for the child and read what it observed; a failed child fails with its log."""
    code = child.wait()
    answer = folder / RESULTS
    if code != 0 or not answer.exists():
        log = (folder / "log.txt").read_text(errors="replace")
        raise RuntimeError(f"the drift batch exited with {code}:\n{log[-4000:]}")
    observed: tuple[list[Result], list[FirefoxPage]] = pickle.loads(answer.read_bytes())
    return observed


def _require_here(oracle: Oracle) -> None:
    """The child's check: the fixture has already skipped or failed for a missing client."""
    reason = oracle.unavailable()
    if reason is not None:
        raise SystemExit(f"{oracle.label} is unavailable: {reason}")


def _main(folder: Path) -> None:
    scenarios = [load_scenario(REPO, record.scenario) for record in RECORDS]
    work = folder / "work"
    work.mkdir()
    observed = observe(scenarios, RECORDS, work, _require_here)
    write_atomic(folder / RESULTS, pickle.dumps(observed))


RESULTS = "results.pickle"
WORKERS = 2
"""Scenarios at a time: every approved record runs in CI, so they run in one batch."""
SOURCE_LOCALE = "en-US"
RECORDS = checked(approved_records())

if __name__ == "__main__":
    _main(Path(sys.argv[1]))
