"""Deep nesting and aliases in YAML and TOML: refused at their line before a parser recurses
(RecursionError) or an alias bomb expands (MemoryError)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hostile import Cli, case_id, configs, expectation, install, refused, sources

from generator.errors import VerifyError
from generator.theme.folders import BUILTIN_THEMES
from generator.verify.record import parse_record


@pytest.mark.parametrize("fixture", sources("nesting"), ids=case_id)
def test_deep_or_aliased_front_matter_is_refused_at_its_line(
    project: Path, cli: Cli, fixture: Path
) -> None:
    assert refused(project, cli, lambda: install(project, fixture)) == expectation(fixture)


@pytest.mark.parametrize("fixture", configs("nesting"), ids=case_id)
def test_a_deeply_nested_site_toml_is_refused_at_its_line(
    project: Path, cli: Cli, fixture: Path
) -> None:
    assert refused(project, cli, lambda: install(project, fixture)) == expectation(fixture)


def test_a_deeply_nested_theme_toml_is_refused_at_its_line(project: Path, cli: Cli) -> None:
    def deep_theme() -> None:
        theme = project / "themes/deep"
        shutil.copytree(BUILTIN_THEMES / "default", theme)
        (theme / "theme.toml").write_text("# a theme\nx = " + "[" * 4000 + "]" * 4000 + "\n")
        config = project / "site.toml"
        config.write_text(config.read_text().replace('theme = "default"', 'theme = "deep"'))

    assert refused(project, cli, deep_theme) == (
        "themes/deep/theme.toml:2: lists or tables nested deeper than 64 levels are not accepted"
    )


DEEP_JSON = '{"version": 1, "pages": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
RECORD = "content/_verify/unknown-issuer.json"


def test_a_deeply_nested_verification_record_is_refused_at_its_line() -> None:
    with pytest.raises(VerifyError) as caught:
        parse_record(DEEP_JSON, RECORD)
    assert str(caught.value) == (
        f"{RECORD}:1: lists or tables nested deeper than 64 levels are not accepted"
    )


def test_a_build_leaves_a_deeply_nested_record_out_without_a_traceback(
    project: Path, cli: Cli
) -> None:
    (project / RECORD).parent.mkdir(parents=True)
    (project / RECORD).write_text(DEEP_JSON)
    run = cli(project, "build")
    assert (run.code, run.err) == (0, "")
