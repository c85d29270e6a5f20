"""Hostile catalogs: each gets the exact `path:line: message` from `catalog check` and from
the build (which never crashes on them); one fixture file per case, its first line saying
`# expect: LINE: MESSAGE`."""

from __future__ import annotations

from pathlib import Path

import pytest
from l10n_helpers import add_locales

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "bad_catalogs"
CASES = sorted(FIXTURES.glob("*.po"))
THEME = "locales/fr/LC_MESSAGES/theme.po"
MESSAGE_LEVEL = ("theme-lone-percent.po", "theme-repr-placeholder.po")
"""Cases where one message fails: it falls back to the source; the rest of the file is used."""


def expected(case: Path) -> str:
    first = case.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    line, message = first.removeprefix("# expect: ").split(": ", 1)
    return f"{THEME}:{line}: {message}"


@pytest.fixture
def french(project: Path) -> Path:
    add_locales(project, "fr")
    return project


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_catalog_check_refuses_the_case_with_its_line(french: Path, case: Path, cli) -> None:  # type: ignore[no-untyped-def]
    (french / THEME).write_bytes(case.read_bytes())
    run = cli(french, "catalog", "check")
    assert run.code == 1
    assert expected(case) in run.err.splitlines()
    assert "Traceback" not in run.err


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_the_build_refuses_the_catalog_or_falls_back_for_the_message(
    french: Path,
    case: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    (french / THEME).write_bytes(case.read_bytes())
    run = cli(french, "build")
    assert "Traceback" not in run.err
    if case.name in MESSAGE_LEVEL:
        assert run.code == 0
        assert f"warning: {expected(case)}; source text used" in run.err.splitlines()
        assert (french / "build/html/fr/index.html").is_file()
    else:
        assert (run.code, run.err) == (1, f"{expected(case)}\n")
        assert not (french / "build/html").exists(), "nothing half written"
