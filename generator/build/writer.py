"""Writing a built site: pages are staged beside it as they arrive, then put in place at once.

A first build moves the staged folder into place whole. Later builds replace only the files
whose bytes changed (each atomically) and remove files no page writes any more. Nothing in the
output folder is touched until `commit`; `abort` leaves it exactly as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator.atomic import write_atomic
from generator.errors import CertwarnError
from generator.render.pages import Page

MANIFEST = ".certwarn-files.json"
"""Inside the output folder: the hash of every file the last build wrote."""


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What a write changed."""

    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int


class SiteWriter:
    """Stages changed pages in a temporary folder next to `out` until `commit`."""

    def __init__(self, out: Path):
        self.out = out
        self.previous = read_manifest(out)
        if self.previous is None:
            _refuse_foreign(out)
        self.made_parent = not out.parent.exists()
        out.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
        self.hashes: dict[str, str] = {}
        self.staged: list[str] = []

    def add(self, page: Page) -> None:
        """Record a page; its bytes are staged only when they differ from the live file."""
        self._claim(page.path, hashlib.sha256(page.data).hexdigest())
        live_same = (
            self.previous is not None and self.previous.get(page.path) == self.hashes[page.path]
        )
        if live_same and (self.out / page.path).is_file():
            return
        target = self.staging / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.data)
        self.staged.append(page.path)

    def keep(self, files: Iterable[tuple[str, str]]) -> bool:
        """Keep live files unchanged from the last build; False when one is missing."""
        files = list(files)
        out = str(self.out)  # os.path: thousands of pathlib objects cost more than the stat
        for path, digest in files:
            if self.previous is None or self.previous.get(path) != digest:
                return False
            if not os.path.isfile(os.path.join(out, path)):
                return False
        for path, digest in files:
            self._claim(path, digest)
        return True

    def _claim(self, path: str, digest: str) -> None:
        if path in self.hashes:
            raise CertwarnError(f"two pages write the same output path {path!r}")
        self.hashes[path] = digest

    def commit(self) -> WriteResult:
        manifest = json.dumps(dict(sorted(self.hashes.items())), indent=0).encode()
        if self.previous is None:
            (self.staging / MANIFEST).write_bytes(manifest)
            _swap(self.staging, self.out)
            return WriteResult(tuple(sorted(self.hashes)), (), 0)
        for path in self.staged:
            (self.out / path).parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.staging / path, self.out / path)
        removed = sorted(set(self.previous) - set(self.hashes))
        for path in removed:
            (self.out / path).unlink(missing_ok=True)
        if self.staged or removed or self.previous != self.hashes:
            write_atomic(self.out / MANIFEST, manifest)
        shutil.rmtree(self.staging, ignore_errors=True)
        unchanged = len(self.hashes) - len(self.staged)
        return WriteResult(tuple(self.staged), tuple(removed), unchanged)

    def abort(self) -> None:
        """Discard everything staged; a folder made only for staging goes too."""
        shutil.rmtree(self.staging, ignore_errors=True)
        if self.made_parent and not any(self.out.parent.iterdir()):
            self.out.parent.rmdir()


def write_site(out: Path, pages: Iterable[Page]) -> WriteResult:
    """Write every page of a site to `out` (see SiteWriter)."""
    writer = SiteWriter(out)
    try:
        for page in pages:
            writer.add(page)
        return writer.commit()
    except BaseException:
        writer.abort()
        raise


def read_manifest(out: Path) -> dict[str, str] | None:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _refuse_foreign(out: Path) -> None:
    """A fresh site replaces the folder whole, so that folder must be empty or absent."""
    if not out.exists() or (out.is_dir() and not any(out.iterdir())):
        return
    raise CertwarnError(
        f"refusing to replace {out}: it is not empty and has no {MANIFEST} from an earlier "
        "build; remove it or choose another output folder"
    )


def _swap(staging: Path, out: Path) -> None:
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.replace(out, old / out.name)
        os.replace(staging, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, out)
