"""Crash-safe writes: a file replaced with os.replace; a folder published by switching a link.

A published folder (the built site) is a symbolic link, `NAME -> .NAME.build-PID-TOKEN`, to
one complete version beside it. `new_version` makes the folder a writer fills; `switch_to`
points the link at it with one rename(2), so a reader or a kill -9 sees the old version or
the new one, never a mix; `remove_abandoned` deletes versions of killed writers.

`write_sealed` saves a record after the hash of its bytes, which `read_sealed` checks: the
build's records and the review's verified signatures read as missing when damaged.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

TEMP_PREFIX = ".tmp-"
VERSION_INFIX = ".build-"
"""`.NAME.build-PID-TOKEN`: a version of the published folder NAME, written by process PID."""
_RENAME_EXCHANGE = 2
"""renameat2(2) flag (Linux): swap two names in one step."""


def _token() -> str:
    """Eight random hex digits that keep names of one process apart."""
    return os.urandom(4).hex()


def temp_path(target: Path) -> Path:
    """A unique temporary name in the target's folder, so os.replace stays on one disk."""
    return target.with_name(f"{TEMP_PREFIX}{os.getpid()}-{_token()}-{target.name}")


@contextlib.contextmanager
def scratch_beside(link: Path, purpose: str) -> Iterator[Path]:
    """A private working folder beside the published folder `link`, removed when done. One
    left by a killed writer is a temporary of `link`, which `remove_abandoned` deletes."""
    folder = temp_path(link.with_name(f"{link.name}.{purpose}"))
    folder.mkdir(mode=0o700)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write_atomic(target: Path, data: bytes, mode: int = 0o644, *, durable: bool = True) -> None:
    """Replace `target` with `data`; readers see the old file or the new one, never a part.

    `durable`: on disk before this returns (synced). A cache whose reader refuses a torn or
    missing file (the build's records) need not wait for the disk: after a crash it is lost,
    which costs a fuller build, never a wrong one."""
    temp = temp_path(target)
    try:
        _write_synced(temp, data, mode, target, durable)
        os.replace(temp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    if durable:
        fsync_folder(target.parent)


def create_exclusive(target: Path, data: bytes, mode: int) -> None:
    """Write a new file atomically; raise FileExistsError instead of replacing one."""
    temp = temp_path(target)
    try:
        _write_synced(temp, data, mode, target)
        os.link(temp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    fsync_folder(target.parent)


def _write_synced(path: Path, data: bytes, mode: int, target: Path, durable: bool = True) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
    except OSError as e:
        if e.filename is not None:
            raise
        # a full disk fails in write or flush, whose errors name no file: name it
        raise OSError(e.errno, e.strerror, str(target)) from e


def fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable; a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete temporary files a killed writer left behind; call only while holding the lock."""
    removed = []
    for leftover in folder.glob(f"{TEMP_PREFIX}*"):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
            removed.append(leftover)
    return removed


def live_folder(link: Path) -> Path | None:
    """The folder `link` shows now: its link's target, a plain folder itself, or None."""
    if link.is_symlink():
        target = link.resolve()
        return target if target.is_dir() else None
    return link if link.is_dir() else None


def made_by_switch(link: Path) -> bool:
    """Whether `link` is a link `switch_to` made (to a version beside it), not a foreign one."""
    target = os.readlink(link)
    return "/" not in target and target.startswith(f".{link.name}{VERSION_INFIX}")


def new_version(link: Path) -> Path:
    """A new empty folder beside `link` for the next version of it."""
    token = _token()
    folder = link.with_name(f".{link.name}{VERSION_INFIX}{os.getpid()}-{token}")
    folder.mkdir()
    return folder


def switch_to(link: Path, folder: Path) -> Path | None:
    """Make `link` show `folder` in one rename; the version it showed before, to be removed.

    `folder` must be complete and synced. A plain folder at `link` (from before links were
    used, or an empty one made by hand) is swapped with the new link in one step where the
    system can (Linux renameat2), else moved aside just before the link takes its place.
    """
    before = live_folder(link) if link.is_symlink() and made_by_switch(link) else None
    fresh = link.with_name(f"{TEMP_PREFIX}{os.getpid()}-{_token()}-{link.name}")
    os.symlink(folder.name, fresh)
    try:
        if link.is_dir() and not link.is_symlink():
            _exchange(fresh, link)
            before = fresh
        else:
            os.replace(fresh, link)
    finally:
        if fresh.is_symlink():
            fresh.unlink()
    fsync_folder(link.parent)
    return before


def _exchange(fresh: Path, folder: Path) -> None:
    """Swap the link `fresh` and the plain folder `folder`: `folder` becomes the link."""
    libc = ctypes.CDLL(None, use_errno=True)
    swap = getattr(libc, "renameat2", None)
    at_cwd = -100
    if (
        swap is not None
        and swap(at_cwd, bytes(fresh), at_cwd, bytes(folder), _RENAME_EXCHANGE) == 0
    ):
        return
    aside = folder.with_name(f"{TEMP_PREFIX}{os.getpid()}-{_token()}-{folder.name}.old")
    os.rename(folder, aside)  # not atomic: only where the system cannot swap two names
    os.replace(fresh, folder)
    os.rename(aside, fresh)


def remove_abandoned(link: Path) -> list[Path]:
    """Remove versions of `link` that it does not show and whose writer process has ended,
    and the temporary links and folders such a writer left while switching."""
    live = live_folder(link)
    versions = {p: p.name[len(link.name) + 2 :] for p in link.parent.glob(f".{link.name}.*")}
    temps = {
        p: p.name[len(TEMP_PREFIX) :] for p in link.parent.glob(f"{TEMP_PREFIX}*-{link.name}*")
    }
    removed = []
    for candidate, suffix in {**versions, **temps}.items():
        if (live is not None and candidate.resolve() == live) or not _abandoned(suffix):
            continue
        if candidate.is_symlink() or not candidate.is_dir():
            candidate.unlink(missing_ok=True)
        else:
            shutil.rmtree(candidate, ignore_errors=True)
        removed.append(candidate)
    return removed


def _abandoned(suffix: str) -> bool:
    """`build-PID-TOKEN` or `PID-TOKEN-NAME` of an ended process; `new-`/`old-` of older writers."""
    if suffix.startswith(("new-", "old-")):
        return True
    if suffix.startswith(VERSION_INFIX[1:]):
        suffix = suffix[len(VERSION_INFIX) - 1 :]
    pid = suffix.partition("-")[0]
    if not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return True  # an earlier process with our pid (pids restart in containers)
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


_SEAL = hashlib.sha256().digest_size


def write_sealed(path: Path, data: bytes) -> None:
    """Save `data` at `path` atomically, after the hash that `read_sealed` checks: a file
    damaged on disk (or by hand) reads as missing, never as other bytes. Not synced to disk:
    for records a crash may lose (a cold build fsynced each of its parsed sources, memos and
    caches)."""
    write_atomic(path, hashlib.sha256(data).digest() + data, durable=False)


def read_sealed(path: Path) -> bytes | None:
    """The bytes saved at `path`; None when missing, unreadable or not the bytes sealed."""
    try:
        found = path.read_bytes()
    except OSError:
        return None
    data = found[_SEAL:]
    return data if found[:_SEAL] == hashlib.sha256(data).digest() else None
