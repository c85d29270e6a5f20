"""Screenshots are PNGs of the expected size that show something, or a clear skip."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.verify.oracles.base import Oracle
from generator.verify.oracles.chromium import ChromiumOracle
from generator.verify.oracles.firefox import FirefoxOracle
from generator.verify.png import looks_blank, png_size
from generator.verify.screenshots.error_pages import screenshot_error_pages
from generator.verify.screenshots.firefox_pages import match_locale, read_firefox_pages, save_shots
from generator.verify.spec import Scenario

Require = Callable[[Oracle], None]

ERROR_PAGE = """<!doctype html>
<html lang="{lang}" dir="{dir}"><head><meta charset="utf-8"><title>Warning</title>
<style>body{{font:16px sans-serif;margin:2rem}} h1{{color:#b00}}</style></head>
<body><h1>Warning: potential security risk</h1>
<p>{text}</p><p><code>SEC_ERROR_UNKNOWN_ISSUER</code></p></body></html>
"""


def write_error_pages(html_root: Path) -> None:
    for locale, direction, text in (
        ("en-US", "ltr", "The issuer is unknown. " * 30),
        ("ar", "rtl", "المُصدر غير معروف. " * 30),
    ):
        page = html_root / locale / "errors" / "SEC_ERROR_UNKNOWN_ISSUER.html"
        page.parent.mkdir(parents=True)
        page.write_text(ERROR_PAGE.format(lang=locale, dir=direction, text=text), encoding="utf-8")


@pytest.mark.browser
def test_error_pages_are_shot_at_desktop_and_phone_width(tmp_path: Path, require: Require) -> None:
    oracle = ChromiumOracle()
    require(oracle)
    assert oracle.binary is not None
    write_error_pages(tmp_path / "html")
    wanted = [
        ("en-US", "SEC_ERROR_UNKNOWN_ISSUER"),
        ("ar", "SEC_ERROR_UNKNOWN_ISSUER"),
        ("de", "SEC_ERROR_UNKNOWN_ISSUER"),
    ]
    run = screenshot_error_pages(oracle.binary, tmp_path / "html", tmp_path / "shots", wanted)
    names = sorted(p.relative_to(tmp_path / "shots").as_posix() for p in run.written)
    assert names == [
        "ar/errors/SEC_ERROR_UNKNOWN_ISSUER-1280.png",
        "ar/errors/SEC_ERROR_UNKNOWN_ISSUER-375.png",
        "en-US/errors/SEC_ERROR_UNKNOWN_ISSUER-1280.png",
        "en-US/errors/SEC_ERROR_UNKNOWN_ISSUER-375.png",
    ]
    for path in run.written:
        data = path.read_bytes()
        width, height = png_size(data)
        assert width == int(path.stem.rsplit("-", 1)[1])
        assert height >= 800 and not looks_blank(data)
    [skip] = run.skipped
    assert skip.path == tmp_path / "html" / "de" / "errors" / "SEC_ERROR_UNKNOWN_ISSUER.html"
    assert skip.reason == "missing; run `certwarn build` first to screenshot it"


@pytest.mark.browser
def test_firefox_error_pages_are_shot_per_installed_language(
    tmp_path: Path, shipped: dict[str, Scenario], require: Require
) -> None:
    oracle = FirefoxOracle()
    require(oracle)
    assert oracle.binary is not None
    scenarios = [shipped["expired-certificate"]]
    run = read_firefox_pages(
        oracle.binary, scenarios, tmp_path / "work", ["en-US", "de", "xx"], shots=True
    )
    shots = save_shots(run, tmp_path / "shots")
    shot = tmp_path / "shots" / "en-US" / "firefox" / "expired-certificate.png"
    assert shot in shots.written
    data = shot.read_bytes()
    width, height = png_size(data)
    # 800 px wide window, cropped of the empty margin; Advanced open makes it taller.
    assert 400 < width <= 800 and height > 500 and not looks_blank_palette(data)
    reasons = [s.reason for s in run.skipped]
    assert "xx: no Firefox language pack (firefox-esr-l10n-xx)" in reasons
    german = tmp_path / "shots" / "de" / "firefox" / "expired-certificate.png"
    assert (german in shots.written) != (
        "de: no Firefox language pack (firefox-esr-l10n-de)" in reasons
    )


def looks_blank_palette(data: bytes) -> bool:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        colors = image.convert("RGB").getcolors(maxcolors=4)
    return colors is not None and len(colors) < 2


def test_site_locales_map_to_firefox_locales() -> None:
    available = ["en-US", "de", "es-ES", "pt-BR", "zh-CN"]
    assert [match_locale(loc, available) for loc in ("de", "es", "pt-BR", "zh-CN", "ja")] == [
        "de",
        "es-ES",
        "pt-BR",
        "zh-CN",
        None,
    ]
