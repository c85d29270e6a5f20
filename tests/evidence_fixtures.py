"""Stand-ins for what `certwarn verify --record` observes, for tests that need evidence
without a browser: real PNG images, Firefox's result and the page it showed."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable

from generator.verify.observed import FirefoxPage
from generator.verify.report import Result

WHITE, RED = b"\xff\xff\xff", b"\xff\x00\x00"


def diagonal(x: int, y: int) -> bytes:
    """Red on the diagonal, white elsewhere: a picture that is not blank."""
    return RED if x == y else WHITE


def solid(color: bytes) -> Callable[[int, int], bytes]:
    """One colour everywhere."""
    return lambda x, y: color


def png(
    width: int,
    height: int,
    pixel: Callable[[int, int], bytes] = diagonal,
    up_filter: bool = False,
) -> bytes:
    """A real RGB PNG whose pixel at (x, y) is `pixel(x, y)`. With `up_filter` each row is
    stored as its difference to the row above (filter type 2), as encoders often do."""

    def pixels(y: int) -> bytes:
        return b"".join(pixel(x, y) for x in range(width))

    def row(y: int) -> bytes:
        if not up_filter:
            return b"\x00" + pixels(y)
        above = pixels(y - 1) if y else bytes(width * 3)
        return b"\x02" + bytes((a - b) & 0xFF for a, b in zip(pixels(y), above, strict=True))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(row(y) for y in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def firefox_result(code: str, scenario: str, date: str) -> Result:
    """Firefox ESR 153 showing the page's own code for its scenario."""
    return Result(
        code=code,
        scenario=scenario,
        oracle="firefox",
        client="Firefox ESR",
        version="153.8.0esr",
        observed=code,
        expected=(code,),
        status="pass",
        gating=True,
        detail="",
        date=date,
    )


def warning_page(scenario: str, code: str, host: str, image: bytes | None = None) -> FirefoxPage:
    """The bypassable certificate warning of Firefox ESR 153 in English, as it was read."""
    return english_page(
        scenario,
        code,
        ("Warning: Security Risk", "Be careful. Something doesn’t look right."),
        ("Advanced", "Go back (Recommended)"),
        ("Hide advanced", "Go back (Recommended)", f"Proceed to {host} (Risky)"),
        image,
    )


def classic_warning_page(scenario: str, code: str, image: bytes | None = None) -> FirefoxPage:
    """The classic certificate warning (Firefox before the new design, and ESR 153 for codes
    without an entry in its error registry), as the small test site describes it."""
    title = "Warning: Potential Security Risk Ahead"
    return english_page(
        scenario,
        code,
        (title, title),
        ("Advanced…", "Go Back (Recommended)"),
        ("Go Back (Recommended)", "Accept the Risk and Continue"),
        image,
    )


def english_page(
    scenario: str,
    code: str,
    title_and_heading: tuple[str, str],
    buttons: tuple[str, ...],
    advanced_buttons: tuple[str, ...],
    image: bytes | None,
) -> FirefoxPage:
    title, heading = title_and_heading
    return FirefoxPage(
        scenario=scenario,
        locale="en-US",
        ui_locale="en-US",
        version="153.8.0",
        code=code,
        title=title,
        heading=heading,
        buttons=buttons,
        advanced_buttons=advanced_buttons,
        image=image,
    )
