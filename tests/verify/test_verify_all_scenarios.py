"""Every scenario runs: `--all`, `--code` for a code no page has, the `expect` each scenario
carries, and oracles that record only what they check."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.verify.expect import describe, scenario_claim
from generator.verify.oracles.base import NOT_CHECKED, OK
from generator.verify.oracles.openssl import OpenSslOracle
from generator.verify.oracles.x509 import X509Oracle
from generator.verify.report import load_report
from generator.verify.run import Plan, run_verification
from generator.verify.spec import Scenario

Cli = Callable[..., Any]


@pytest.fixture
def site(project: Path, repo_root: Path) -> Path:
    shutil.copytree(repo_root / "content" / "scenarios", project / "content" / "scenarios")
    return project


def test_every_shipped_scenario_expects_a_firefox_code(shipped: dict[str, Scenario]) -> None:
    missing = [sid for sid, s in shipped.items() if s.expected("firefox") is None]
    assert missing == []
    assert shipped["valid"].expect == (("firefox", OK), ("chromium", OK))


def test_a_scenario_no_page_names_claims_its_own_expectations(
    shipped: dict[str, Scenario],
) -> None:
    claim = scenario_claim(shipped["plain-http-on-tls-port"])
    assert (claim.code, claim.page, claim.scenario) == (
        "SSL_ERROR_RX_RECORD_TOO_LONG",
        None,
        "plain-http-on-tls-port",
    )
    assert claim.expected_for("chromium") == ("NET::ERR_SSL_PROTOCOL_ERROR",)


def test_a_client_that_loads_the_site_reads_loads_the_site() -> None:
    assert (describe(OK), describe("NET::ERR_CERT_INVALID")) == (
        "loads the site",
        "NET::ERR_CERT_INVALID",
    )


def test_all_runs_scenarios_no_page_names_and_marks_them(site: Path, cli: Cli) -> None:
    run = cli(site, "verify", "--all", "--oracle", "x509", "--quiet", "--jobs", "2")
    assert run.code == 0, run.out + run.err
    scenarios = sorted(p.stem for p in (site / "content" / "scenarios").glob("*.toml"))
    report = load_report(site / "build" / "verify" / "report.json")
    assert report is not None
    assert sorted({r.scenario for r in report.results}) == scenarios
    assert (
        "SSL_ERROR_RX_RECORD_TOO_LONG [plain-http-on-tls-port] (no page) "
        "cryptography X.509 verifier" in run.out
    )
    assert "SEC_ERROR_UNKNOWN_ISSUER [unknown-issuer] cryptography" in run.out
    # Its code has a page, but that page names another scenario.
    assert "SEC_ERROR_UNKNOWN_ISSUER [hsts-unknown-issuer] (no page) cryptography" in run.out


def test_code_accepts_a_code_that_only_a_scenario_expects(site: Path, cli: Cli) -> None:
    run = cli(site, "verify", "--code", "SSL_ERROR_NO_CYPHER_OVERLAP", "--oracle", "openssl")
    assert run.code == 0, run.out + run.err
    assert (
        run.out.splitlines()[0] == "no-cipher-overlap: generating certificates and starting servers"
    )
    assert "verify: 1 scenarios in " in run.out


def test_an_unknown_code_lists_the_codes_of_pages_and_scenarios(site: Path, cli: Cli) -> None:
    run = cli(site, "verify", "--code", "SEC_ERROR_NOPE")
    assert run.code == 1
    assert run.err.startswith(
        "certwarn: no code page or scenario for SEC_ERROR_NOPE; known codes: "
    )
    assert "SSL_ERROR_RX_RECORD_TOO_LONG" in run.err and "SEC_ERROR_UNKNOWN_ISSUER" in run.err


def test_a_page_scenario_that_leaves_the_folder_is_refused_at_its_line(
    site: Path, cli: Cli
) -> None:
    page = site / "content" / "codes" / "SEC_ERROR_EXPIRED_CERTIFICATE.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("scenario: expired-certificate", "scenario: ../../site"))
    run = cli(site, "verify", "--oracle", "openssl")
    assert (run.code, run.err) == (
        1,
        "content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md:8: scenario id '../../site' must be "
        "kebab-case letters and digits, such as 'expired-certificate'\n",
    )


@pytest.mark.parametrize("scenario_id", ["revoked", "must-staple-missing", "distrusted-issuer"])
def test_the_library_oracles_say_not_checked_for_what_they_do_not_check(
    shipped: dict[str, Scenario], tmp_path: Path, scenario_id: str
) -> None:
    scenario = shipped[scenario_id]
    plan = Plan((scenario_claim(scenario),), {scenario_id: scenario})
    report = run_verification(plan, [OpenSslOracle(), X509Oracle()], tmp_path / "out")
    rows = {r.oracle: (r.observed, r.expected, r.status) for r in report.results}
    assert rows == {
        "openssl": (NOT_CHECKED, (), "recorded"),
        "x509": (NOT_CHECKED, (), "recorded"),
    }
    assert report.for_scenario(scenario_id)[0].detail.startswith(
        "not checked: Python's ssl does not"
    )


def test_the_control_is_checked_by_the_libraries_although_it_staples_ocsp(
    shipped: dict[str, Scenario], tmp_path: Path
) -> None:
    plan = Plan((scenario_claim(shipped["valid"]),), {"valid": shipped["valid"]})
    [row] = run_verification(plan, [OpenSslOracle()], tmp_path / "out").results
    assert (row.observed, row.status) == (OK, "recorded")


def test_chromium_arguments_built_outside_the_loader_are_refused_before_launch(
    shipped: dict[str, Scenario], served: Any, tmp_path: Path
) -> None:
    import dataclasses

    from generator.errors import VerifyError
    from generator.verify.oracles.chromium import ChromiumOracle

    sneaky = dataclasses.replace(
        shipped["valid"], chromium_args=("--renderer-cmd-prefix=touch /tmp/pwned",)
    )
    with served(sneaky) as target, pytest.raises(VerifyError) as caught:
        ChromiumOracle(tmp_path / "never-started").observe(target)
    assert str(caught.value).startswith(
        "content/scenarios/valid.toml: '--renderer-cmd-prefix=touch /tmp/pwned' is not an argument"
    )
