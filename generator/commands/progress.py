"""Progress on long work: a bar on a terminal, the command's own lines (or nothing) elsewhere.

Stages report progress as lines (`Callable[[str], None]`); this turns them into a bar when
standard error is a terminal, so logs and pipes get no control sequences.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Progress = Callable[[str], None]


def quiet(line: str) -> None:
    """Progress nobody sees."""


def on_terminal() -> bool:
    return sys.stderr.isatty()


@contextmanager
def progress_bar(
    title: str,
    total: int | None,
    elsewhere: Progress = quiet,
    counts: Callable[[str], bool] = lambda line: True,
    show: bool = True,
) -> Iterator[Progress]:
    """A progress callback: on a terminal, a bar of `total` steps (a spinner when None) that
    advances on each line `counts` accepts and shows the newest line; elsewhere, or when not
    `show`, `elsewhere`."""
    if not show or not on_terminal():
        yield elsewhere
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.progress import (
        Progress as Bar,
    )

    columns = [SpinnerColumn(), TextColumn(f"[bold]{title}")]
    if total is not None:
        columns += [BarColumn(), MofNCompleteColumn()]
    columns += [TimeElapsedColumn(), TextColumn("{task.description}")]
    with Bar(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=total)

        def step(line: str) -> None:
            bar.update(task, advance=1 if counts(line) else 0, description=line)

        yield step
