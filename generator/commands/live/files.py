"""Which file a request path names: a regular file inside the served folder, or nothing.

Dotfiles and dot-folders are never served (nor is `..`), symlinks that lead out of the folder
are refused, folders are served only through their `index.html` (no listings).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from urllib.parse import unquote


def served_file(root: Path, request_path: str) -> Path | None:
    """The file for the path part of a URL (`/de/index.html`, `/de/`), or None for a 404."""
    path = unquote(request_path.split("?", 1)[0].split("#", 1)[0])
    if "\0" in path or "\\" in path:
        return None
    parts = [part for part in path.split("/") if part]
    if any(part.startswith(".") for part in parts):
        return None
    top = root.resolve()
    candidate = top.joinpath(*parts)
    if path.endswith("/") or not parts or candidate.is_dir():
        candidate = candidate / "index.html"
    resolved = Path(os.path.realpath(candidate))
    if not resolved.is_relative_to(top):
        return None
    if any(part.startswith(".") for part in resolved.relative_to(top).parts):
        return None  # a link inside the folder to one of its dotfiles
    try:
        mode = os.stat(resolved).st_mode
    except OSError:
        return None
    return resolved if stat.S_ISREG(mode) else None
