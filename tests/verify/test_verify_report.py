"""Judging answers against page claims, and the report the site reads back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.errors import VerifyError
from generator.verify.expect import control_claim, judge, page_claim
from generator.verify.oracles.base import OK, Observation
from generator.verify.report import OracleInfo, Report, Result, load_report
from generator.verify.report_html import report_html
from generator.verify.report_write import write_report

EXPIRED = page_claim(
    "SEC_ERROR_EXPIRED_CERTIFICATE",
    "content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md",
    "expired-certificate",
    chromium=("NET::ERR_CERT_DATE_INVALID",),
    openssl=(),
)


def result(
    code: str | None, oracle: str, status: str, observed: str | None = "X", date: str = "2030-01-02"
) -> Result:
    return Result(
        code,
        "s",
        oracle,
        oracle.title(),
        "1.0",
        observed,
        ("X",),
        status,
        oracle == "firefox",
        "",
        date,
    )


@pytest.mark.parametrize(
    ("oracle", "observed", "status"),
    [
        ("firefox", "SEC_ERROR_EXPIRED_CERTIFICATE", "pass"),
        ("firefox", "SEC_ERROR_UNKNOWN_ISSUER", "fail"),
        ("firefox", OK, "fail"),
        ("firefox", None, "error"),
        ("chromium", "NET::ERR_CERT_DATE_INVALID", "pass"),
        ("chromium", "NET::ERR_CERT_AUTHORITY_INVALID", "fail"),
        ("openssl", "X509_V_ERR_CERT_HAS_EXPIRED", "recorded"),
        ("x509", "cert is not valid at validation time", "recorded"),
    ],
)
def test_a_browser_must_match_the_page_and_libraries_only_inform(
    oracle: str, observed: str | None, status: str
) -> None:
    assert judge(EXPIRED, oracle, Observation(observed)) == status


def test_a_library_that_disagrees_differs_but_does_not_fail() -> None:
    claim = page_claim("C", "p.md", "s", chromium=(), openssl=("X509_V_ERR_CERT_HAS_EXPIRED",))
    assert judge(claim, "openssl", Observation(OK)) == "differs"
    assert judge(claim, "chromium", Observation("NET::ERR_CERT_INVALID")) == "recorded"


def test_an_unavailable_oracle_is_never_judged() -> None:
    assert judge(EXPIRED, "firefox", None) == "unavailable"


def test_the_control_expects_every_client_to_connect() -> None:
    claim = control_claim()
    assert [
        judge(claim, o, Observation(OK)) for o in ("openssl", "x509", "firefox", "chromium")
    ] == ["pass"] * 4
    assert judge(claim, "firefox", Observation("SEC_ERROR_UNKNOWN_ISSUER")) == "fail"


def test_the_report_round_trips_through_json(tmp_path: Path) -> None:
    report = Report(
        "2030-01-02T03:04:05+00:00",
        (OracleInfo("firefox", "Firefox ESR", "153.8.0esr", None),),
        (result("A", "firefox", "pass"), result(None, "firefox", "pass")),
        (("B", "needs a built-in root"),),
    )
    json_path, html_path = write_report(report, tmp_path)
    assert load_report(json_path) == report
    assert json.loads(json_path.read_text(encoding="utf-8"))["results"][0]["observed"] == "X"
    assert html_path.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_results_are_found_by_code_with_browser_and_version() -> None:
    report = Report("t", (), (result("A", "firefox", "pass"), result("B", "firefox", "fail")))
    [found] = report.for_code("A")
    assert (found.browser, found.observed, found.date, found.passed) == (
        "Firefox 1.0",
        "X",
        "2030-01-02",
        True,
    )
    assert report.for_code("C") == []
    assert [r.code for r in report.failures] == ["B"]


def test_a_missing_report_means_not_verified(tmp_path: Path) -> None:
    assert load_report(tmp_path / "report.json") is None


def test_a_damaged_report_is_an_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text('{"created": "t"}', encoding="utf-8")
    with pytest.raises(VerifyError, match="not a certwarn verify report") as caught:
        load_report(path)
    assert caught.value.path == str(path)


def test_a_partial_run_keeps_earlier_results_of_other_codes_and_clients() -> None:
    older = Report("t1", (OracleInfo("chromium", "Chromium", "1", None),), (
        result("A", "firefox", "fail", date="2030-01-01"),
        result("A", "chromium", "pass", date="2030-01-01"),
        result("B", "firefox", "pass", date="2030-01-01"),
    ))  # fmt: skip
    newer = Report(
        "t2", (OracleInfo("firefox", "Firefox", "2", None),), (result("A", "firefox", "pass"),)
    )
    merged = newer.merged_over(older)
    assert sorted((r.code, r.oracle, r.status, r.date) for r in merged.results) == [
        ("A", "chromium", "pass", "2030-01-01"),
        ("A", "firefox", "pass", "2030-01-02"),
        ("B", "firefox", "pass", "2030-01-01"),
    ]
    assert [o.name for o in merged.oracles] == ["firefox", "chromium"]


def test_the_html_report_escapes_what_clients_said() -> None:
    bad = Result(
        "A", "s", "firefox", "Firefox", "1", "<script>", (), "fail", True, "a & b", "2030-01-02"
    )
    page = report_html(Report("t", (), (bad,)))
    assert "<script>" not in page
    assert "&lt;script&gt;" in page and "a &amp; b" in page
    assert "1 failing" in page
