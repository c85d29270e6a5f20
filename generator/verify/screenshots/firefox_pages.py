"""Real Firefox error pages per scenario and locale: their title, heading and button labels,
and (when asked) an optimized screenshot with the Advanced section open."""

from __future__ import annotations

import base64
import datetime as dt
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.verify.firefox_prefs import scenario_prefs
from generator.verify.firefox_scripts import EXPAND_ADVANCED, STEADY_PAGE
from generator.verify.firefox_session import FirefoxSession, launch_firefox
from generator.verify.nssdb import create_nss_db
from generator.verify.observed import FirefoxPage
from generator.verify.png import looks_blank, optimized_png
from generator.verify.run import Progress, silent
from generator.verify.screenshots.shots import ShotRun, Skip
from generator.verify.serve import Target, serve
from generator.verify.spec import Scenario

WIDTH = 800
"""CSS pixels of the window (device scale 1): the page's own column stays readable on a phone."""
WINDOW_HEIGHT = 600
PINNED_CLOCK = dt.datetime(2026, 1, 1, 12, 0, tzinfo=dt.UTC)
"""What the page's clock line shows on pages that show no certificate date."""
NO_ERROR_PAGE = "Firefox loaded the site: no error page to read"
_DEBIAN_PACKS = {"es": "es-es"}
"""Debian language-pack suffixes that differ from the lower-cased site locale."""


@dataclass(frozen=True, slots=True)
class PageRun:
    """Pages read in one pass, and what was skipped and why."""

    pages: tuple[FirefoxPage, ...] = ()
    skipped: tuple[Skip, ...] = ()

    def __add__(self, other: PageRun) -> PageRun:
        return PageRun(self.pages + other.pages, self.skipped + other.skipped)


def firefox_shot(out_root: Path, locale: str, scenario: str) -> Path:
    return out_root / locale / "firefox" / f"{scenario}.png"


def match_locale(site_locale: str, available: Sequence[str]) -> str | None:
    """The Firefox UI locale for a site locale: the same tag, else the same language."""
    if site_locale in available:
        return site_locale
    language = site_locale.split("-")[0]
    return next((a for a in available if a.split("-")[0] == language), None)


def read_firefox_pages(
    firefox: Path,
    scenarios: Sequence[Scenario],
    work_dir: Path,
    locales: Sequence[str],
    shots: bool,
    progress: Progress = silent,
    workers: int = 1,
    today: dt.date | None = None,
) -> PageRun:
    """One browser per scenario, `workers` at a time; the UI locale is switched in place."""
    day = today or dt.datetime.now(dt.UTC).date()
    pinned = (_ms(dt.datetime.combine(day, dt.time(12), dt.UTC)), _ms(PINNED_CLOCK))

    def one(scenario: Scenario) -> PageRun:
        with (
            serve(scenario, work_dir / scenario.id) as target,
            tempfile.TemporaryDirectory(prefix="certwarn-firefox-") as tmp,
        ):
            create_nss_db(Path(tmp), target.materials.trusted, target.materials.distrusted)
            with launch_firefox(firefox, Path(tmp), scenario_prefs(scenario)) as session:
                return _each_locale(session, target, locales, shots, pinned, progress)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return sum(pool.map(one, scenarios), PageRun())


def save_shots(run: PageRun, out_root: Path) -> ShotRun:
    """Write each page's screenshot under `out_root/<locale>/firefox/<scenario>.png`."""
    from generator.verify.files import write_atomic

    written = []
    for page in run.pages:
        if page.image is not None:
            path = firefox_shot(out_root, page.locale, page.scenario)
            write_atomic(path, page.image)
            written.append(path)
    return ShotRun(tuple(written), run.skipped)


def _each_locale(
    session: FirefoxSession,
    target: Target,
    locales: Sequence[str],
    shots: bool,
    pinned: tuple[int, int],
    progress: Progress,
) -> PageRun:
    run = PageRun()
    available = session.available_locales()
    scenario = target.scenario.id
    for locale in locales:
        ui_locale = match_locale(locale, available)
        if ui_locale is None:
            package = f"firefox-esr-l10n-{_DEBIAN_PACKS.get(locale, locale.lower())}"
            run += PageRun(skipped=(Skip(None, f"{locale}: no Firefox language pack ({package})"),))
            continue
        one = _one(session, target, locale, ui_locale, shots, pinned)
        run += one
        if one.skipped and one.skipped[0].reason == NO_ERROR_PAGE:
            break  # the site loads (the control scenario): no locale has a page to read
        progress(f"{locale}/firefox/{scenario}: Firefox {session.version} in {ui_locale}")
    return run


def _one(
    session: FirefoxSession,
    target: Target,
    locale: str,
    ui_locale: str,
    shots: bool,
    pinned: tuple[int, int],
) -> PageRun:
    from marionette_driver.errors import MarionetteException

    where = Path(f"{locale}/firefox/{target.scenario.id}")
    try:
        session.set_pref("intl.locale.requested", ui_locale)
        session.client.set_window_rect(width=WIDTH, height=WINDOW_HEIGHT)
        _, code = session.visit(target.url)
        if code is None:
            return PageRun(skipped=(Skip(where, NO_ERROR_PAGE),))
        title, heading, buttons, _ = _steady(session, pinned)
        session.client.execute_async_script(EXPAND_ADVANCED, script_timeout=15_000)
        _, _, advanced, enabled = _steady(session, pinned)
        if enabled is False:
            return PageRun(skipped=(Skip(where, "the exception button stayed disabled"),))
        raw = base64.b64decode(session.client.screenshot(full=True)) if shots else None
    except MarionetteException as e:
        return PageRun(skipped=(Skip(where, f"Firefox failed: {str(e).splitlines()[0]}"),))
    if raw is not None and looks_blank(raw):
        return PageRun(skipped=(Skip(where, "the screenshot came out blank; nothing written"),))
    # The window is short, so the full-page image is as tall as the content.
    image = optimized_png(raw) if raw is not None else None
    page = FirefoxPage(
        target.scenario.id,
        locale,
        ui_locale,
        session.version,
        code,
        str(title),
        str(heading),
        tuple(map(str, buttons)),
        tuple(map(str, advanced)),
        image,
    )
    return PageRun(pages=(page,))


def _steady(session: FirefoxSession, pinned: tuple[int, int]) -> list[Any]:
    result: list[Any] = session.client.execute_async_script(
        STEADY_PAGE, script_args=list(pinned), script_timeout=15_000
    )
    return result


def _ms(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1000)
