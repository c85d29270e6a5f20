"""A conventional command line: --version, help for every option without the optional
extras (and which extra a command needs), a progress bar only on a terminal."""

from __future__ import annotations

import argparse
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from generator import __version__
from generator.cli import COMMANDS, EXTRAS, main, make_parser

REPO = Path(__file__).parents[2]
EXTRA_MODULES = sorted({module for _, modules in EXTRAS.values() for module in modules})

# Runs the command line as if no optional extra were installed: importing any of their
# modules fails the way it does in an environment without them.
WITHOUT_EXTRAS = f"""
import importlib.abc, sys
class NotInstalled(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {EXTRA_MODULES!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
sys.meta_path.insert(0, NotInstalled())
from generator.cli import main
sys.exit(main(sys.argv[1:]))
"""


def without_extras(*args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-c", WITHOUT_EXTRAS, *args]
    return subprocess.run(command, capture_output=True, text=True, env=environment, timeout=60)


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--version"])
    assert raised.value.code == 0
    assert capsys.readouterr().out == f"certwarn {__version__}\n"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_shows_its_help_without_the_optional_extras(command: str) -> None:
    done = without_extras(command, "--help")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith(f"usage: certwarn {command}")
    if command in EXTRAS:
        extra = EXTRAS[command][0]
        words = " ".join(done.stdout.split())  # argparse wraps lines
        assert f"Needs the {extra} extra: pip install 'certwarn[{extra}]'." in words


def test_the_command_list_says_which_extra_a_command_needs() -> None:
    shown = " ".join(without_extras("--help").stdout.split())
    assert "(needs the verify" in shown and "(needs the bench" in shown


@pytest.mark.parametrize("command", sorted(EXTRAS))
def test_running_a_command_without_its_extra_names_the_extra(command: str, project: Path) -> None:
    done = without_extras("--root", str(project), command)
    extra = EXTRAS[command][0]
    assert done.returncode == 1
    assert done.stderr.startswith(f"certwarn {command}: needs the {extra} extra (no module named")
    assert done.stderr.endswith(f"install it with: pip install 'certwarn[{extra}]'\n")


def parsers(
    parser: argparse.ArgumentParser, name: str
) -> list[tuple[str, argparse.ArgumentParser]]:
    """The parser and every sub-parser below it (`catalog init`, `review approve`, …)."""
    found = [(name, parser)]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child, sub in action.choices.items():
                found += parsers(sub, f"{name} {child}")
    return found


# the browser drivers `verify` imports (marionette_driver: distro, telnetlib) warn on import
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_option_and_argument_has_a_help_text(command: str) -> None:
    undocumented = [
        f"{name}: {action.dest}"
        for name, parser in parsers(make_parser(command), "certwarn")
        for action in parser._actions
        if not isinstance(action, argparse._SubParsersAction) and not action.help
    ]
    assert undocumented == []


def on_a_terminal(*args: str) -> tuple[int, str]:
    """Run certwarn with its output on a pseudo-terminal; (exit code, everything it wrote)."""
    leader, follower = pty.openpty()
    environment = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "100", "TERM": "xterm"}
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", *args],
        stdout=follower,
        stderr=follower,
        env=environment,
    )
    os.close(follower)
    output = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    return process.wait(timeout=60), output.decode("utf-8", errors="replace")


def test_a_build_on_a_terminal_shows_a_progress_bar(project: Path) -> None:
    code, output = on_a_terminal("--root", str(project), "build")
    assert code == 0
    assert "build" in output and "1/1" in output, output


def test_a_build_elsewhere_prints_nothing(project: Path) -> None:
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", "--root", str(project), "build"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
