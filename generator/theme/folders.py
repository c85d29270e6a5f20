"""Where a theme's files are: its folder, the folders it inherits from, and their hash.

Kept apart from the jinja2 environment so a build can hash a theme without loading jinja2.
Hashing reads every file of the theme through the path policy, so a theme that holds a link
leading outside its themes folder, a FIFO or a device stops the build before jinja2 opens it.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from pathlib import Path
from typing import Any

from generator.errors import ConfigError, decode_utf8
from generator.safe_paths import check_nesting, read_regular, resolve_inside

BUILTIN_THEMES = Path(__file__).resolve().parents[2] / "themes"
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
"""A theme is named by its folder, never by a path."""


def theme_folders(name: str, project_root: Path) -> list[Path]:
    """The theme's folder and those it inherits from, the derived theme first."""
    folders: list[Path] = []
    where, line = "site.toml", _key_line(project_root / "site.toml", "theme")
    while name:
        folder = _find(name, project_root, where, line)
        if folder in folders:
            raise ConfigError(f"theme {name!r} inherits from itself", folder / "theme.toml")
        folders.append(folder)
        name, line = _inherited(folder, project_root)
        where = _shown(folder / "theme.toml", project_root)
    return folders


def fingerprint(folders: list[Path]) -> str:
    """A hash of every template and asset, for build caches; refuses what the policy refuses."""
    digest = hashlib.sha256()
    for folder in folders:
        for relative in _files(folder):
            digest.update(relative.encode())
            digest.update(read_theme_file(folder, relative))
    return digest.hexdigest()


def read_theme_file(folder: Path, relative: str) -> bytes:
    """A template's or asset's bytes, by the path policy: a regular file inside the themes/
    folder that holds the theme (the project's, or certwarn's own), never a link out of it."""
    base = folder.parent.parent  # the project (or certwarn's own tree) holding themes/
    inside = f"themes/{folder.name}/{relative}"
    return read_regular(base, inside, _shown(base / inside, base), error=ConfigError)


def theme_files(folder: Path, under: str) -> list[str]:
    """Every file below `folder / under` (links included, not followed), relative to it."""
    prefix = f"{under}/"
    return [f[len(prefix) :] for f in _files(folder) if f.startswith(prefix)]


def _files(folder: Path) -> list[str]:
    """Every entry below `folder` that is not a real folder (links included), sorted."""
    found = []
    for top, dirs, files in os.walk(folder):
        links = [d for d in dirs if os.path.islink(os.path.join(top, d))]
        dirs[:] = sorted(set(dirs) - set(links))
        for name in files + links:
            found.append(Path(top, name).relative_to(folder).as_posix())
    return sorted(found)


def _find(name: str, project_root: Path, where: str, line: int | None) -> Path:
    if not NAME_PATTERN.match(name):
        message = f"expected the name of a folder in themes/ such as 'default', got {name!r}"
        raise ConfigError(message, where, line)
    candidates = [project_root / "themes" / name, BUILTIN_THEMES / name]
    for candidate in candidates:
        if (candidate / "theme.toml").is_file():
            base = candidate.parent.parent
            resolve_inside(base, f"themes/{name}", where, line=line, error=ConfigError)
            return candidate
    looked = ", ".join(str(c) for c in candidates)
    raise ConfigError(f"theme {name!r} not found; looked for theme.toml in {looked}", "site.toml")


def _inherited(folder: Path, project_root: Path) -> tuple[str, int | None]:
    """The name of the theme `folder` inherits from ('' for none) and the line naming it."""
    data, text = _settings(folder, project_root)
    inherit = data.get("inherit", "")
    line = _line_of(text, "inherit")
    if not isinstance(inherit, str):
        path = _shown(folder / "theme.toml", project_root)
        raise ConfigError(f"inherit: expected a theme name, got {inherit!r}", path, line)
    return inherit, line


def _settings(folder: Path, project_root: Path) -> tuple[dict[str, Any], str]:
    shown = _shown(folder / "theme.toml", project_root)
    base = folder.parent.parent
    data = read_regular(base, f"themes/{folder.name}/theme.toml", shown, error=ConfigError)
    text = decode_utf8(data, shown, ConfigError)
    check_nesting(text, shown, error=ConfigError)
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"not valid TOML: {e}", shown) from e


def _line_of(text: str, key: str) -> int | None:
    found = re.search(rf"^[ \t]*{key}[ \t]*=", text, re.MULTILINE)
    return text.count("\n", 0, found.start()) + 1 if found else None


def _key_line(path: Path, key: str) -> int | None:
    """The line of `key` in a settings file already read and checked (site.toml)."""
    try:
        return _line_of(path.read_text(encoding="utf-8"), key)
    except (OSError, UnicodeDecodeError):
        return None


def _shown(path: Path, project_root: Path) -> str:
    """A theme path as users see it: project-relative, or as it is for a built-in theme."""
    try:
        return path.relative_to(project_root).as_posix()
    except ValueError:
        return str(path)
