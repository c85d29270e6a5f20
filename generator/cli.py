"""The `certwarn` command line: parses arguments, runs a command, prints errors."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.errors import CertwarnError, ProblemsError

# subcommand -> module under generator.commands that defines `add_arguments(parser)` and `run(args)`
COMMANDS = {
    "build": "build_cmd",
    "catalog": "catalog_cmd",
    "revise": "revise_cmd",
    "review": "review_cmd",
    "status": "status_cmd",
    "verify": "verify_cmd",
    "serve": "serve_cmd",
    "bench": "bench_cmd",
}


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="certwarn", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder")
    parser.add_argument("--debug", action="store_true", help="show tracebacks")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for name, module_name in COMMANDS.items():
        try:
            module = importlib.import_module(f"generator.commands.{module_name}")
        except ModuleNotFoundError as e:  # TODO(lead): remove once every command has landed
            if e.name != f"generator.commands.{module_name}":
                raise
            continue
        sub = subparsers.add_parser(name, help=(module.__doc__ or "").strip().splitlines()[0])
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except CertwarnError as e:
        if args.debug:
            raise
        located = e.path is not None or isinstance(e, ProblemsError)
        print(str(e) if located else f"certwarn: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("certwarn: interrupted", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())
