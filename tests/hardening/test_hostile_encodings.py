"""Bytes that are not UTF-8 in site.toml, a theme's theme.toml or a source: `path:line:
message` at the line of the first bad byte, never a UnicodeDecodeError."""

from __future__ import annotations

import shutil
from pathlib import Path

from hostile import Cli, refused

from generator.theme.folders import BUILTIN_THEMES


def test_latin_1_in_site_toml_is_refused_at_its_line(project: Path, cli: Cli) -> None:
    def harm() -> None:
        config = project / "site.toml"
        config.write_bytes(config.read_bytes().replace(b"Test warnings", b"Avertissements \xe9"))

    assert refused(project, cli, harm) == "site.toml:1: not valid UTF-8: got byte 0xe9"


def test_latin_1_in_a_theme_toml_is_refused_at_its_line(project: Path, cli: Cli) -> None:
    def harm() -> None:
        shutil.copytree(BUILTIN_THEMES / "default", project / "themes/latin")
        (project / "themes/latin/theme.toml").write_bytes(b"# th\xe8me\n")
        config = project / "site.toml"
        config.write_text(config.read_text().replace('theme = "default"', 'theme = "latin"'))

    assert refused(project, cli, harm) == (
        "themes/latin/theme.toml:1: not valid UTF-8: got byte 0xe8"
    )


def test_an_encoded_surrogate_in_a_source_is_refused_at_its_line(project: Path, cli: Cli) -> None:
    def harm() -> None:
        text = b"---\ntitle: Surrogate\nsummary: One \xed\xa0\x80 sentence.\n---\n\nText.\n"
        (project / "content/articles/surrogate.md").write_bytes(text)

    assert refused(project, cli, harm) == (
        "content/articles/surrogate.md:3: not valid UTF-8: got byte 0xed"
    )
