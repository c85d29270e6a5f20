"""The `certwarn` command line: parses arguments, runs a command, prints errors."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.errors import CertwarnError, ProblemsError, format_location

# name (a module under generator.commands defining `add_arguments` and `run`) -> one-line help.
# Only the chosen command's module is imported, so a light command never loads browsers' drivers.
COMMANDS = {
    "build": "build the published site (or a preview of pending work)",
    "catalog": "extract, update, init, check or count gettext catalogs",
    "revise": "submit the working copy of files as new revisions",
    "review": "list, show, approve or reject revisions; make reviewer keys",
    "status": "what is published, waiting for review, embargoed or outdated",
    "verify": "check each code against real browsers; take screenshots",
    "serve": "live preview on 127.0.0.1: rebuild on changes, reload open pages",
    "bench": "measure build speed against a Sphinx baseline",
}

EXTRAS = {
    "verify": ("verify", ("OpenSSL", "playwright", "marionette_driver")),
    "bench": ("bench", ("sphinx", "myst_parser", "docutils", "psutil")),
}
"""Command -> (the optional extra it needs, the top-level modules that extra installs)."""

DESCRIPTION = "Build, review, translate and verify explanations of browser security warnings."
EPILOG = "Run `certwarn COMMAND --help` for a command's options."


def make_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; only `command`'s own options are loaded (all names are listed in help)."""
    parser = argparse.ArgumentParser(prog="certwarn", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"certwarn {__version__}")
    parser.add_argument(
        "--root",
        type=Path,
        default=Path.cwd(),
        metavar="DIR",
        help="the project folder, which holds site.toml (default: the current folder)",
    )
    parser.add_argument(
        "--debug", action="store_true", help="show a traceback when a command fails"
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        description = help_text
        if name in EXTRAS:
            extra = EXTRAS[name][0]
            help_text += f" (needs the {extra} extra)"
            description += f". Needs the {extra} extra: pip install 'certwarn[{extra}]'."
        sub = subparsers.add_parser(name, help=help_text, description=description)
        if name == command:
            module = importlib.import_module(f"generator.commands.{name}")
            module.add_arguments(sub)
            sub.set_defaults(run=module.run)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    """The command word, found the way the full parser will find it."""
    first = argparse.ArgumentParser(add_help=False)
    first.add_argument("--root")
    first.add_argument("--debug", action="store_true")
    first.add_argument("command", nargs="?")
    known, _ = first.parse_known_args(argv)
    return known.command if known.command in COMMANDS else None


def missing_extra(command: str, error: ModuleNotFoundError) -> str | None:
    """The extra a command lacks when `error` names one of that extra's modules."""
    extra, modules = EXTRAS.get(command, ("", ()))
    top = (error.name or "").split(".")[0]
    return extra if top in modules else None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = make_parser(_command_in(arguments)).parse_args(arguments)
    try:
        code: int = args.run(args)
    except CertwarnError as e:
        if args.debug:
            raise
        located = e.path is not None or isinstance(e, ProblemsError)
        print(str(e) if located else f"certwarn: {e}", file=sys.stderr)
        return 1
    except ModuleNotFoundError as e:
        extra = missing_extra(args.command, e)
        if extra is None or args.debug:
            raise
        print(
            f"certwarn {args.command}: needs the {extra} extra (no module named {e.name!r}); "
            f"install it with: pip install 'certwarn[{extra}]'",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        print("certwarn: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (`certwarn status | head`): stop quietly, as shell tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as e:
        if args.debug or e.filename is None:
            raise
        # a read-only or full disk outside the site writer (caches, catalogs): one line
        print(format_location(str(e.filename), None, str(e.strerror or e)), file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
