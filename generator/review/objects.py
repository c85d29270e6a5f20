"""Content-addressed objects: `objects/<first two hex>/<sha256>` holding a file's bytes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.atomic import write_atomic
from generator.review.canonical import sha256_hex
from generator.review.files import read_store_file


class ObjectStore:
    """The snapshots of submitted files, named by the SHA-256 of their bytes."""

    def __init__(self, folder: Path, shown: Callable[[Path], str] = str):
        self.folder = folder
        self.shown = shown

    def path_of(self, digest: str) -> Path:
        return self.folder / digest[:2] / digest

    def put(self, data: bytes) -> Path | None:
        """Store `data`; return the path if this call created it, None if it was there."""
        target = self.path_of(sha256_hex(data))
        if target.exists() and not target.is_symlink():
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
        return target

    def get(self, digest: str) -> bytes | None:
        """The bytes stored under `digest`, or None when the object is missing.

        A symlink, FIFO or device in its place raises ReviewError naming the object.
        """
        path = self.path_of(digest)
        return read_store_file(path, self.shown(path))
