"""The Firefox page pass of `verify --screenshots` and `--record`, and writing the record."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence

from generator.config import SiteConfig
from generator.verify.oracles.firefox import FirefoxOracle
from generator.verify.record_paths import RECORD_DIR
from generator.verify.record_write import write_records
from generator.verify.report import Report
from generator.verify.run import Plan, Progress
from generator.verify.screenshots.firefox_pages import PageRun, read_firefox_pages
from generator.verify.screenshots.shots import Skip


def firefox_pass(
    config: SiteConfig,
    plan: Plan,
    locales: Sequence[str],
    shots: bool,
    progress: Progress,
    jobs: int,
) -> PageRun:
    """Every scenario's real Firefox error page in every locale with a language pack."""
    firefox = FirefoxOracle()
    reason = firefox.unavailable()
    if reason is not None or firefox.binary is None:
        return PageRun(skipped=(Skip(None, f"Firefox pages: {reason}"),))
    scenarios = [plan.scenarios[s] for s in plan.scenario_ids()]
    started = time.monotonic()
    run = read_firefox_pages(
        firefox.binary, scenarios, config.build_dir / "verify", locales, shots, progress, jobs
    )
    elapsed = time.monotonic() - started
    if run.pages:
        rate = len(run.pages) / elapsed
        progress(f"Firefox pages: {len(run.pages)} in {elapsed:.1f} s ({rate:.2f}/s)")
    return run


def print_recorded(config: SiteConfig, report: Report, pages: PageRun) -> None:
    """Write the record and say what changed and how it gets published."""
    today = dt.datetime.now(dt.UTC).date().isoformat()
    written = write_records(config.root, report.results, pages.pages, today)
    for skip in dict.fromkeys(pages.skipped):
        print(f"not recorded: {skip.path or ''}{': ' if skip.path else ''}{skip.reason}")
    records = [path for path in written if path.endswith(".json")]
    print(f"record: {len(records)} records and {len(written) - len(records)} screenshots changed")
    if records:
        print(
            f"publish it: certwarn revise {' '.join(records)} --comment 'verify --record'"
            f" (or revise --all), then certwarn review approve; screenshots under {RECORD_DIR}/"
            " are approved with the record that names their SHA-256"
        )
