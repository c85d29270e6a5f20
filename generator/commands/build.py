"""Build the published site (or a preview of pending work)."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path

from generator.build.run import BuildResult, build
from generator.build.search_index import IndexPhase
from generator.commands.progress import progress_bar
from generator.config import load_config
from generator.terminal import printable


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
        "--timings",
        type=Path,
        metavar="FILE",
        help="write what the search index cost, apart from the site, to FILE as JSON "
        "(`certwarn bench` reads it)",
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
    locales = len(args.locale or config.locales)
    bar = lines if args.verbose else progress_bar("build", locales, counts=_renders_a_locale)
    with bar as progress:
        result = build(
            config, locales=args.locale, preview=args.preview, out=args.out, progress=progress
        )
    if args.timings:
        _write_timings(args.timings, result.search)
    for problem in result.problems:
        print(f"warning: {problem}", file=sys.stderr)
    _report_unpublished(result, args.verbose)
    if args.verbose:
        written = len(result.write.written)
        print(f"{result.pages} files, {written} written, to {config.rel(result.out)}")
    return 0


def _write_timings(path: Path, search: IndexPhase) -> None:
    figures = {
        "search_index": {
            "locales": len(search.runs),
            "seconds": search.seconds,
            "cpu_seconds": search.cpu_seconds,
            "peak_mb": search.peak_kib / 1024,
        }
    }
    path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


def _report_unpublished(result: BuildResult, verbose: bool) -> None:
    """One summary line for files without an approved revision (the list with -v); every
    approval the trust root refused, always, since it unpublishes what was published."""
    for line in result.refused:
        print(f"refused approval: {printable(line)}")
    count = len(result.unpublished)
    if count:
        files = "1 file is" if count == 1 else f"{count} files are"
        print(f"{files} not published: no approved revision; `certwarn status` lists them")
    if verbose:
        for path in result.unpublished:
            print(f"  not published: {printable(path)}")


def _renders_a_locale(line: str) -> bool:
    return line.startswith("rendered ")
