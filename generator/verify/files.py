"""Writes for everything verification leaves under build/: folders made as needed."""

from __future__ import annotations

from pathlib import Path

from generator import atomic


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` crash-safely (generator.atomic), creating the folder first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_atomic(path, data)
