"""Verify each code page against real browsers, and take the help pages' screenshots."""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.config import SiteConfig, load_config
from generator.content.load import load_content
from generator.content.sources import WorkingTree
from generator.errors import ConfigError, VerifyError
from generator.verify.chromium_launch import chromium_binary, playwright_missing
from generator.verify.oracles.base import Oracle
from generator.verify.oracles.chromium import ChromiumOracle
from generator.verify.oracles.firefox import FirefoxOracle
from generator.verify.oracles.openssl import OpenSslOracle
from generator.verify.oracles.x509 import X509Oracle
from generator.verify.plan import CodePage, make_plan, select_pages
from generator.verify.record_run import firefox_pass, print_recorded
from generator.verify.report import REPORT_NAME, Report, load_report
from generator.verify.report_write import write_report
from generator.verify.run import Progress, run_verification, silent
from generator.verify.screenshots.error_pages import screenshot_error_pages
from generator.verify.screenshots.firefox_pages import PageRun, save_shots
from generator.verify.screenshots.shots import ShotRun, Skip

ORACLES: dict[str, type[Oracle]] = {
    "openssl": OpenSslOracle,
    "x509": X509Oracle,
    "firefox": FirefoxOracle,
    "chromium": ChromiumOracle,
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--code", action="append", default=[], help="verify only this code")
    parser.add_argument(
        "--oracle", action="append", default=[], choices=list(ORACLES), help="ask only this client"
    )
    parser.add_argument(
        "--screenshots", action="store_true", help="also screenshot error pages per locale"
    )
    parser.add_argument("--locale", action="append", default=[], help="screenshot only this locale")
    parser.add_argument(
        "--record",
        action="store_true",
        help="write what was observed into content/_verify/ (then certwarn revise it)",
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="print only the summary")
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=min(3, os.cpu_count() or 1),
        help="scenarios to run at the same time (default: %(default)s)",
    )


def run(args: argparse.Namespace) -> int:
    config = load_config(args.root)
    locales = _locales(config, args.locale)
    pages = select_pages(dict(load_content(config, WorkingTree(config.root)).codes), args.code)
    plan = make_plan(config.root, pages, with_control=not args.code)
    progress: Progress = silent if args.quiet else _print
    out_dir = config.build_dir / "verify"
    started = time.monotonic()
    oracles = [ORACLES[name]() for name in dict.fromkeys(args.oracle or ORACLES)]
    report = run_verification(plan, oracles, out_dir, progress, workers=args.jobs)
    elapsed = time.monotonic() - started
    write_report(report.merged_over(_previous(out_dir / REPORT_NAME)), out_dir)
    _summarize(config, report, {p.code: p.path for p in pages}, elapsed)
    firefox = PageRun()
    if args.screenshots or (args.record and "firefox" in (args.oracle or ORACLES)):
        firefox = firefox_pass(config, plan, locales, args.screenshots, progress, args.jobs)
    if args.screenshots:
        _screenshots(config, pages, firefox, locales, progress)
    if args.record:
        print_recorded(config, report, firefox)
    return 1 if report.failures else 0


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


def _summarize(config: SiteConfig, report: Report, pages: dict[str, str], elapsed: float) -> None:
    for oracle in report.oracles:
        if oracle.unavailable:
            print(f"{oracle.name}: not available: {oracle.unavailable}")
    for r in report.results:
        if r.status != "unavailable":
            subject = f"{r.code or 'control'} [{r.scenario}] {r.browser}"
            print(f"{subject}: {r.observed or '-'} ({r.status})")
    for r in report.failures:
        expected = " or ".join(r.expected)
        what = f"{r.browser} showed {r.observed or 'nothing readable'} ({r.detail})"
        print(f"{pages.get(r.code or '', r.scenario)}: {what}; the page documents {expected}")
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
    run = _timed("error pages", config, lambda: _error_pages(config, pages, locales, progress))
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
