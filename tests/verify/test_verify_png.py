"""The PNG checks used on screenshots: size, and whether anything is drawn."""

from __future__ import annotations

import pytest
from evidence_fixtures import png, solid

from generator.verify.png import distinct_colors, looks_blank, png_size


def test_the_size_comes_from_the_header() -> None:
    assert png_size(png(37, 11, solid(b"\x00\x00\x00"))) == (37, 11)


def test_a_single_colour_is_blank() -> None:
    assert looks_blank(png(64, 64, solid(b"\xff\xff\xff")))


def test_a_drawn_line_is_not_blank() -> None:
    image = png(64, 64)
    assert not looks_blank(image)
    assert distinct_colors(image) == 2


def test_filtered_rows_are_decoded() -> None:
    # With the Up filter a flat image stores zeros below the first row; decoding must undo it.
    assert looks_blank(png(16, 16, solid(b"\x10\x20\x30"), up_filter=True))
    assert distinct_colors(png(16, 16, up_filter=True)) == 2


def test_other_files_are_refused() -> None:
    with pytest.raises(ValueError, match="not a PNG file"):
        png_size(b"GIF89a")
