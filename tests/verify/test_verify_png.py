"""The PNG checks used on screenshots: size, and whether anything is drawn."""

from __future__ import annotations

import struct
import zlib

import pytest

from generator.verify.png import distinct_colors, looks_blank, png_size


def png(width: int, height: int, pixel: bytes | None = None, up_filter: bool = False) -> bytes:
    """An RGB PNG: one colour everywhere, or a diagonal of red on white when pixel is None.
    With `up_filter` each row is stored as its difference to the row above (filter type 2)."""

    def pixels(y: int) -> bytes:
        cells = [pixel or (b"\xff\x00\x00" if x == y else b"\xff\xff\xff") for x in range(width)]
        return b"".join(cells)

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


def test_the_size_comes_from_the_header() -> None:
    assert png_size(png(37, 11, b"\x00\x00\x00")) == (37, 11)


def test_a_single_colour_is_blank() -> None:
    assert looks_blank(png(64, 64, b"\xff\xff\xff"))


def test_a_drawn_line_is_not_blank() -> None:
    image = png(64, 64)
    assert not looks_blank(image)
    assert distinct_colors(image) == 2


def test_filtered_rows_are_decoded() -> None:
    # With the Up filter a flat image stores zeros below the first row; decoding must undo it.
    assert looks_blank(png(16, 16, b"\x10\x20\x30", up_filter=True))
    assert distinct_colors(png(16, 16, up_filter=True)) == 2


def test_other_files_are_refused() -> None:
    with pytest.raises(ValueError, match="not a PNG file"):
        png_size(b"GIF89a")
