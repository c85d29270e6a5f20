"""Where a theme's files are: its folder, the folders it inherits from, and their hash.

Kept apart from the jinja2 environment so a build can hash a theme without loading jinja2.
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path
from typing import Any

from generator.errors import ConfigError

BUILTIN_THEMES = Path(__file__).resolve().parents[2] / "themes"


def theme_folders(name: str, project_root: Path) -> list[Path]:
    """The theme's folder and those it inherits from, the derived theme first."""
    folders: list[Path] = []
    while name:
        folder = _find(name, project_root)
        if folder in folders:
            raise ConfigError(f"theme {name!r} inherits from itself", folder / "theme.toml")
        folders.append(folder)
        name = _settings(folder).get("inherit", "")
    return folders


def fingerprint(folders: list[Path]) -> str:
    """A hash of every template and asset, for build caches."""
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _find(name: str, project_root: Path) -> Path:
    candidates = [project_root / "themes" / name, BUILTIN_THEMES / name]
    for candidate in candidates:
        if (candidate / "theme.toml").is_file():
            return candidate
    looked = ", ".join(str(c) for c in candidates)
    raise ConfigError(f"theme {name!r} not found; looked for theme.toml in {looked}", "site.toml")


def _settings(folder: Path) -> dict[str, Any]:
    path = folder / "theme.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"not valid TOML: {e}", path) from e
    inherit = data.get("inherit", "")
    if not isinstance(inherit, str):
        raise ConfigError(f"inherit: expected a theme name, got {inherit!r}", path)
    return data
