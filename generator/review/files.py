"""Reading the store's own files: regular files only, never through a link, bounded in size.

Every file under `content/_review/` is written by certwarn, so a symlink, FIFO or device
there was put by someone else; reading one could hang (a FIFO), never end (`/dev/zero`) or
copy a file from outside the project into a page.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from generator.errors import ReviewError

MAX_FILE = 64 * 1024 * 1024
"""The largest store file read (a log of many thousand records stays far below this)."""


def read_store_file(path: Path, shown: str, limit: int = MAX_FILE) -> bytes | None:
    """The bytes of the regular file at `path`, or None when there is none."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise ReviewError("expected a regular file, got a symbolic link", shown) from e
        raise ReviewError(f"cannot read: {e.strerror}", shown) from e
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise ReviewError(f"expected a regular file, got {_kind(mode)}", shown)
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise ReviewError(f"larger than the {limit} bytes a store file may have", shown)
    return data


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"
