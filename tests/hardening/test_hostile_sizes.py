"""Sizes are bounded: a file larger than the policy's limit is refused before it is read, and
front matter longer than metadata needs is refused before YAML parses it."""

from __future__ import annotations

import os
from pathlib import Path

from hostile import Cli, refused

from generator.content.frontmatter import MAX_FRONT_MATTER
from generator.safe_paths import MAX_FILE_BYTES


def test_a_source_larger_than_the_limit_is_refused_unread(project: Path, cli: Cli) -> None:
    def huge() -> None:
        with open(project / "content/articles/huge.md", "wb") as handle:
            handle.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written, the size is real

    assert refused(project, cli, huge) == (
        f"content/articles/huge.md:1: file is larger than the {MAX_FILE_BYTES} bytes accepted;"
        f" got {MAX_FILE_BYTES + 1} bytes"
    )


def test_front_matter_longer_than_metadata_needs_is_refused(project: Path, cli: Cli) -> None:
    front = "title: Long\nsummary: One sentence.\nnotes: " + "x" * MAX_FRONT_MATTER + "\n"
    write = lambda: (project / "content/articles/long.md").write_text(f"---\n{front}---\n\nText.\n")  # noqa: E731
    assert refused(project, cli, write) == (
        f"content/articles/long.md:1: front matter is longer than {MAX_FRONT_MATTER} characters;"
        f" got {len(front)}"
    )


def test_a_site_toml_larger_than_the_limit_is_refused_unread(project: Path, cli: Cli) -> None:
    def huge() -> None:
        with open(project / "site.toml", "ab") as handle:
            handle.truncate(MAX_FILE_BYTES + 1)

    assert refused(project, cli, huge) == (
        f"site.toml:1: file is larger than the {MAX_FILE_BYTES} bytes accepted;"
        f" got {MAX_FILE_BYTES + 1} bytes"
    )
    assert os.path.getsize(project / "site.toml") == MAX_FILE_BYTES + 1
