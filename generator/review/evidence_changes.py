"""What `review show` says about a verification record's screenshots: which images changed,
their sizes and digests, and whether the file on disk is the one the revision names."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from generator.errors import ReviewError
from generator.safe_paths import read_regular


def screenshot_changes(root: Path, old: str | None, new: str | None) -> list[str]:
    """One line per screenshot that is new, gone or different between two record texts."""
    before, after = _shots(old), _shots(new)
    lines = []
    for path in sorted(before.keys() | after.keys()):
        was, now = before.get(path), after.get(path)
        if now is None:
            lines.append(f"{path}: no longer part of the record")
        elif was is None or was.get("sha256") != now.get("sha256"):
            lines.append(f"{path}: {_change(was, now)}{_on_disk(root, path, now)}")
    return lines


def _shots(text: str | None) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(text or "{}")
        pages = data.get("pages", []) if isinstance(data, dict) else []
        found = (page.get("screenshot") for page in pages if isinstance(page, dict))
        return {shot["path"]: shot for shot in found if isinstance(shot, dict) and "path" in shot}
    except (ValueError, TypeError, KeyError, RecursionError):
        return {}  # not a record: the text diff shows what it is


def _describe(shot: dict[str, Any]) -> str:
    digest = str(shot.get("sha256", ""))[:12]
    return f"{shot.get('width')}×{shot.get('height')} px, {shot.get('bytes')} bytes, {digest}"


def _change(was: dict[str, Any] | None, now: dict[str, Any]) -> str:
    if was is None:
        return f"new image ({_describe(now)})"
    return f"image changed ({_describe(was)} -> {_describe(now)})"


def _on_disk(root: Path, relative: str, shot: dict[str, Any]) -> str:
    """Whether the working copy holds the image; read by the path policy (a record is
    content: its paths may lead anywhere, and only regular files inside the project count)."""
    if not os.path.lexists(root / relative):
        return "; the file is missing from the working copy"
    try:
        data = read_regular(root, relative, error=ReviewError)
    except ReviewError as e:
        return f"; the file in the working copy is not used ({e.message})"
    if hashlib.sha256(data).hexdigest() != shot.get("sha256"):
        return "; the file in the working copy is a different image"
    return f"; open {root / relative} to look at it"
