"""The site configuration: typed values from `site.toml`, every problem reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import ReviewPolicy, load_config
from generator.errors import CertwarnError, ConfigError

MINIMAL = """\
title = "Warnings"
source_locale = "en-US"
locales = ["en-US"]
base_url = "https://example.test/"
"""


def write_config(root: Path, text: str) -> None:
    (root / "site.toml").write_text(text, encoding="utf-8")


def problems(root: Path) -> list[str]:
    with pytest.raises(CertwarnError) as raised:
        load_config(root)
    return str(raised.value).splitlines()


def test_the_test_site_config_becomes_typed_values(project: Path) -> None:
    config = load_config(project)
    assert config.root == project
    assert config.title == "Test warnings"
    assert config.source_locale == "en-US"
    assert config.locales == ("en-US",)
    assert config.base_url == "https://help.example.test/warnings/"
    assert config.theme == "default"
    assert config.home == "overview"
    assert config.review == ReviewPolicy(required=False, allow_self_approval=False)


def test_optional_keys_have_defaults(tmp_path: Path) -> None:
    write_config(tmp_path, MINIMAL)
    config = load_config(tmp_path)
    assert config.theme == "default"
    assert config.output == tmp_path / "build" / "html"
    assert config.home == "overview"
    assert config.publish_threshold == 0.6
    assert config.review == ReviewPolicy(required=True, allow_self_approval=False)


def test_the_source_locale_comes_first_whatever_the_order(tmp_path: Path) -> None:
    write_config(tmp_path, MINIMAL.replace('["en-US"]', '["de", "ar", "en-US"]'))
    assert load_config(tmp_path).locales == ("en-US", "de", "ar")


def test_output_and_folders_are_under_the_project(tmp_path: Path) -> None:
    write_config(tmp_path, MINIMAL + 'output = "public/site"\n')
    config = load_config(tmp_path)
    assert config.output == tmp_path / "public" / "site"
    assert config.content_dir == tmp_path / "content"
    assert config.locales_dir == tmp_path / "locales"
    assert config.rel(tmp_path / "content" / "codes" / "X.md") == "content/codes/X.md"


def test_a_threshold_may_be_a_whole_number(tmp_path: Path) -> None:
    write_config(tmp_path, MINIMAL + "publish_threshold = 1\n")
    assert load_config(tmp_path).publish_threshold == 1.0


def test_a_missing_config_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        load_config(tmp_path)
    assert str(raised.value) == f"site.toml: no site.toml found; looked in {tmp_path}"


BAD = [
    pytest.param(
        MINIMAL.replace('base_url = "https://example.test/"\n', ""),
        ["site.toml: missing required key 'base_url'"],
        id="missing required key",
    ),
    pytest.param(
        MINIMAL + 'colour = "blue"\n',
        [
            "site.toml:5: colour: unknown key; expected one of base_url, home, locales, output,"
            " publish_threshold, review, source_locale, theme, title, verify"
        ],
        id="unknown key",
    ),
    pytest.param(
        MINIMAL.replace('title = "Warnings"', "title = 3"),
        ["site.toml:1: title: expected a string, got 3"],
        id="wrong type",
    ),
    pytest.param(
        MINIMAL.replace('["en-US"]', '"en-US"'),
        ["site.toml:3: locales: expected a list, got 'en-US'"],
        id="locales not a list",
    ),
    pytest.param(
        MINIMAL.replace('source_locale = "en-US"', "source_locale = 1"),
        [
            "site.toml:2: source_locale: expected a string, got 1",
            "site.toml:3: locales: must include the source locale 1",
        ],
        id="source locale not a string",
    ),
    pytest.param(
        MINIMAL.replace('["en-US"]', '["en-US", "klingon-XX"]'),
        [
            "site.toml:3: locales: unknown locale; expected a tag such as 'de' or 'pt-BR',"
            " got 'klingon-XX'"
        ],
        id="unknown locale",
    ),
    pytest.param(
        MINIMAL.replace('["en-US"]', '["en-US", 7]'),
        ["site.toml:3: locales: unknown locale; expected a tag such as 'de' or 'pt-BR', got 7"],
        id="locale not a string",
    ),
    pytest.param(
        MINIMAL.replace('["en-US"]', '["en-US", "de", "de"]'),
        ["site.toml:3: locales: 'de' is listed more than once"],
        id="locale listed twice",
    ),
    pytest.param(
        MINIMAL.replace('["en-US"]', '["de"]'),
        ["site.toml:3: locales: must include the source locale 'en-US'"],
        id="source locale not published",
    ),
    pytest.param(
        MINIMAL.replace('source_locale = "en-US"', 'source_locale = "english"').replace(
            '["en-US"]', '["english"]'
        ),
        [
            "site.toml:2: source_locale: unknown locale; expected a tag such as 'de' or 'pt-BR',"
            " got 'english'",
            "site.toml:3: locales: unknown locale; expected a tag such as 'de' or 'pt-BR',"
            " got 'english'",
        ],
        id="unknown source locale",
    ),
    pytest.param(
        MINIMAL.replace("https://example.test/", "example.test/help"),
        [
            "site.toml:4: base_url: expected an absolute http(s) URL ending with '/',"
            " got 'example.test/help'"
        ],
        id="relative base URL",
    ),
    pytest.param(
        MINIMAL.replace("https://example.test/", "https://example.test/help"),
        [
            "site.toml:4: base_url: expected an absolute http(s) URL ending with '/',"
            " got 'https://example.test/help'"
        ],
        id="base URL without trailing slash",
    ),
    pytest.param(
        MINIMAL + "publish_threshold = 60\n",
        ["site.toml:5: publish_threshold: expected a fraction between 0 and 1, got 60"],
        id="threshold out of range",
    ),
    pytest.param(
        MINIMAL + "publish_threshold = true\n",
        ["site.toml:5: publish_threshold: expected a number, got True"],
        id="threshold a boolean",
    ),
    pytest.param(
        MINIMAL + "\n[review]\nrequired = false\nself_approval = true\n",
        [
            "site.toml:8: self_approval: unknown key in [review]; expected 'required' or"
            " 'allow_self_approval'"
        ],
        id="unknown review key",
    ),
    pytest.param(
        MINIMAL + '\n[review]\nrequired = "false"\n',
        ["site.toml:7: required: expected true or false, got 'false'"],
        id="review value not a boolean",
    ),
    pytest.param(
        MINIMAL.replace('title = "Warnings"', 'title = "Warnings'),
        ["site.toml:1: not valid TOML: Illegal character '\\n' (at line 1, column 18)"],
        id="not TOML",
    ),
]


@pytest.mark.parametrize(("text", "expected"), BAD)
def test_a_bad_config_is_reported_with_its_line(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    write_config(tmp_path, text)
    assert problems(tmp_path) == expected


def test_every_problem_is_reported_at_once_in_line_order(tmp_path: Path) -> None:
    text = (
        'title = 3\nsource_locale = "en-US"\nlocales = ["en-US"]\n'
        'base_url = "ftp://example.test/"\npublish_threshold = 2\ncolour = "red"\n'
    )
    write_config(tmp_path, text)
    assert problems(tmp_path) == [
        "site.toml:1: title: expected a string, got 3",
        "site.toml:4: base_url: expected an absolute http(s) URL ending with '/',"
        " got 'ftp://example.test/'",
        "site.toml:5: publish_threshold: expected a fraction between 0 and 1, got 2",
        "site.toml:6: colour: unknown key; expected one of base_url, home, locales, output,"
        " publish_threshold, review, source_locale, theme, title, verify",
    ]


def test_a_config_that_is_not_utf8_is_an_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_bytes(MINIMAL.replace("Warnings", "Caf\xe9").encode("latin-1"))
    with pytest.raises(CertwarnError) as raised:
        load_config(tmp_path)
    assert str(raised.value) == "site.toml:1: not valid UTF-8: got byte 0xe9"
