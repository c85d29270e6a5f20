"""Themes: a derived theme overrides whole templates or single blocks; assets get hashed names."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from generator.build.run import build
from generator.config import load_config
from generator.errors import CertwarnError
from generator.theme.environment import load_theme
from generator.theme.folders import BUILTIN_THEMES

DERIVED = Path(__file__).parents[1] / "fixtures" / "themes" / "derived"
"""inherit = "default"; replaces article.html whole, overrides code.html's `head_title` block,
adds derived.css and shadows favicon.svg."""


def use_theme(project: Path, name: str) -> None:
    config = project / "site.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('theme = "default"', f'theme = "{name}"'), encoding="utf-8")


def add_theme(project: Path, name: str, files: dict[str, str]) -> Path:
    folder = project / "themes" / name
    for relative, text in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text, encoding="utf-8")
    return folder


def build_with(project: Path, theme: str, out: str) -> Path:
    use_theme(project, theme)
    target = project / out
    build(load_config(project), out=target)
    return target


@pytest.fixture
def both(project: Path) -> tuple[Path, Path]:
    """The test site built with the default theme and with the derived one."""
    shutil.copytree(DERIVED, project / "themes" / "derived")
    default = build_with(project, "default", "out-default")
    derived = build_with(project, "derived", "out-derived")
    return default, derived


def read(folder: Path, relative: str) -> str:
    return (folder / relative).read_text(encoding="utf-8")


# -- overrides ----------------------------------------------------------------------------------


def test_a_derived_theme_replaces_a_whole_template(both: tuple[Path, Path]) -> None:
    default, derived = both
    page = "en-US/articles/bypassing-the-warning.html"
    assert 'class="breadcrumbs"' in read(default, page)
    assert 'class="derived-article"' not in read(default, page)
    assert 'class="derived-article"' in read(derived, page)
    assert 'class="breadcrumbs"' not in read(derived, page)
    assert 'class="site-header"' in read(derived, page), "the parent's base layout still wraps it"


def test_a_derived_theme_overrides_one_block_and_keeps_the_rest(both: tuple[Path, Path]) -> None:
    default, derived = both
    page = "en-US/codes/SEC_ERROR_UNKNOWN_ISSUER.html"
    default_title = re.search(r"<title>(.*?)</title>", read(default, page))
    derived_title = re.search(r"<title>(.*?)</title>", read(derived, page))
    assert default_title and derived_title
    assert derived_title.group(1) == f"[derived] {default_title.group(1)}"
    assert '<dl class="facts">' in read(derived, page)


def test_templates_a_derived_theme_leaves_alone_render_as_in_the_parent(
    both: tuple[Path, Path],
) -> None:
    default, derived = both
    for page in ("en-US/errors/SEC_ERROR_UNKNOWN_ISSUER.html", "errors/manifest.json"):
        assert read(derived, page) == read(default, page)


def test_a_derived_theme_adds_assets_and_shadows_its_parents(both: tuple[Path, Path]) -> None:
    _, derived = both
    theme = load_theme("derived", DERIVED.parent.parent)  # finds <root>/themes/derived
    assert theme.assets["favicon.svg"].source == DERIVED / "static" / "favicon.svg"
    assert theme.assets["site.css"].source == BUILTIN_THEMES / "default" / "static" / "site.css"
    published = {p.name for p in (derived / "_static").iterdir()}
    assert any(name.startswith("derived.") for name in published)
    favicon = (DERIVED / "static" / "favicon.svg").read_bytes()
    digest = hashlib.sha256(favicon).hexdigest()[:10]
    assert f"favicon.{digest}.svg" in published
    assert f"_static/favicon.{digest}.svg" in read(derived, "en-US/index.html")


# -- assets --------------------------------------------------------------------------------------


def test_assets_are_published_under_content_hashed_names() -> None:
    theme = load_theme("default", BUILTIN_THEMES)
    for name, asset in theme.assets.items():
        digest = hashlib.sha256(asset.source.read_bytes()).hexdigest()[:10]
        stem, _, ext = name.rpartition(".")
        assert asset.url_path == f"_static/{stem}.{digest}.{ext}"


def test_changing_an_asset_changes_its_published_name(project: Path) -> None:
    shutil.copytree(DERIVED, project / "themes" / "derived")
    before = load_theme("derived", project).assets["derived.css"].url_path
    (project / "themes/derived/static/derived.css").write_text(".x{}", encoding="utf-8")
    after = load_theme("derived", project).assets["derived.css"].url_path
    assert before != after


# -- theme problems ------------------------------------------------------------------------------


def test_an_unknown_theme_says_where_it_looked(project: Path) -> None:
    with pytest.raises(CertwarnError) as raised:
        load_theme("nonesuch", project)
    assert str(raised.value) == (
        "site.toml: theme 'nonesuch' not found; looked for theme.toml in "
        f"{project / 'themes' / 'nonesuch'}, {BUILTIN_THEMES / 'nonesuch'}"
    )


def test_a_theme_inheriting_from_itself_is_refused(project: Path) -> None:
    add_theme(project, "a", {"theme.toml": 'inherit = "b"\n'})
    add_theme(project, "b", {"theme.toml": 'inherit = "a"\n'})
    with pytest.raises(CertwarnError) as raised:
        load_theme("a", project)
    assert raised.value.message == "theme 'a' inherits from itself"


def test_inherit_must_name_a_theme(project: Path) -> None:
    add_theme(project, "odd", {"theme.toml": "inherit = 1\n"})
    with pytest.raises(CertwarnError) as raised:
        load_theme("odd", project)
    assert raised.value.message == "inherit: expected a theme name, got 1"


def test_a_template_syntax_error_names_the_template_and_line(project: Path) -> None:
    add_theme(
        project,
        "broken",
        {
            "theme.toml": 'inherit = "default"\n',
            "templates/article.html": '{% extends "base.html" %}\n\n{% block content %}\n',
        },
    )
    use_theme(project, "broken")
    with pytest.raises(CertwarnError) as raised:
        build(load_config(project), out=project / "out")
    error = raised.value
    assert (error.path or "").endswith("themes/broken/templates/article.html")
    assert error.line == 3
    assert error.message.startswith("template error: Unexpected end of template.")
    assert not (project / "out").exists()


def test_an_error_while_rendering_names_the_template_and_line(project: Path) -> None:
    add_theme(
        project,
        "careless",
        {
            "theme.toml": 'inherit = "default"\n',
            "templates/article.html": (
                '{% extends "base.html" %}\n{% block content %}\n'
                "{{ author.name }}\n{% endblock %}\n"
            ),
        },
    )
    use_theme(project, "careless")
    with pytest.raises(CertwarnError) as raised:
        build(load_config(project), out=project / "out")
    error = raised.value
    assert (error.path or "").endswith("themes/careless/templates/article.html")
    assert (error.line, error.message) == (3, "template error: 'author' is undefined")
    assert not (project / "out").exists()
