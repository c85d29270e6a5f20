"""A theme: its inheritance chain, the jinja2 environment with gettext installed, static assets."""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from generator.errors import ConfigError
from generator.theme.folders import theme_folders


@dataclass(frozen=True, slots=True)
class Asset:
    """A static file published under a content-hashed name."""

    source: Path
    url_path: str
    """Site-relative output path, e.g. `_static/site.3f2a9c1e.css`."""


class Theme:
    """Owns the jinja2 environment; templates of a derived theme shadow its parent's."""

    def __init__(self, name: str, folders: list[Path], bytecode: Path | None = None):
        self.name = name
        self.folders = folders
        """Theme folders, the derived theme first."""
        loaders: list[jinja2.BaseLoader] = [
            jinja2.FileSystemLoader([str(f / "templates") for f in folders]),
            jinja2.PrefixLoader(
                {f.name: jinja2.FileSystemLoader(str(f / "templates")) for f in folders}
            ),
        ]
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            bytecode_cache=_bytecode_cache(bytecode),
            lstrip_blocks=True,
        )
        self.env.policies["ext.i18n.trimmed"] = True
        self.env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
        self.assets = self._assets()

    def _assets(self) -> dict[str, Asset]:
        assets: dict[str, Asset] = {}
        for folder in reversed(self.folders):
            static = folder / "static"
            for path in sorted(static.rglob("*")) if static.is_dir() else []:
                if path.is_file():
                    name = path.relative_to(static).as_posix()
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
                    stem, dot, ext = name.rpartition(".")
                    assets[name] = Asset(path, f"_static/{stem}.{digest}{dot}{ext}")
        return assets

    def asset_text(self, name: str) -> str:
        """A static file's text, for inlining into self-contained pages."""
        return self.assets[name].source.read_text(encoding="utf-8")

    def render(self, template: str, context: Mapping[str, Any]) -> str:
        try:
            return self.env.get_template(template).render(context)
        except jinja2.TemplateSyntaxError as e:
            raise ConfigError(f"template error: {e.message}", e.filename, e.lineno) from e
        except jinja2.TemplateNotFound as e:
            looked = ", ".join(str(f / "templates") for f in self.folders)
            raise ConfigError(f"template {e.name!r} not found; looked in {looked}") from e
        except jinja2.TemplateError as e:  # at render time: an undefined name, a bad filter, …
            path, line = _template_frame(e)
            raise ConfigError(f"template error: {e.message}", path, line) from e


def _template_frame(error: BaseException) -> tuple[str | None, int | None]:
    """The innermost template line in a traceback (jinja rewrites frames to point at them)."""
    found: tuple[str | None, int | None] = (None, None)
    for frame, line in traceback.walk_tb(error.__traceback__):
        if frame.f_code.co_filename.endswith(".html"):
            found = (frame.f_code.co_filename, line)
    return found


# Jinja's newstyle gettext marks translations safe; translations are untrusted, so they are
# escaped here first (placeholders are still filled in, and escaped, by jinja afterwards).
@pass_context
def _gettext(context: Context, message: str) -> Markup:
    return escape(context["i18n"].gettext(message))


@pass_context
def _ngettext(context: Context, singular: str, plural: str, n: int) -> Markup:
    return escape(context["i18n"].ngettext(singular, plural, n))


def load_theme(name: str, project_root: Path, bytecode: Path | None = None) -> Theme:
    """Find a theme in the project's `themes/` (or certwarn's own) and follow `inherit`.

    With `bytecode`, compiled templates are kept in that folder for the next build.
    """
    folders = theme_folders(name, project_root)
    return Theme(folders[0].name, folders, bytecode)


def _bytecode_cache(folder: Path | None) -> jinja2.BytecodeCache | None:
    if folder is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    return jinja2.FileSystemBytecodeCache(str(folder))
