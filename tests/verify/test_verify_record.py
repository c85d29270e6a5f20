"""The verification record: its JSON form, merging re-recordings, deterministic screenshots,
and the drift comparison's messages."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

from generator.errors import VerifyError
from generator.verify.drift import drift, record_claims
from generator.verify.observed import FirefoxPage
from generator.verify.oracles.base import Oracle
from generator.verify.oracles.firefox import FirefoxOracle
from generator.verify.png import optimized_png, png_size, same_pixels
from generator.verify.record import parse_record, record_to_json
from generator.verify.record_paths import record_path, shot_path
from generator.verify.record_write import write_records
from generator.verify.report import Result
from generator.verify.screenshots.firefox_pages import read_firefox_pages
from generator.verify.spec import Scenario

SCENARIO = "expired-certificate"
CODE = "SEC_ERROR_EXPIRED_CERTIFICATE"


def screenshot(text_x: int = 200) -> bytes:
    """A page-like RGBA PNG: white with wide empty margins around a box and a line of 'text'."""
    image = Image.new("RGBA", (800, 900), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((150, 100, 650, 400), fill=(0, 96, 223, 255))
    draw.text((text_x, 450), "Proceed to expired.test (Risky)", fill="black")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def result(oracle: str, version: str, observed: str) -> Result:
    return Result(
        CODE,
        SCENARIO,
        oracle,
        oracle.title(),
        version,
        observed,
        (observed,),
        "pass",
        True,
        "",
        "2026-12-01",
    )


def page(locale: str = "en-US", image: bytes | None = None, **changes: object) -> FirefoxPage:
    base = FirefoxPage(
        SCENARIO,
        locale,
        locale,
        "153.8.0",
        CODE,
        "Warning: Security Risk",
        "Be careful.",
        ("Advanced", "Go back (Recommended)"),
        ("Hide advanced", "Go back (Recommended)", "Proceed (Risky)"),
        image,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "content/scenarios").mkdir(parents=True)
    (tmp_path / f"content/scenarios/{SCENARIO}.toml").write_text('description = "x"\n')
    return tmp_path


def recorded(root: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((root / record_path(SCENARIO)).read_text())
    return data


def test_a_record_is_sorted_json_that_reads_back_the_same(root: Path) -> None:
    write_records(root, [result("firefox", "153.8.0esr", CODE)], [page()], "2026-12-01")
    text = (root / record_path(SCENARIO)).read_text()
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    record = parse_record(text, record_path(SCENARIO))
    assert record_to_json(record) == text
    assert record.client("firefox") is not None and record.page("en-US") is not None


def test_recording_one_client_keeps_the_others(root: Path) -> None:
    first = [result("firefox", "153.8.0esr", CODE), result("chromium", "156", "NET::ERR_A")]
    write_records(root, first, [page("en-US"), page("de")], "2026-12-01")
    write_records(root, [result("chromium", "157", "NET::ERR_B")], [page("de")], "2026-12-02")
    record = parse_record((root / record_path(SCENARIO)).read_text(), "r")
    assert [(c.oracle, c.version, c.observed) for c in record.clients] == [
        ("chromium", "157", "NET::ERR_B"),
        ("firefox", "153.8.0esr", CODE),
    ]
    assert [(p.locale, p.date) for p in record.pages] == [
        ("de", "2026-12-02"),
        ("en-US", "2026-12-01"),
    ]


def test_a_malformed_record_names_its_file_and_line() -> None:
    with pytest.raises(VerifyError) as caught:
        parse_record('{"version": 1,\n  "scenario": }', "content/_verify/x.json")
    assert str(caught.value).startswith("content/_verify/x.json:2: not valid JSON")


def test_screenshots_are_cropped_palette_pngs_identical_for_the_same_page() -> None:
    raw = screenshot()
    first, second = optimized_png(raw), optimized_png(raw)
    assert first == second
    width, height = png_size(first)
    assert width < 800 and height < 900  # the empty margins are gone
    assert first[25] == 3  # colour type 3: palette
    assert b"tIME" not in first and b"tEXt" not in first
    assert same_pixels(first, optimized_png(first))


def test_re_recording_an_unchanged_page_leaves_the_file_untouched(root: Path) -> None:
    shot = optimized_png(screenshot())
    write_records(root, [result("firefox", "153.8.0esr", CODE)], [page(image=shot)], "2026-12-01")
    path = root / shot_path("en-US", SCENARIO)
    before = path.stat().st_mtime_ns, path.read_bytes()
    # The same pixels compressed differently (as another zlib might) are the same picture.
    with Image.open(io.BytesIO(shot)) as image:
        out = io.BytesIO()
        image.save(out, format="PNG", compress_level=1)
    written = write_records(
        root, [result("firefox", "153.8.0esr", CODE)], [page(image=out.getvalue())], "2026-12-01"
    )
    assert written == []
    assert (path.stat().st_mtime_ns, path.read_bytes()) == before
    moved = optimized_png(screenshot(text_x=260))
    written = write_records(root, [], [], "2026-12-02")  # nothing run: nothing written
    assert written == []
    written = write_records(
        root, [result("firefox", "153.8.0esr", CODE)], [page(image=moved)], "2026-12-02"
    )
    assert written == [shot_path("en-US", SCENARIO), record_path(SCENARIO)]


def test_the_same_results_from_a_new_version_are_no_drift(root: Path) -> None:
    write_records(root, [result("firefox", "153.8.0esr", CODE)], [page()], "2026-12-01")
    record = parse_record((root / record_path(SCENARIO)).read_text(), "r")
    assert drift(record, [result("firefox", "154.0esr", CODE)], [page(version="154.0")]) == []
    [claim] = record_claims(record)
    assert claim.expected_for("firefox") == (CODE,)


def test_a_different_code_title_or_button_is_drift_naming_both_values(root: Path) -> None:
    write_records(root, [result("firefox", "153.8.0esr", CODE)], [page()], "2026-12-01")
    record = parse_record((root / record_path(SCENARIO)).read_text(), "r")
    now = [result("firefox", "154.0esr", "SEC_ERROR_UNKNOWN_ISSUER")]
    changed = page(version="154.0", title="Warning!", buttons=("Advanced…", "Go back"))
    how = (
        "if the change is expected, record again with `certwarn verify --record`, then "
        "`certwarn revise content/_verify/expired-certificate.json` and approve it"
    )
    assert drift(record, now, [changed]) == [
        f"{SCENARIO}: Firefox 154.0esr showed SEC_ERROR_UNKNOWN_ISSUER; the approved record"
        f" has {CODE} from Firefox 153.8.0esr; {how}",
        f"{SCENARIO}: Firefox 154.0 in en-US: title is 'Warning!'; the approved record has"
        f" 'Warning: Security Risk' from Firefox 153.8.0; {how}",
        f"{SCENARIO}: Firefox 154.0 in en-US: buttons is ('Advanced…', 'Go back'); the approved"
        f" record has ('Advanced', 'Go back (Recommended)') from Firefox 153.8.0; {how}",
    ]


@pytest.mark.browser
def test_firefox_shoots_an_unchanged_page_byte_for_byte_the_same(
    tmp_path: Path,
    shipped: dict[str, Scenario],
    require: Callable[[Oracle], None],
) -> None:
    """Each run serves on a new port and Firefox shows the time: both are pinned."""
    oracle = FirefoxOracle()
    require(oracle)
    assert oracle.binary is not None
    scenarios = [shipped["unknown-issuer"]]

    def shoot(work: str) -> FirefoxPage:
        binary = oracle.binary
        assert binary is not None
        [page] = read_firefox_pages(binary, scenarios, tmp_path / work, ["en-US"], True).pages
        return page

    first, second = shoot("one"), shoot("two")
    assert first.image is not None and first.image == second.image
    assert "Proceed to unknown-issuer.certwarn.test (Risky)" in first.advanced_buttons


@pytest.mark.browser
def test_firefox_s_page_is_read_with_the_scenario_s_explicit_distrust(
    tmp_path: Path,
    shipped: dict[str, Scenario],
    require: Callable[[Oracle], None],
) -> None:
    """The page reader's profile marks what the scenario distrusts, as the oracle's does."""
    oracle = FirefoxOracle()
    require(oracle)
    assert oracle.binary is not None
    scenario = shipped["distrusted-certificate"]
    run = read_firefox_pages(oracle.binary, [scenario], tmp_path, ["en-US"], False)
    assert [(page.scenario, page.code) for page in run.pages] == [
        ("distrusted-certificate", "SEC_ERROR_UNTRUSTED_CERT")
    ]


def test_verify_record_writes_the_observations_into_content(
    project: Path, repo_root: Path, cli: Callable[..., Any]
) -> None:
    shutil.copytree(repo_root / "content/scenarios", project / "content/scenarios")
    run = cli(project, "verify", "--record", "--oracle", "openssl", "--code", CODE, "-q")
    assert run.code == 0, run.err
    assert f"publish it: certwarn revise {record_path(SCENARIO)} --comment" in run.out
    record = parse_record((project / record_path(SCENARIO)).read_text(), "r")
    [client] = record.clients
    assert (client.oracle, client.observed) == ("openssl", "X509_V_ERR_CERT_HAS_EXPIRED")
    assert [(c.code, c.verdict) for c in client.checks] == [(CODE, "recorded")]
    scenario = (project / f"content/scenarios/{SCENARIO}.toml").read_bytes()
    assert record.scenario_sha256 == hashlib.sha256(scenario).hexdigest()
    again = cli(project, "verify", "--record", "--oracle", "openssl", "--code", CODE, "-q")
    assert "record: 0 records and 0 screenshots changed" in again.out
