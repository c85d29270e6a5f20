"""The command line: exit codes, where output goes, and tracebacks only with --debug."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.cli import COMMANDS, main
from generator.errors import CertwarnError

BAD = Path(__file__).parents[1] / "fixtures" / "bad"
Cli = Callable[..., Any]
EXPECT = re.compile(r"<!-- expect: (.+?) -->")


def add_bad(project: Path, relative: str) -> str:
    """Copy a bad fixture into the project; the line it expects on stderr."""
    shutil.copyfile(BAD / relative, project / relative)
    found = EXPECT.search((BAD / relative).read_bytes().decode("utf-8", errors="replace"))
    assert found
    return found.group(1)


def test_a_good_build_exits_0_quietly(project: Path, cli: Cli) -> None:
    run = cli(project, "build")
    assert (run.code, run.out, run.err) == (0, "", "")
    assert (project / "build/html/en-US/index.html").is_file()


def test_verbose_shows_progress_on_stderr_and_a_summary_on_stdout(project: Path, cli: Cli) -> None:
    run = cli(project, "build", "--verbose")
    assert run.code == 0
    assert "rendered en-US" in run.err.splitlines()
    assert re.fullmatch(r"\d+ files, \d+ written, to build/html\n", run.out)


def test_out_chooses_the_output_folder(project: Path, cli: Cli) -> None:
    assert cli(project, "build", "--out", str(project / "public")).code == 0
    assert (project / "public/en-US/index.html").is_file()
    assert not (project / "build/html").exists()


def test_bad_content_exits_1_with_one_line_per_problem(project: Path, cli: Cli) -> None:
    expected = sorted(
        [
            add_bad(project, "content/articles/h1-in-body.md"),
            add_bad(project, "content/articles/unknown-os.md"),
        ]
    )
    run = cli(project, "build")
    assert (run.code, run.out) == (1, "")
    assert run.err.splitlines() == expected


def test_user_errors_never_show_a_traceback(project: Path, cli: Cli) -> None:
    add_bad(project, "content/articles/not-utf-8.md")
    run = cli(project, "build")
    assert run.code == 1
    assert "Traceback" not in run.err
    assert run.err == "content/articles/not-utf-8.md:2: not valid UTF-8: got byte 0xe9\n"


def test_debug_lets_the_error_through_with_its_traceback(project: Path) -> None:
    add_bad(project, "content/articles/h1-in-body.md")
    with pytest.raises(CertwarnError):
        main(["--root", str(project), "--debug", "build"])


def test_a_folder_without_site_toml_exits_1(tmp_path: Path, cli: Cli) -> None:
    run = cli(tmp_path, "build")
    assert (run.code, run.err) == (1, f"site.toml: no site.toml found; looked in {tmp_path}\n")


def test_a_locale_the_site_does_not_list_exits_1(project: Path, cli: Cli) -> None:
    run = cli(project, "build", "--locale", "de")
    assert (run.code, run.err) == (1, "site.toml: unknown locale 'de'; site.toml lists en-US\n")
    assert not (project / "build").exists()


def test_an_interrupt_exits_130(project: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("generator.commands.build.build", interrupted)
    run = cli(project, "build")
    assert (run.code, run.err) == (130, "certwarn: interrupted\n")


@pytest.mark.parametrize(
    "argv",
    [[], ["no-such-command"], ["build", "--no-such-option"]],
    ids=["no command", "unknown command", "unknown option"],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(argv)
    assert raised.value.code == 2
    assert capsys.readouterr().err.startswith("usage: certwarn")


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["--help"])
    assert raised.value.code == 0
    shown = capsys.readouterr().out
    assert all(name in shown for name in COMMANDS)


# the browser drivers `verify` imports (marionette_driver: distro, telnetlib) warn on import
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_shows_its_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main([command, "--help"])
    assert raised.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: certwarn {command}")


def test_the_installed_command_exits_1_without_a_traceback(project: Path) -> None:
    expected = add_bad(project, "content/codes/WRONG_TYPE.md")
    script = Path(sys.executable).parent / "certwarn"
    done = subprocess.run(
        [str(script), "--root", str(project), "build"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (1, "", expected + "\n")
