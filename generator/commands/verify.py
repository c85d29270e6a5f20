"""Verify each code page against real browsers, and take the help pages' screenshots."""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.commands.progress import progress_bar
from generator.config import SiteConfig, load_config
from generator.content.load import load_content
from generator.content.sources import WorkingTree
from generator.errors import ConfigError, VerifyError, raise_problems
from generator.verify.report import REPORT_NAME, Report, load_report
from generator.verify.report_write import write_report
from generator.verify.screenshots.shots import ShotRun, Skip
from generator.verify.spec import Scenario
from generator.verify.spec_load import SCENARIO_DIR

ORACLE_NAMES = ("openssl", "x509", "firefox", "chromium")
"""The clients `--oracle` may name, in the order they are asked."""

# The verification modules need the verify extra (pyOpenSSL, Playwright, Marionette). Without
# it `certwarn verify --help` still works; running says which extra to install (generator.cli).
try:
    from generator.verify.chromium_launch import chromium_binary, playwright_missing
    from generator.verify.expect import describe
    from generator.verify.oracles.base import Oracle
    from generator.verify.oracles.chromium import ChromiumOracle
    from generator.verify.oracles.firefox import FirefoxOracle
    from generator.verify.oracles.openssl import OpenSslOracle
    from generator.verify.oracles.x509 import X509Oracle
    from generator.verify.plan import CodePage, all_scenarios, make_plan, select_scenarios
    from generator.verify.record_run import firefox_pass, print_recorded
    from generator.verify.run import Progress, run_verification, silent
    from generator.verify.screenshots.error_pages import screenshot_error_pages
    from generator.verify.screenshots.firefox_pages import PageRun, save_shots

    ORACLES: dict[str, type[Oracle]] = {
        "openssl": OpenSslOracle,
        "x509": X509Oracle,
        "firefox": FirefoxOracle,
        "chromium": ChromiumOracle,
    }
    MISSING_EXTRA: ModuleNotFoundError | None = None
except ModuleNotFoundError as missing:
    MISSING_EXTRA = missing


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--code",
        action="append",
        default=[],
        metavar="CODE",
        help="verify only the scenarios expecting this code (repeatable)",
    )
    parser.add_argument(
        "--all", action="store_true", help="run every scenario, also those no page names yet"
    )
    parser.add_argument(
        "--oracle",
        action="append",
        default=[],
        choices=ORACLE_NAMES,
        help="ask only this client (repeatable; default: all of them)",
    )
    parser.add_argument(
        "--screenshots",
        action="store_true",
        help="also screenshot each error page per locale and Firefox's own warning pages "
        "(into build/screenshots)",
    )
    parser.add_argument(
        "--locale",
        action="append",
        default=[],
        metavar="L",
        help="with --screenshots: only this locale (repeatable; default: every site locale)",
    )
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="print only the results and the summary"
    )
    parser.add_argument(
        "--record",
        action="store_true",
        help="write what was observed into content/_verify/ (then certwarn revise it); with "
        "review required, only approved scenario specs are run",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=min(3, os.cpu_count() or 1),
        help="scenarios to run at the same time (default: %(default)s)",
    )


def run(args: argparse.Namespace) -> int:
    if MISSING_EXTRA is not None:
        raise MISSING_EXTRA
    config = load_config(args.root)
    locales = _locales(config, args.locale)
    every_page: dict[str, CodePage] = dict(load_content(config, WorkingTree(config.root)).codes)
    pages, loose = list(every_page.values()), list[Scenario]()
    if args.code:
        pages, loose = select_scenarios(config.root, every_page, args.code)
    elif args.all:
        loose = all_scenarios(config.root, pages)
    plan = make_plan(config.root, pages, with_control=not args.code, loose=loose)
    if args.record and config.review.required:
        _refuse_unreviewed(config, plan.scenario_ids())
    progress: Progress = silent if args.quiet else _print
    out_dir = config.build_dir / "verify"
    started = time.monotonic()
    oracles = [ORACLES[name]() for name in dict.fromkeys(args.oracle or ORACLES)]
    scenarios = len(plan.scenario_ids())
    bar = progress_bar("verify", scenarios, progress, _starts_scenario, not args.quiet)
    with bar as shown:
        report = run_verification(plan, oracles, out_dir, shown, workers=args.jobs)
    elapsed = time.monotonic() - started
    write_report(report.merged_over(_previous(out_dir / REPORT_NAME)), out_dir)
    named = {p.scenario for p in every_page.values() if p.scenario}
    _summarize(config, report, {p.code: p.path for p in pages}, named, elapsed)
    firefox = PageRun()
    if args.screenshots or (args.record and "firefox" in (args.oracle or ORACLES)):
        firefox = firefox_pass(config, plan, locales, args.screenshots, progress, args.jobs)
    if args.screenshots:
        _screenshots(config, pages, firefox, locales, progress)
    if args.record:
        print_recorded(config, report, firefox)
    return 1 if report.failures else 0


def _refuse_unreviewed(config: SiteConfig, scenarios: Sequence[str]) -> None:
    """`--record` turns a run into published evidence: it runs only approved scenario specs
    (plain `verify` runs the working copy, to try a spec before submitting it)."""
    from generator.review.approved_copy import unapproved_copies

    raise_problems(unapproved_copies(config, [f"{SCENARIO_DIR}/{s}.toml" for s in scenarios]))


def _starts_scenario(line: str) -> bool:
    return line.endswith(": generating certificates and starting servers")


def _print(line: str) -> None:
    print(line, flush=True)


def _locales(config: SiteConfig, wanted: Sequence[str]) -> list[str]:
    unknown = [loc for loc in wanted if loc not in config.locales]
    if unknown:
        expected = ", ".join(config.locales)
        raise ConfigError(
            f"--locale {', '.join(unknown)}: not a site locale; expected one of {expected}",
            "site.toml",
        )
    return list(wanted) or list(config.locales)


def _previous(path: Path) -> Report | None:
    try:
        return load_report(path)
    except VerifyError as e:
        print(f"warning: {e}; starting a new report")
        return None


def _summarize(
    config: SiteConfig, report: Report, pages: dict[str, str], named: set[str], elapsed: float
) -> None:
    """One line per result, then each failure at the file that makes the claim: the code
    page, or the scenario itself when no page names it ("no page")."""
    for oracle in report.oracles:
        if oracle.unavailable:
            print(f"{oracle.name}: not available: {oracle.unavailable}")
    for r in report.results:
        if r.status != "unavailable":
            page = "" if r.code is None or r.scenario in named else " (no page)"
            subject = f"{r.code or 'control'} [{r.scenario}]{page} {r.browser}"
            print(f"{subject}: {describe(r.observed)} ({r.status})")
    for r in report.failures:
        expected = " or ".join(r.expected)
        what = f"{r.browser} showed {r.observed or 'nothing readable'} ({r.detail})"
        if r.scenario in named and r.code in pages:
            print(f"{pages[r.code]}: {what}; the page documents {expected}")
        else:
            print(f"content/scenarios/{r.scenario}.toml: {what}; the scenario expects {expected}")
    scenarios = len({r.scenario for r in report.results})
    verdict = f"{len(report.failures)} failed" if report.failures else "all claims hold"
    where = config.rel(config.build_dir / "verify" / "report.html")
    print(f"verify: {scenarios} scenarios in {elapsed:.1f} s, {verdict}; report at {where}")


def _screenshots(
    config: SiteConfig,
    pages: list[CodePage],
    firefox: PageRun,
    locales: list[str],
    progress: Progress,
) -> None:
    out_root = config.build_dir / "screenshots"
    shots = len(pages) * len(locales)
    with progress_bar("error-page screenshots", shots, progress) as shown:
        run = _timed("error pages", config, lambda: _error_pages(config, pages, locales, shown))
    run += save_shots(firefox, out_root)
    for skip in dict.fromkeys(run.skipped):
        where = f"{config.rel(skip.path)}: " if skip.path else ""
        print(f"skipped: {where}{skip.reason}")
    print(f"screenshots: {len(run.written)} written to {config.rel(out_root)}")


def _timed(what: str, config: SiteConfig, shoot: Callable[[], ShotRun]) -> ShotRun:
    started = time.monotonic()
    run = shoot()
    elapsed = time.monotonic() - started
    if run.written:
        rate = len(run.written) / elapsed
        print(f"screenshots of {what}: {len(run.written)} in {elapsed:.1f} s ({rate:.2f}/s)")
    return run


def _error_pages(
    config: SiteConfig, pages: list[CodePage], locales: list[str], progress: Progress
) -> ShotRun:
    chromium, missing = chromium_binary(), playwright_missing()
    if chromium is None or missing:
        reason = missing or "chromium not found (make system-deps)"
        return ShotRun(skipped=(Skip(None, f"error-page screenshots: {reason}"),))
    wanted = [(locale, page.code) for locale in locales for page in pages]
    out_root = config.build_dir / "screenshots"
    return screenshot_error_pages(chromium, config.output, out_root, wanted, progress)
