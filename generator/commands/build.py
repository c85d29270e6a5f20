"""Build the published site (or a preview of pending work)."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

from generator.build.run import build
from generator.commands.progress import progress_bar
from generator.config import load_config


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--locale",
        action="append",
        default=[],
        metavar="L",
        help="build only this locale (repeatable; default: every locale in site.toml)",
    )
    parser.add_argument(
        "--preview",
        action="store_true",
        help="render the newest revisions, pending ones included, to build/preview "
        "with a draft banner",
    )
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="output folder (default: output in site.toml)"
    )
    parser.add_argument(
        "--verbose",
        "-v",
        action="store_true",
        help="print each rendered locale and a summary (otherwise a terminal shows a progress "
        "bar, and nothing else is printed)",
    )


def run(args: argparse.Namespace) -> int:
    config = load_config(args.root)
    lines = contextlib.nullcontext(lambda m: print(m, file=sys.stderr))
    bar = lines if args.verbose else progress_bar("build", len(args.locale or config.locales))
    with bar as progress:
        result = build(
            config, locales=args.locale, preview=args.preview, out=args.out, progress=progress
        )
    for problem in result.problems:
        print(f"warning: {problem}", file=sys.stderr)
    for path in result.unpublished:
        print(f"not published (no approved revision): {path}")
    if args.verbose:
        written = len(result.write.written)
        print(f"{result.pages} files, {written} written, to {config.rel(result.out)}")
    return 0
