"""Every reader of project input goes through the path policy, not only the build's: the
catalog commands, the theme loader outside a build, `verify`'s scenario specs. Each refuses a
link out of the project, a FIFO (without waiting for a writer) and a folder named like a file
with the same `path:1: message`, and exits 1 without a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile import Cli

from generator.errors import ConfigError
from generator.theme.environment import Theme
from generator.theme.folders import BUILTIN_THEMES

REPO = Path(__file__).resolve().parents[2]
CATALOG = "locales/de/LC_MESSAGES/codes/SEC_ERROR_UNKNOWN_ISSUER.po"
SCENARIO = "content/scenarios/expired-certificate.toml"
OUTSIDE = (
    "refused a symbolic link that leads outside the project (to /etc/passwd):"
    " only files inside the project are used"
)


def link_out(path: Path) -> None:
    os.symlink("/etc/passwd", path)


HARMS: dict[str, tuple[Callable[[Path], None], str]] = {
    "link-out": (link_out, OUTSIDE),
    "fifo": (os.mkfifo, "refused a FIFO: expected a regular file"),
    "folder": (Path.mkdir, "refused a folder: expected a regular file"),
}


def certwarn(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A real `certwarn` process, so that a read blocked on a FIFO would hang it, not the
    test; the timeout only keeps a hung run from hanging the suite."""
    command = [sys.executable, "-m", "generator.cli", "--root", str(root), *args]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def translated(project: Path, cli: Cli) -> Path:
    """The small site with a German locale and its catalogs made by `catalog init`."""
    config = project / "site.toml"
    config.write_text(
        config.read_text().replace('locales = ["en-US"]', 'locales = ["en-US", "de"]')
    )
    assert cli(project, "catalog", "extract").code == 0
    assert cli(project, "catalog", "update").code == 0
    assert (project / CATALOG).is_file()
    return project


@pytest.mark.parametrize("harm", HARMS)
@pytest.mark.parametrize("action", ["update", "stats", "check"])
def test_the_catalog_commands_read_catalogs_by_the_policy(
    translated: Path, harm: str, action: str
) -> None:
    make, message = HARMS[harm]
    (translated / CATALOG).unlink()
    make(translated / CATALOG)
    run = certwarn(translated, "catalog", action)
    assert (run.returncode, run.stderr) == (1, f"{CATALOG}:1: {message}\n")


def test_catalog_update_leaves_a_refused_catalog_in_place(translated: Path) -> None:
    (translated / CATALOG).unlink()
    (translated / CATALOG).mkdir()
    assert certwarn(translated, "catalog", "update").returncode == 1
    assert (translated / CATALOG).is_dir()


@pytest.mark.parametrize("harm", ["link-out", "fifo"])
def test_catalog_extract_reads_theme_templates_by_the_policy(project: Path, harm: str) -> None:
    make, message = HARMS[harm]
    shutil.copytree(BUILTIN_THEMES / "default", project / "themes/mine")
    template = project / "themes/mine/templates/base.html"
    template.unlink()
    make(template)
    config = project / "site.toml"
    config.write_text(config.read_text().replace('theme = "default"', 'theme = "mine"'))
    run = certwarn(project, "catalog", "extract")
    assert (run.returncode, run.stderr) == (1, f"themes/mine/templates/base.html:1: {message}\n")


@pytest.mark.parametrize("harm", HARMS)
def test_the_theme_loader_reads_templates_by_the_policy(project: Path, harm: str) -> None:
    make, message = HARMS[harm]
    shutil.copytree(BUILTIN_THEMES / "default", project / "themes/mine")
    template = project / "themes/mine/templates/base.html"
    template.unlink()
    make(template)
    theme = Theme("mine", [project / "themes/mine"])
    with pytest.raises(ConfigError) as refused:
        theme.render("code.html", {})
    assert str(refused.value) == f"themes/mine/templates/base.html:1: {message}"


@pytest.mark.parametrize("harm", HARMS)
def test_verify_reads_scenario_specs_by_the_policy(project: Path, harm: str) -> None:
    make, message = HARMS[harm]
    (project / SCENARIO).parent.mkdir(parents=True)
    make(project / SCENARIO)
    expected = message if harm != "link-out" else "refused a symbolic link: expected a regular file"
    args = ("verify", "--code", "SEC_ERROR_EXPIRED_CERTIFICATE", "--oracle", "openssl")
    run = certwarn(project, *args)
    assert (run.returncode, run.stdout, run.stderr) == (1, "", f"{SCENARIO}:1: {expected}\n")
