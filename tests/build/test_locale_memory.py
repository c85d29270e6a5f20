"""A process that renders several locales in turn holds one locale's pages and catalogs at a
time: each locale's are freed before the next locale renders."""

from __future__ import annotations

import weakref
from pathlib import Path

import pytest
from l10n_helpers import add_locales, translate

import generator.build.workers as workers
import generator.render.locale_site as locale_site
from generator.build.run import build
from generator.config import load_config


def test_each_locale_s_pages_and_catalogs_are_freed_before_the_next_renders(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_locales(project, "de", "fr", "ja")
    for tag in ("de", "fr", "ja"):
        translate(project, tag, lambda s, tag=tag: f"{s} ({tag})")
    made: list[weakref.ref[locale_site.LocaleSite]] = []
    alive_after: dict[str, list[bool]] = {}
    make, render = locale_site.LocaleSite.__init__, workers.render_locale

    def remembered(self: locale_site.LocaleSite, *args: object) -> None:
        make(self, *args)  # type: ignore[arg-type]
        made.append(weakref.ref(self))

    def rendered(state: workers.RenderState, tag: str) -> workers.LocaleOutput:
        output = render(state, tag)
        alive_after[tag] = [ref() is not None for ref in made]
        return output

    monkeypatch.setattr(locale_site.LocaleSite, "__init__", remembered)
    monkeypatch.setattr(workers, "render_locale", rendered)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 99)  # (in this process, to look inside)
    build(load_config(project))
    assert set(alive_after) == {"en-US", "de", "fr", "ja"}
    assert all(not any(alive) for alive in alive_after.values()), alive_after
