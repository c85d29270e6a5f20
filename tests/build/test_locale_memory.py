"""A process that renders several locales in turn holds one locale's pages and catalogs at a
time: each locale's are freed before the next locale renders."""

from __future__ import annotations

import gc
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


def test_a_build_in_this_process_collects_only_what_rendering_made(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While locales render here, what the build held before is set aside from the collector
    (it is no locale's garbage, and scanning it cost more than the render), and afterwards
    the collector has it back: `serve` builds again and again in one process."""
    add_locales(project, "de")
    frozen: list[int] = []
    render = workers.render_locale

    def rendered(state: workers.RenderState, tag: str) -> workers.LocaleOutput:
        frozen.append(gc.get_freeze_count())
        return render(state, tag)

    monkeypatch.setattr(workers, "render_locale", rendered)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 99)
    build(load_config(project))
    assert len(frozen) == 2 and min(frozen) > 1000
    assert gc.get_freeze_count() == 0
