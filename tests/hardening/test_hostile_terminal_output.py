"""File names and text from content reach the terminal escaped: an escape sequence, carriage
return or bidirectional override in a name is shown as `\\x1b`, `\\x0d`, `\\u202e`, never
obeyed, in `path:line: message` and in what commands print about files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import Cli, refused

from generator.review.keys import generate_key

HOSTILE = "evil\x1b[2J\x1b[1;1Hfine\r\u202ename"
ESCAPED = "evil\\x1b[2J\\x1b[1;1Hfine\\x0d\\u202ename"
ARTICLE = "---\ntitle: Fine\nsummary: Fine.\n---\n\nBody.\n"
UNCLOSED = "---\ntitle: [unclosed\n---\n\nBody.\n"


def obeys_nothing(text: str) -> bool:
    return not any(char in text for char in "\x1b\r\u202e")


def test_a_file_name_with_escape_sequences_is_escaped_in_the_error(project: Path, cli: Cli) -> None:
    article = project / f"content/articles/{HOSTILE}.md"
    line = refused(project, cli, lambda: article.write_text(UNCLOSED))
    assert line == (
        f"content/articles/{ESCAPED}.md:3: front matter is not valid YAML: "
        "did not find expected ',' or ']'"
    )


def test_a_folder_named_like_a_document_with_escapes_is_refused_escaped(
    project: Path, cli: Cli
) -> None:
    folder = project / f"content/articles/{HOSTILE}.md"
    assert refused(project, cli, folder.mkdir) == (
        f"content/articles/{ESCAPED}.md:1: refused a folder: expected a regular file"
    )


@pytest.fixture
def gated(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A gated project with an author key (revise signs with it)."""
    monkeypatch.setenv("CERTWARN_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("CERTWARN_KEY", raising=False)
    generate_key("ann")
    config = project / "site.toml"
    config.write_text(config.read_text().replace("required = false", "required = true"))
    return project


def test_status_and_revise_print_a_hostile_file_name_escaped(gated: Path, cli: Cli) -> None:
    (gated / f"content/articles/{HOSTILE}.md").write_text(ARTICLE)
    status = cli(gated, "status")
    revise = cli(gated, "revise", "--all", "--comment", "c", "--creator", "ann")
    assert status.code == 0 and f"\n  content/articles/{ESCAPED}.md\n" in status.out
    assert (revise.code, revise.err) == (
        1,
        f"content/articles/{ESCAPED}.md:1: article file names are lower-case slugs, "
        "got 'evil\\x1b[2J\\x1b[1;1Hfine\\r\\u202ename'\n",
    )
    assert obeys_nothing(status.out + status.err + revise.out + revise.err)


def test_an_os_error_names_its_path_escaped(project: Path, cli: Cli) -> None:
    blocker = project / f"build/file{HOSTILE}"
    blocker.parent.mkdir()
    blocker.write_text("a file where a folder is wanted")
    run = cli(project, "build", "--out", str(blocker / "html"))
    assert run.code == 1
    assert f"file{ESCAPED}" in run.err and obeys_nothing(run.err), run.err
