"""Reading the store's own files: through the path policy, never through a link.

Every file under `content/_review/` is written by certwarn, so a symlink, FIFO or device
there was put by someone else; reading one could hang (a FIFO), never end (`/dev/zero`) or
copy a file from outside the project into a page. `safe_paths.read_regular` refuses them
all, with `links=False` even a link that stays inside the project.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.errors import ReviewError
from generator.safe_paths import read_regular

MAX_FILE = 64 * 1024 * 1024
"""The largest store file read (a log of many thousand records stays far below this)."""


def read_store_file(path: Path, shown: str, limit: int = MAX_FILE) -> bytes | None:
    """The bytes of the regular file at `path` (`shown` in messages), or None when there is
    none. The path policy's root is the project, when `shown` is relative to it."""
    if not os.path.lexists(path):
        return None
    root, relative = _project_of(path, shown)
    return read_regular(root, relative, shown, limit=limit, links=False, error=ReviewError)


def _project_of(path: Path, shown: str) -> tuple[Path, str]:
    """(project root, path inside it) from an absolute path and its project-relative name
    (strings, not path objects: a build reads every object of the store)."""
    full = os.fspath(path)
    if not shown.startswith("/") and ".." not in shown.split("/") and full.endswith("/" + shown):
        return Path(full[: -len(shown) - 1]), shown
    return path.parent, path.name
