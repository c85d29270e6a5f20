"""Who is submitting: `$CERTWARN_USER`, else git's user.name, else the login name."""

from __future__ import annotations

import getpass
import os
import subprocess
from pathlib import Path


def default_creator(root: Path) -> str:
    if name := os.environ.get("CERTWARN_USER", "").strip():
        return name
    if name := _git_user(root):
        return name
    return getpass.getuser()


def _git_user(root: Path) -> str:
    try:
        result = subprocess.run(
            ["git", "config", "user.name"],
            cwd=root,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return result.stdout.strip() if result.returncode == 0 else ""
