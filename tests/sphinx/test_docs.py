"""`make docs`: the project's documentation builds with Sphinx, without a single warning."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.cli import COMMANDS

REPO = Path(__file__).parents[2]


def test_the_documentation_builds_without_warnings(tmp_path: Path) -> None:
    out = tmp_path / "docs"
    # the command `make docs` runs, into a temporary folder
    command = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html"]
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [*command, str(REPO / "docs"), str(out)],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )
    assert (done.returncode, done.stderr) == (0, "")
    cli = (out / "cli.html").read_text(encoding="utf-8")
    for name in COMMANDS:
        assert f'<section id="certwarn-{name}">' in cli, name
    assert "--allow-host NAME" in cli, "options come from the parser"
    markdown = (out / "markdown.html").read_text(encoding="utf-8")
    assert 'id="certwarn-code-sec-error-unknown-issuer">' in markdown
    assert 'href="sphinx-extension.html#certwarn-article-bypassing-the-warning' in markdown
