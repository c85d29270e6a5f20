"""Measure build speed on a synthetic site against Hugo and a Sphinx (MyST) baseline."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

from generator.commands.progress import progress_bar

# generator.bench loads psutil (the bench extra) at import: loaded in run(), so --help works


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--locales", type=int, default=30, help="locales in the synthetic site (default 30)"
    )
    parser.add_argument(
        "--documents", type=int, default=60, help="documents per locale (default 60)"
    )
    parser.add_argument(
        "--memory-locales",
        type=int,
        default=100,
        help="locales for the peak-memory build (0: skip; default 100)",
    )
    parser.add_argument(
        "--sphinx-locales",
        type=int,
        default=0,
        help="build only this many locales with Sphinx and scale per page (0: all)",
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=(),
        metavar="LxD,...",
        help="also build these sizes cold with certwarn and Hugo, e.g. 10x60,30x60,10x1000",
    )
    parser.add_argument(
        "--out", type=Path, metavar="FILE", help="result file (default build/bench/result.json)"
    )


def _sizes(text: str) -> tuple[tuple[int, int], ...]:
    """`10x60,30x60` -> ((10, 60), (30, 60))."""
    try:
        pairs = [item.lower().split("x") for item in text.split(",") if item.strip()]
        sizes = tuple((int(locales), int(documents)) for locales, documents in pairs)
    except ValueError as e:
        raise argparse.ArgumentTypeError(f"expected sizes like 10x60,30x60, got {text!r}") from e
    if any(locales < 1 or documents < 4 for locales, documents in sizes):
        raise argparse.ArgumentTypeError(f"sizes need >= 1 locale and >= 4 documents: {text!r}")
    return sizes


def _memory_folder() -> str | None:
    """A tmpfs (/dev/shm) for both tools' sources and output, so disk speed times neither;
    the system's temporary folder where there is none."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK | os.X_OK) else None


def run(args: argparse.Namespace) -> int:
    from generator.bench.run import BenchSettings, format_table, run_bench

    settings = BenchSettings(
        args.locales, args.documents, args.memory_locales, args.sphinx_locales, args.sizes
    )
    lines = progress_bar("bench", None, lambda m: print(m, file=sys.stderr, flush=True))
    scratch = _memory_folder()
    with (
        tempfile.TemporaryDirectory(prefix="certwarn-bench-", dir=scratch) as folder,
        lines as progress,
    ):
        result = run_bench(settings, Path(folder), progress)
    target = args.out or args.root / "build" / "bench" / "result.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(format_table(result))
    return 0
