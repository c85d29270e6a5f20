"""What a screenshot run produced: the files written, and what it skipped and why."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.verify.files import write_atomic
from generator.verify.png import looks_blank


@dataclass(frozen=True, slots=True)
class Skip:
    """A screenshot that was not taken: the file it concerns and why."""

    path: Path | None
    """The page that could not be shot, or the screenshot that was not written."""
    reason: str


@dataclass(frozen=True, slots=True)
class ShotRun:
    """Files written (in order) and the screenshots that were skipped."""

    written: tuple[Path, ...] = ()
    skipped: tuple[Skip, ...] = ()

    def __add__(self, other: ShotRun) -> ShotRun:
        return ShotRun(self.written + other.written, self.skipped + other.skipped)


def save_png(path: Path, data: bytes) -> ShotRun:
    """Write a screenshot unless it is blank, which means the page did not render."""
    if looks_blank(data):
        return ShotRun(skipped=(Skip(path, "the screenshot came out blank; nothing written"),))
    write_atomic(path, data)
    return ShotRun(written=(path,))
