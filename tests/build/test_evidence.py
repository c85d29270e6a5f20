"""Verification evidence is content: recorded, revised, approved, then shown by the build
(without any browser: the record is made from fixed observations)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import re
from pathlib import Path

import pytest
from evidence_fixtures import png, warning_page

from generator.verify.record_paths import record_path, shot_path
from generator.verify.record_write import write_records
from generator.verify.report import Result

CODE = "SEC_ERROR_EXPIRED_CERTIFICATE"
SCENARIO = "expired-certificate"
RECORD = record_path(SCENARIO)
SHOT = shot_path("en-US", SCENARIO)
SCENARIO_TOML = """\
description = "An expired leaf."
host = "expired.test"
chain = ["leaf"]
trusted = ["root"]

[[certificate]]
name = "root"
subject = "CN=Test Root"

[[certificate]]
name = "leaf"
subject = "CN=expired.test"
issuer = "root"
san = ["DNS:expired.test"]
not_after_days = -30

[expect]
firefox = "SEC_ERROR_EXPIRED_CERTIFICATE"
chromium = "NET::ERR_CERT_DATE_INVALID"
"""
"""A spec `verify` accepts: `revise --all` submits it with the record, and checks it."""
TODAY = dt.datetime.now(dt.UTC).date().isoformat()


def result(oracle: str, client: str, version: str, observed: str, date: str) -> Result:
    return Result(
        code=CODE,
        scenario=SCENARIO,
        oracle=oracle,
        client=client,
        version=version,
        observed=observed,
        expected=(observed,),
        status="pass",
        gating=True,
        detail="",
        date=date,
    )


def observed(date: str = TODAY) -> list[Result]:
    return [
        result("firefox", "Firefox ESR", "153.8.0esr", CODE, date),
        result("chromium", "Chromium", "156.0.8078.114", "NET::ERR_CERT_DATE_INVALID", date),
    ]


PAGE = warning_page(SCENARIO, CODE, "expired.test", png(40, 30))


@pytest.fixture
def gated(project: Path, cli, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    """The small site, every document approved by `reviewer`, review required."""
    monkeypatch.setenv("CERTWARN_CONFIG_HOME", str(project.parent / "config"))
    monkeypatch.setenv("CERTWARN_USER", "author")
    (project / "content/scenarios").mkdir(parents=True)
    (project / f"content/scenarios/{SCENARIO}.toml").write_text(SCENARIO_TOML)
    assert cli(project, "review", "keygen", "admin", "--add", "--admin").code == 0
    assert cli(project, "review", "keygen", "reviewer", "--add").code == 0
    assert cli(project, "review", "trust", "sign", "--key", "admin").code == 0
    assert cli(project, "review", "keygen", "author").code == 0
    monkeypatch.setenv("CERTWARN_KEY", "author")
    assert cli(project, "revise", "--all", "--comment", "first").code == 0
    assert cli(project, "review", "approve", "--all-pending", "--key", "reviewer").code == 0
    toml = project / "site.toml"
    toml.write_text(toml.read_text().replace("required = false", "required = true"))
    return project


def record_and_approve(root: Path, cli, date: str = TODAY) -> None:  # type: ignore[no-untyped-def]
    write_records(root, observed(date), [PAGE], date)
    assert cli(root, "revise", RECORD, "--comment", "verify --record").code == 0
    assert cli(root, "review", "approve", "--all-pending", "--key", "reviewer").code == 0


def code_page(root: Path, cli) -> str:  # type: ignore[no-untyped-def]
    run = cli(root, "build")
    assert run.code == 0, run.err
    return (root / f"build/html/en-US/codes/{CODE}.html").read_text(encoding="utf-8")


def test_an_approved_record_shows_clients_versions_codes_date_and_the_screenshot(
    gated: Path, cli
) -> None:  # type: ignore[no-untyped-def]
    record_and_approve(gated, cli)
    html = code_page(gated, cli)
    for shown in ("Firefox ESR", "153.8.0esr", "Chromium", "156.0.8078.114"):
        assert f"<td>{shown}</td>" in html
    assert f'<td class="date">{TODAY}</td>' in html
    assert "NET::ERR_CERT_DATE_INVALID" in text_of(html), "wrapped only after underscores"
    assert 'src="../../_images/en-US/SEC_ERROR_EXPIRED_CERTIFICATE.png"' in html
    published = gated / "build/html/_images/en-US/SEC_ERROR_EXPIRED_CERTIFICATE.png"
    assert published.read_bytes() == (gated / SHOT).read_bytes() == PAGE.image
    assert "due to be checked again" not in html and "has changed since" not in html


def test_the_reviewer_sees_what_changed_since_the_last_record(gated: Path, cli) -> None:  # type: ignore[no-untyped-def]
    record_and_approve(gated, cli)
    newer = [*observed()[:1], result("chromium", "Chromium", "157.0.1", "NET::ERR_X", TODAY)]
    write_records(gated, newer, [], TODAY)
    run = cli(gated, "revise", RECORD, "--comment", "Chromium 157")
    revision = run.out.split()[1]
    show = cli(gated, "review", "show", revision)
    assert show.code == 0, show.err
    assert '-      "observed": "NET::ERR_CERT_DATE_INVALID",' in show.out
    assert '+      "observed": "NET::ERR_X",' in show.out
    assert '+      "version": "157.0.1"' in show.out


def test_the_reviewer_is_told_which_screenshots_changed(gated: Path, cli) -> None:  # type: ignore[no-untyped-def]
    record_and_approve(gated, cli)
    write_records(gated, observed(), [dataclasses.replace(PAGE, image=png(40, 31))], TODAY)
    run = cli(gated, "revise", RECORD, "--comment", "new screenshot")
    show = cli(gated, "review", "show", run.out.split()[1])
    old, new = (hashlib.sha256(png(40, h)).hexdigest()[:12] for h in (30, 31))
    sizes = len(png(40, 30)), len(png(40, 31))
    assert (
        f"screenshot:   {SHOT}: image changed (40×30 px, {sizes[0]} bytes, {old} -> "
        f"40×31 px, {sizes[1]} bytes, {new}); open {gated / SHOT} to look at it"
    ) in show.out


def test_an_unapproved_record_is_not_published(gated: Path, cli) -> None:  # type: ignore[no-untyped-def]
    write_records(gated, observed(), [PAGE], TODAY)
    assert cli(gated, "revise", RECORD, "--comment", "verify --record").code == 0
    html = code_page(gated, cli)
    assert "Not verified yet." in html and "153.8.0esr" not in html
    assert not (gated / "build/html/_images").exists()


def test_a_record_edited_after_approval_publishes_what_was_approved(gated: Path, cli) -> None:  # type: ignore[no-untyped-def]
    record_and_approve(gated, cli)
    path = gated / RECORD
    path.write_text(path.read_text().replace("NET::ERR_CERT_DATE_INVALID", "NET::ERR_FORGED"))
    html = code_page(gated, cli)
    assert "NET::ERR_CERT_DATE_INVALID" in text_of(html) and "NET::ERR_FORGED" not in text_of(html)


def test_a_tampered_record_object_stops_the_build(gated: Path, cli) -> None:  # type: ignore[no-untyped-def]
    record_and_approve(gated, cli)
    digest = hashlib.sha256((gated / RECORD).read_bytes()).hexdigest()
    stored = gated / "content/_review/objects" / digest[:2] / digest
    stored.write_text(stored.read_text().replace("153.8.0esr", "999.0"))
    run = cli(gated, "build")
    assert run.code != 0
    assert "does not match its hash" in run.err


def test_a_screenshot_changed_after_approval_is_not_published(gated: Path, cli) -> None:  # type: ignore[no-untyped-def]
    record_and_approve(gated, cli)
    (gated / SHOT).write_bytes(png(41, 30))
    html = code_page(gated, cli)
    assert "153.8.0esr" in html and "_images/" not in html
    status = cli(gated, "status")
    assert f"{SHOT}: does not match its approved record" in status.out


def test_a_screenshot_changed_between_two_builds_of_one_process_is_caught(  # type: ignore[no-untyped-def]
    gated: Path, cli
) -> None:
    # the live preview checks every screenshot in one long-lived process: one altered in
    # place, its size and modification time put back, is read again, not trusted
    record_and_approve(gated, cli)
    assert "_images/" in code_page(gated, cli)
    shot = gated / SHOT
    times, size = shot.stat(), shot.stat().st_size
    data = bytearray(shot.read_bytes())
    data[-5] ^= 0xFF  # inside the PNG's last chunk: the same size
    shot.write_bytes(bytes(data))
    os.utime(shot, ns=(times.st_atime_ns, times.st_mtime_ns))
    assert shot.stat().st_size == size
    html = code_page(gated, cli)
    assert "_images/" not in html


def test_old_evidence_is_flagged_on_the_page_and_in_status(gated: Path, cli) -> None:  # type: ignore[no-untyped-def]
    record_and_approve(gated, cli, date="2020-01-01")
    html = code_page(gated, cli)
    assert "These results were recorded on 2020-01-01 and are due to be checked again" in html
    status = cli(gated, "status")
    assert f"{CODE}: recorded 2020-01-01, more than 180 days ago" in status.out


def test_the_age_limit_comes_from_site_toml(gated: Path, cli) -> None:  # type: ignore[no-untyped-def]
    record_and_approve(gated, cli, date="2020-01-01")
    with (gated / "site.toml").open("a") as toml:
        toml.write("\n[verify]\nmax_evidence_age_days = 100000\n")
    assert "due to be checked again" not in code_page(gated, cli)


def test_a_changed_scenario_is_flagged_on_the_page_and_in_status(gated: Path, cli) -> None:  # type: ignore[no-untyped-def]
    record_and_approve(gated, cli)
    scenario = gated / f"content/scenarios/{SCENARIO}.toml"
    scenario.write_text(SCENARIO_TOML.replace("-30", "-31"))
    html = code_page(gated, cli)
    assert "The test behind these results has changed since they were recorded" in html
    status = cli(gated, "status")
    assert f"{CODE}: content/scenarios/{SCENARIO}.toml changed since recorded" in status.out


def text_of(html: str) -> str:
    """The page's text without its tags (code names carry <wbr> after each underscore)."""
    return re.sub(r"<[^>]+>", "", html)


def test_a_page_whose_text_shows_the_screenshot_does_not_repeat_it_under_the_table(
    gated: Path, cli
) -> None:  # type: ignore[no-untyped-def]
    page = gated / f"content/codes/{CODE}.md"
    figure = f"\n![Firefox's warning for an expired certificate](screenshot:{CODE})\n"
    page.write_text(page.read_text(encoding="utf-8") + figure, encoding="utf-8")
    assert cli(gated, "revise", f"content/codes/{CODE}.md", "--comment", "figure").code == 0
    record_and_approve(gated, cli)
    html = code_page(gated, cli)
    assert html.count(f'src="../../_images/en-US/{CODE}.png"') == 1
    assert '<figure class="browser-shot">' not in html, "the text's figure is the one shown"
