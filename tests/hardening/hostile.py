"""Helpers for the hostile-input tests: fixtures that carry their expected `path:line: message`,
and a build that must be refused with exactly that line while the previous site stays as it was.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
"""One folder per class of hostile input; each file one case, at the project path it goes to
(sources) or replacing site.toml (`*.toml`), ending with `expect: path:line: message`."""
EXPECT = re.compile(rb"(?:<!--|#) expect: (.+?)(?: -->)?\n")
Cli = Callable[..., Any]


def sources(kind: str) -> list[Path]:
    return sorted((FIXTURES / kind).rglob("*.md"))


def configs(kind: str) -> list[Path]:
    return sorted((FIXTURES / kind).glob("*.toml"))


def case_id(fixture: Path) -> str:
    return fixture.stem


def expectation(fixture: Path) -> str:
    found = EXPECT.search(fixture.read_bytes())
    assert found, f"{fixture} has no expect: line"
    return found.group(1).decode("utf-8")


def install(project: Path, fixture: Path) -> None:
    """Copy a fixture into the project: a source at its path, a `.toml` as site.toml."""
    kind = fixture.relative_to(FIXTURES).parts[0]
    relative = fixture.relative_to(FIXTURES / kind)
    target = project / ("site.toml" if fixture.suffix == ".toml" else relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(fixture, target)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def refused(project: Path, cli: Cli, harm: Callable[[], object], *args: str) -> str:
    """Build, do `harm`, build again: that build must exit 1 with one located line and leave
    the site as it was. Returns the line."""
    assert cli(project, "build").code == 0
    before = snapshot(project / "build/html")
    harm()
    run = cli(project, "build", *args)
    assert run.code == 1, run.out + run.err
    assert "Traceback" not in run.err
    assert snapshot(project / "build/html") == before
    return str(run.err).rstrip("\n")
