"""Nothing outside the project is read or written: `site.toml` places, links out of the
project from sources, catalogs and themes (for the build, its preview and `revise --all`)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hostile import Cli, case_id, configs, expectation, install, refused

from generator.theme.folders import BUILTIN_THEMES

OUTSIDE = (
    "refused a symbolic link that leads outside the project (to {target}):"
    " only files inside the project are used"
)


@pytest.mark.parametrize("fixture", configs("outside-paths"), ids=case_id)
def test_a_site_toml_place_outside_the_project_is_refused(
    project: Path, cli: Cli, fixture: Path
) -> None:
    assert refused(project, cli, lambda: install(project, fixture)) == expectation(fixture)


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project with a valid article, as an attacker's target would be."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.md").write_text("---\ntitle: Secret\nsummary: Not yours.\n---\n\nKey.\n")
    return folder


def link(path: Path, target: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)


@pytest.mark.parametrize("args", [(), ("--preview",)], ids=["build", "preview"])
def test_a_source_linked_to_a_system_file_is_refused(
    project: Path, cli: Cli, args: tuple[str, ...]
) -> None:
    harm = lambda: link(project / "content/articles/leak.md", Path("/etc/passwd"))  # noqa: E731
    assert refused(project, cli, harm, *args) == (
        "content/articles/leak.md:1: " + OUTSIDE.format(target="/etc/passwd")
    )


def test_a_source_linked_to_a_file_beside_the_project_is_refused(
    project: Path, cli: Cli, outside: Path
) -> None:
    harm = lambda: link(project / "content/articles/leak.md", outside / "secret.md")  # noqa: E731
    assert refused(project, cli, harm) == (
        "content/articles/leak.md:1: " + OUTSIDE.format(target=outside / "secret.md")
    )


def test_a_folder_of_sources_linked_outside_is_refused(
    project: Path, cli: Cli, outside: Path
) -> None:
    for name in ("windows", "macos", "linux"):
        shutil.copyfile(outside / "secret.md", outside / f"{name}.md")
    harm = lambda: link(project / "content/steps/stolen", outside)  # noqa: E731
    assert refused(project, cli, harm) == (
        "content/steps/stolen/linux.md:1: " + OUTSIDE.format(target=outside)
    )


def test_a_catalog_linked_to_a_system_file_is_refused(project: Path, cli: Cli) -> None:
    path = project / "locales/de/LC_MESSAGES/codes/SEC_ERROR_UNKNOWN_ISSUER.po"
    assert refused(project, cli, lambda: link(path, Path("/etc/passwd"))) == (
        "locales/de/LC_MESSAGES/codes/SEC_ERROR_UNKNOWN_ISSUER.po:1: "
        + OUTSIDE.format(target="/etc/passwd")
    )


def test_a_link_that_stays_inside_the_project_is_followed(project: Path, cli: Cli) -> None:
    os.symlink("overview.md", project / "content/articles/start.md")
    assert cli(project, "build").code == 0
    assert (project / "build/html/en-US/articles/start.html").is_file()


def use_theme(project: Path, name: str) -> None:
    config = project / "site.toml"
    config.write_text(config.read_text().replace('theme = "default"', f'theme = "{name}"'))


def test_a_theme_folder_linked_outside_is_refused(project: Path, cli: Cli, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(BUILTIN_THEMES / "default", elsewhere)

    def harm() -> None:
        link(project / "themes/borrowed", elsewhere)
        use_theme(project, "borrowed")

    assert refused(project, cli, harm) == "site.toml:5: " + OUTSIDE.format(target=elsewhere)


def test_a_theme_template_linked_to_a_system_file_is_refused(project: Path, cli: Cli) -> None:
    def harm() -> None:
        shutil.copytree(BUILTIN_THEMES / "default", project / "themes/mine")
        (project / "themes/mine/templates/base.html").unlink()
        link(project / "themes/mine/templates/base.html", Path("/etc/passwd"))
        use_theme(project, "mine")

    assert refused(project, cli, harm) == (
        "themes/mine/templates/base.html:1: " + OUTSIDE.format(target="/etc/passwd")
    )


def test_a_theme_inheriting_from_a_path_is_refused(project: Path, cli: Cli) -> None:
    def harm() -> None:
        (project / "themes/child").mkdir(parents=True)
        (project / "themes/child/theme.toml").write_text('# child\ninherit = "../../outside"\n')
        use_theme(project, "child")

    assert refused(project, cli, harm) == (
        "themes/child/theme.toml:2: expected the name of a folder in themes/ such as 'default',"
        " got '../../outside'"
    )


@pytest.fixture
def gated(project: Path) -> Path:
    """The small site with review required (nothing submitted yet)."""
    config = project / "site.toml"
    config.write_text(config.read_text().replace("required = false", "required = true"))
    return project


def test_revise_all_refuses_a_link_out_of_the_project(gated: Path, cli: Cli) -> None:
    link(gated / "content/articles/leak.md", Path("/etc/passwd"))
    run = cli(gated, "revise", "--all", "--comment", "everything", "--creator", "mallory")
    assert (run.code, run.err) == (
        1,
        "content/articles/leak.md:1: " + OUTSIDE.format(target="/etc/passwd") + "\n",
    )
    assert [p for p in (gated / "content/_review").rglob("*") if p.is_file()] == []


def test_a_preview_of_unsubmitted_work_refuses_a_link_out(gated: Path, cli: Cli) -> None:
    link(gated / "content/articles/leak.md", Path("/etc/passwd"))
    run = cli(gated, "build", "--preview")
    assert (run.code, run.err) == (
        1,
        "content/articles/leak.md:1: " + OUTSIDE.format(target="/etc/passwd") + "\n",
    )
    assert not (gated / "build/preview").exists()


def test_a_home_that_names_no_article_is_refused_even_with_a_warm_cache(
    project: Path, cli: Cli
) -> None:
    def harm() -> None:
        config = project / "site.toml"
        config.write_text(config.read_text().replace('home = "overview"', 'home = "missing"'))

    assert (
        refused(project, cli, harm)
        == "site.toml: home article 'missing' not found in content/articles/"
    )
