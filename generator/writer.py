"""Writing a built site: a new folder is swapped in whole, an existing one gets changed files."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import CertwarnError
from generator.site import Page

MANIFEST = ".certwarn-files.json"
"""Inside the output folder: the hash of every file the last build wrote."""


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What a write changed."""

    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int


def check_unique(pages: Sequence[Page]) -> None:
    seen: set[str] = set()
    for page in pages:
        if page.path in seen:
            raise CertwarnError(f"two pages write the same output path {page.path!r}")
        seen.add(page.path)


def write_site(out: Path, pages: Sequence[Page]) -> WriteResult:
    """Write `pages` to `out`. Nothing is touched until every page exists in memory."""
    check_unique(pages)
    hashes = {p.path: hashlib.sha256(p.data).hexdigest() for p in pages}
    previous = _read_manifest(out)
    if previous is None:
        _refuse_foreign(out)
        return _write_fresh(out, pages, hashes)
    return _write_changes(out, pages, hashes, previous)


def _refuse_foreign(out: Path) -> None:
    """A fresh site replaces the folder whole, so that folder must be empty or absent."""
    if not out.exists() or (out.is_dir() and not any(out.iterdir())):
        return
    raise CertwarnError(
        f"refusing to replace {out}: it is not empty and has no {MANIFEST} from an earlier "
        "build; remove it or choose another output folder"
    )


def _read_manifest(out: Path) -> dict[str, str] | None:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _manifest_bytes(hashes: dict[str, str]) -> bytes:
    return json.dumps(dict(sorted(hashes.items())), indent=0).encode()


def _write_fresh(out: Path, pages: Sequence[Page], hashes: dict[str, str]) -> WriteResult:
    """Build the whole site beside `out`, then swap it in."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    try:
        for page in pages:
            target = staging / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.data)
        (staging / MANIFEST).write_bytes(_manifest_bytes(hashes))
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return WriteResult(tuple(sorted(hashes)), (), 0)


def _swap(staging: Path, out: Path) -> None:
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        os.replace(out, old / out.name)
        os.replace(staging, out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(staging, out)


def _write_changes(
    out: Path, pages: Sequence[Page], hashes: dict[str, str], previous: dict[str, str]
) -> WriteResult:
    """Replace changed files one by one (each atomically) and remove stale ones."""
    changed = [
        p for p in pages if previous.get(p.path) != hashes[p.path] or not (out / p.path).is_file()
    ]
    for page in changed:
        _atomic_write(out / page.path, page.data)
    removed = sorted(set(previous) - set(hashes))
    for path in removed:
        (out / path).unlink(missing_ok=True)
    _atomic_write(out / MANIFEST, _manifest_bytes(hashes))
    return WriteResult(tuple(p.path for p in changed), tuple(removed), len(pages) - len(changed))


def _atomic_write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
