"""Real Firefox error pages per code and locale, Advanced open, from the code's scenario."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.verify.firefox_prefs import scenario_prefs
from generator.verify.firefox_session import FirefoxSession, launch_firefox
from generator.verify.nssdb import create_nss_db
from generator.verify.run import Progress, silent
from generator.verify.screenshots.shots import ShotRun, Skip, save_png
from generator.verify.serve import Target, serve
from generator.verify.spec import Scenario

WIDTH = 1280
_DEBIAN_PACKS = {"es": "es-es"}
"""Debian language-pack suffixes that differ from the lower-cased site locale."""


def firefox_shot(out_root: Path, locale: str, code: str) -> Path:
    return out_root / locale / "firefox" / f"{code}.png"


def match_locale(site_locale: str, available: Sequence[str]) -> str | None:
    """The Firefox UI locale for a site locale: the same tag, else the same language."""
    if site_locale in available:
        return site_locale
    language = site_locale.split("-")[0]
    return next((a for a in available if a.split("-")[0] == language), None)


def screenshot_firefox_pages(
    firefox: Path,
    codes: Sequence[tuple[str, Scenario]],
    work_dir: Path,
    out_root: Path,
    locales: Sequence[str],
    progress: Progress = silent,
    workers: int = 1,
) -> ShotRun:
    """One browser per scenario, `workers` at a time; the UI locale is switched in place."""

    def one(item: tuple[str, Scenario]) -> ShotRun:
        code, scenario = item
        with (
            serve(scenario, work_dir / scenario.id) as target,
            tempfile.TemporaryDirectory(prefix="certwarn-firefox-") as tmp,
        ):
            create_nss_db(Path(tmp), target.materials.trusted)
            with launch_firefox(firefox, Path(tmp), scenario_prefs(scenario)) as session:
                return _each_locale(session, target, code, out_root, locales, progress)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return sum(pool.map(one, codes), ShotRun())


def _each_locale(
    session: FirefoxSession,
    target: Target,
    code: str,
    out_root: Path,
    locales: Sequence[str],
    progress: Progress,
) -> ShotRun:
    run = ShotRun()
    available = session.available_locales()
    for locale in locales:
        ui_locale = match_locale(locale, available)
        if ui_locale is None:
            package = f"firefox-esr-l10n-{_DEBIAN_PACKS.get(locale, locale.lower())}"
            run += ShotRun(skipped=(Skip(None, f"{locale}: no Firefox language pack ({package})"),))
            continue
        run += _one(session, target, code, firefox_shot(out_root, locale, code), ui_locale)
        progress(f"{locale}/firefox/{code}: Firefox {session.version} in {ui_locale}")
    return run


def _one(session: FirefoxSession, target: Target, code: str, path: Path, ui_locale: str) -> ShotRun:
    from marionette_driver.errors import MarionetteException

    try:
        session.set_pref("intl.locale.requested", ui_locale)
        _, shown = session.visit(target.url)
        if shown != code:
            reason = f"Firefox showed {shown or 'no error'}, not {code}; nothing written"
            return ShotRun(skipped=(Skip(path, reason),))
        return save_png(path, session.screenshot_expanded(WIDTH))
    except MarionetteException as e:
        return ShotRun(skipped=(Skip(path, f"Firefox failed: {str(e).splitlines()[0]}"),))
