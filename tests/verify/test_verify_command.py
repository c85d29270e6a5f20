"""`certwarn verify` on a small project: exit codes, messages, the report it leaves."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.verify.report import load_report

Cli = Callable[..., Any]


@pytest.fixture
def site(project: Path, repo_root: Path) -> Path:
    """The shared small project plus the repository's scenario files."""
    shutil.copytree(repo_root / "content" / "scenarios", project / "content" / "scenarios")
    return project


def edit(site: Path, code: str, old: str, new: str) -> None:
    page = site / "content" / "codes" / f"{code}.md"
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new), encoding="utf-8")


def test_a_library_only_run_writes_the_report_and_passes(site: Path, cli: Cli) -> None:
    run = cli(site, "verify", "--oracle", "openssl", "--quiet")
    assert run.code == 0, run.out + run.err
    report = load_report(site / "build" / "verify" / "report.json")
    assert report is not None
    [unknown] = report.for_code("SEC_ERROR_UNKNOWN_ISSUER")
    assert (unknown.observed, unknown.status) == (
        "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
        "pass",
    )
    assert [r.status for r in report.for_scenario("valid")] == ["pass"]
    assert report.unreproducible == (
        (
            "MOZILLA_PKIX_ERROR_MITM_DETECTED",
            "It needs the browser's built-in list of intercepting products.",
        ),
    )
    assert (site / "build" / "verify" / "report.html").is_file()
    assert (site / "build" / "verify" / "unknown-issuer" / "chain.pem").is_file()
    assert run.out.splitlines()[-1].startswith("verify: 3 scenarios in ")


def test_progress_is_one_line_per_step(site: Path, cli: Cli) -> None:
    run = cli(site, "verify", "--code", "SEC_ERROR_EXPIRED_CERTIFICATE", "--oracle", "x509")
    assert run.out.splitlines()[:2] == [
        "expired-certificate: generating certificates and starting servers",
        "expired-certificate: asking cryptography X.509 verifier",
    ]


def test_a_scenario_without_a_file_is_reported_at_the_page(site: Path, cli: Cli) -> None:
    edit(
        site,
        "SEC_ERROR_EXPIRED_CERTIFICATE",
        "scenario: expired-certificate",
        "scenario: expired-leaf",
    )
    run = cli(site, "verify", "--oracle", "openssl")
    assert run.code == 1
    assert run.err.startswith(
        "content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md:8: scenario 'expired-leaf' has no file "
        "content/scenarios/expired-leaf.toml; known scenarios: alert-bad-certificate, "
    )


def test_an_unknown_code_lists_the_known_ones(site: Path, cli: Cli) -> None:
    run = cli(site, "verify", "--code", "SEC_ERROR_NOPE")
    assert run.code == 1
    assert run.err.startswith(
        "certwarn: no code page or scenario for SEC_ERROR_NOPE; known codes: "
        "MOZILLA_PKIX_ERROR_CA_CERT_USED_AS_END_ENTITY, MOZILLA_PKIX_ERROR_EMPTY_ISSUER_NAME, "
    )


def test_an_unknown_locale_is_refused(site: Path, cli: Cli) -> None:
    run = cli(site, "verify", "--screenshots", "--locale", "de")
    assert (run.code, run.err) == (
        1,
        "site.toml: --locale de: not a site locale; expected one of en-US\n",
    )


@pytest.mark.browser
def test_verify_passes_when_the_browsers_agree_with_the_page(
    site: Path, cli: Cli, require: Any
) -> None:
    from generator.verify.oracles.chromium import ChromiumOracle
    from generator.verify.oracles.firefox import FirefoxOracle

    require(FirefoxOracle())
    require(ChromiumOracle())
    run = cli(
        site,
        "verify",
        "--code",
        "SEC_ERROR_UNKNOWN_ISSUER",
        "--oracle",
        "firefox",
        "--oracle",
        "chromium",
    )
    assert run.code == 0, run.out
    report = load_report(site / "build" / "verify" / "report.json")
    assert report is not None
    found = {r.oracle: (r.observed, r.status) for r in report.for_code("SEC_ERROR_UNKNOWN_ISSUER")}
    assert found == {
        "firefox": ("SEC_ERROR_UNKNOWN_ISSUER", "pass"),
        "chromium": ("NET::ERR_CERT_AUTHORITY_INVALID", "pass"),
    }


@pytest.mark.browser
def test_verify_exits_1_when_a_pages_code_is_wrong(site: Path, cli: Cli, require: Any) -> None:
    from generator.verify.oracles.firefox import FirefoxOracle

    require(FirefoxOracle())
    # This page now claims that an untrusted issuer produces SEC_ERROR_EXPIRED_CERTIFICATE.
    edit(
        site,
        "SEC_ERROR_EXPIRED_CERTIFICATE",
        "scenario: expired-certificate",
        "scenario: unknown-issuer",
    )
    run = cli(site, "verify", "--code", "SEC_ERROR_EXPIRED_CERTIFICATE", "--oracle", "firefox")
    assert run.code == 1
    [complaint] = [line for line in run.out.splitlines() if line.startswith("content/codes/")]
    assert complaint.startswith("content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md: Firefox ESR ")
    assert " showed SEC_ERROR_UNKNOWN_ISSUER (about:certerror?" in complaint
    assert complaint.endswith("; the page documents SEC_ERROR_EXPIRED_CERTIFICATE")


@pytest.mark.browser
def test_verify_exits_1_when_a_chromium_equivalent_is_wrong(
    site: Path, cli: Cli, require: Any
) -> None:
    from generator.verify.oracles.chromium import ChromiumOracle

    require(ChromiumOracle())
    edit(
        site,
        "SEC_ERROR_UNKNOWN_ISSUER",
        "NET::ERR_CERT_AUTHORITY_INVALID",
        "NET::ERR_CERT_DATE_INVALID",
    )
    run = cli(site, "verify", "--code", "SEC_ERROR_UNKNOWN_ISSUER", "--oracle", "chromium")
    assert run.code == 1
    assert "showed NET::ERR_CERT_AUTHORITY_INVALID" in run.out
    assert "the page documents NET::ERR_CERT_DATE_INVALID" in run.out
