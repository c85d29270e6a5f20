"""A theme: its inheritance chain, the jinja2 environment with gettext installed, static assets."""

from __future__ import annotations

import hashlib
import os
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import pass_context
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from markupsafe import Markup, escape

from generator.errors import ConfigError, decode_utf8
from generator.theme.folders import read_theme_file, theme_files, theme_folders


@dataclass(frozen=True, slots=True)
class Asset:
    """A static file published under a content-hashed name."""

    source: Path
    url_path: str
    """Site-relative output path, e.g. `_static/site.3f2a9c1e.css`."""
    theme: Path
    """The theme folder the file is in (its `static/` holds it)."""


class Theme:
    """Owns the jinja2 environment; templates of a derived theme shadow its parent's."""

    def __init__(self, name: str, folders: list[Path], bytecode: Path | None = None):
        self.name = name
        self.folders = folders
        """Theme folders, the derived theme first."""
        loaders: list[jinja2.BaseLoader] = [
            _ThemeLoader(folders),
            jinja2.PrefixLoader({f.name: _ThemeLoader([f]) for f in folders}),
        ]
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            extensions=["jinja2.ext.i18n"],
            trim_blocks=True,
            bytecode_cache=_bytecode_cache(bytecode),
            lstrip_blocks=True,
            # a theme is loaded for each build: within one, templates do not change, and a
            # check would stat them again for every page
            auto_reload=False,
        )
        self.env.policies["ext.i18n.trimmed"] = True
        self.env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
        # `_('text')`, the theme's commonest call, without the i18n extension's layers
        self.env.globals["_"] = _translated
        self.assets = self._assets()
        self._texts: dict[str, str] = {}
        self._modules: dict[str, Any] = {}

    def _assets(self) -> dict[str, Asset]:
        assets: dict[str, Asset] = {}
        for folder in reversed(self.folders):
            for name in theme_files(folder, "static"):
                data = read_theme_file(folder, f"static/{name}")
                digest = hashlib.sha256(data).hexdigest()[:10]
                stem, dot, ext = name.rpartition(".")
                path = folder / "static" / name
                assets[name] = Asset(path, f"_static/{stem}.{digest}{dot}{ext}", folder)
        return assets

    def asset_bytes(self, name: str) -> bytes:
        """A static file's bytes, read by the path policy (see `theme.folders`)."""
        asset = self.assets[name]
        return read_theme_file(asset.theme, f"static/{name}")

    def asset_text(self, name: str) -> str:
        """A static file's text, for inlining into self-contained pages (read once)."""
        if name not in self._texts:
            shown = str(self.assets[name].source)
            self._texts[name] = decode_utf8(self.asset_bytes(name), shown, ConfigError)
        return self._texts[name]

    def macro(self, template: str, name: str) -> Callable[..., Markup]:
        """A macro of a template, to call from Python (the template is loaded once)."""
        if template not in self._modules:
            try:
                self._modules[template] = self.env.get_template(template).module
            except jinja2.TemplateError as e:
                raise self._error(e) from e
        found: Callable[..., Markup] = getattr(self._modules[template], name)
        return found

    def compile_all(self) -> None:
        """Compile every template now (before render workers fork, which then share them
        instead of each compiling its own)."""
        names = {
            n for f in self.folders for n in theme_files(f, "templates") if n.endswith(".html")
        }
        for name in sorted(names):
            self._template(name)

    def render(self, template: str, context: Mapping[str, Any]) -> str:
        try:
            return self.env.get_template(template).render(context)
        except jinja2.TemplateError as e:
            raise self._error(e) from e

    def _template(self, name: str) -> jinja2.Template:
        try:
            return self.env.get_template(name)
        except jinja2.TemplateError as e:
            raise self._error(e) from e

    def _error(self, error: jinja2.TemplateError) -> ConfigError:
        """A template's failure in the project's words, at its template's file and line."""
        if isinstance(error, jinja2.TemplateSyntaxError):
            return ConfigError(f"template error: {error.message}", error.filename, error.lineno)
        if isinstance(error, jinja2.TemplateNotFound):
            looked = ", ".join(str(f / "templates") for f in self.folders)
            return ConfigError(f"template {error.name!r} not found; looked in {looked}")
        path, line = _template_frame(error)  # at render time: an undefined name, a bad filter, …
        return ConfigError(f"template error: {error.message}", path, line)


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
def _translated(context: Context, message: str) -> Markup:
    """`_('text')` in a template: the same as the extension's newstyle gettext for a message
    without placeholders, which is all `_()` is given (`{% trans %}` fills placeholders)."""
    markup: Markup = context["i18n"].markup(message)
    return markup


@pass_context
def _ngettext(context: Context, singular: str, plural: str, n: int) -> Markup:
    return escape(context["i18n"].ngettext(singular, plural, n))


class _ThemeLoader(jinja2.BaseLoader):
    """Templates read by the path policy, never through jinja2's own file loader: a link out
    of the themes folder, a FIFO or a folder named like a template is refused, not read."""

    def __init__(self, folders: list[Path]):
        self.folders = folders

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses `..`: TemplateNotFound
        for folder in self.folders:
            path = folder.joinpath("templates", *pieces)
            if not os.path.lexists(path):
                continue
            relative = "/".join(("templates", *pieces))
            text = decode_utf8(read_theme_file(folder, relative), str(path), ConfigError)
            return text, str(path), _unchanged(path)
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: Path) -> Callable[[], bool]:
    """jinja2's `uptodate`: the template's stamp is still the one it was read with."""
    stamp = _stamp(path)
    return lambda: _stamp(path) == stamp


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


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
