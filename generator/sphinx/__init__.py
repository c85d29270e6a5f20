"""A Sphinx extension that embeds certwarn's reviewed, localized pages in any Sphinx project.

Add `generator.sphinx` to `extensions` and set `certwarn_root` to the certwarn project;
`.. certwarn:: code:CODE` (MyST: a `{certwarn}` fence) embeds a code page or an article from
the approved revisions only, in the locale Sphinx's `language` chooses.
May import the build stage and every package below it (see tests/test_imports.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.errors import CertwarnError

STATIC = Path(__file__).parent / "static"
EXTENSION_VERSION = "1"
"""Bumped when what the directive produces changes, so Sphinx reads embedding pages again."""


def setup(app: Any) -> dict[str, Any]:
    from generator.sphinx.embed import (
        CertwarnDirective,
        certwarn_html,
        skip,
        visit_html,
        visit_text,
    )
    from generator.sphinx.links import copy_screenshots, resolve

    app.add_config_value("certwarn_root", "", "env", [str])
    app.add_config_value("certwarn_site_url", "", "env", [str])
    app.add_node(
        certwarn_html,
        html=(visit_html, None),
        text=(visit_text, None),
        latex=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.add_directive("certwarn", CertwarnDirective)
    app.connect("config-inited", _add_static)
    app.connect("builder-inited", _load)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("doctree-resolved", resolve)
    app.connect("build-finished", copy_screenshots)
    app.add_css_file("certwarn.css")
    return {"version": EXTENSION_VERSION, "parallel_read_safe": True, "parallel_write_safe": True}


def _add_static(app: Any, config: Any) -> None:
    config.html_static_path.append(str(STATIC))


def _load(app: Any) -> None:
    """Read the certwarn site once per Sphinx run; bad content stops the build, located."""
    from sphinx.errors import ConfigError, ExtensionError

    from generator.sphinx.source import load_published, remember

    if not app.config.certwarn_root:
        raise ConfigError("certwarn: set certwarn_root in conf.py to the certwarn project folder")
    root = (Path(app.confdir) / app.config.certwarn_root).resolve()
    try:
        remember(app.config, load_published(root, app.config.language))
    except CertwarnError as e:
        raise ExtensionError(f"certwarn project {root}: {e}") from e
    app.certwarn_screenshots = set()


def _outdated(app: Any, env: Any, added: Any, changed: Any, removed: Any) -> list[str]:
    """Pages with embeds are read again when the published texts changed since last time."""
    from generator.sphinx.source import embeds_of, published_of

    digest = published_of(app.config).digest
    embeds = embeds_of(env)
    stale = getattr(env, "certwarn_digest", None) != digest
    env.certwarn_digest = digest
    return sorted({d for pages in embeds.values() for d in pages}) if stale else []


def _purge(app: Any, env: Any, docname: str) -> None:
    from generator.sphinx.source import embeds_of

    for pages in embeds_of(env).values():
        pages.pop(docname, None)


def _merge(app: Any, env: Any, docnames: Any, other: Any) -> None:
    from generator.sphinx.source import embeds_of

    for target, pages in embeds_of(other).items():
        embeds_of(env).setdefault(target, {}).update(pages)
