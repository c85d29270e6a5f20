"""PNG screenshots: their size, whether they show anything, and the optimized, deterministic
form committed as evidence."""

from __future__ import annotations

import io
import struct
import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}
"""Bytes per pixel of 8-bit grey, RGB, grey+alpha and RGBA images."""


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from the IHDR chunk."""
    if not data.startswith(_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def distinct_colors(data: bytes, max_rows: int = 600, limit: int = 64) -> int:
    """How many different pixel values the top rows hold, counting up to `limit`."""
    width, _ = png_size(data)
    depth, color_type, interlace = data[24], data[25], data[28]
    if depth != 8 or color_type not in _CHANNELS or interlace:
        raise ValueError("only 8-bit, non-interlaced grey or RGB(A) PNGs are read")
    bpp = _CHANNELS[color_type]
    stride = width * bpp
    raw = _decompressed_prefix(data, (stride + 1) * max_rows)
    seen: set[bytes] = set()
    previous = bytearray(stride)
    for start in range(0, len(raw) - stride, stride + 1):
        row = _unfilter(raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, bpp)
        seen.update(bytes(row[i : i + bpp]) for i in range(0, stride, bpp * 7))
        if len(seen) >= limit:
            break
        previous = row
    return min(len(seen), limit)


def looks_blank(data: bytes) -> bool:
    """True when the top of the image is a single flat colour."""
    return distinct_colors(data, limit=2) < 2


def _decompressed_prefix(data: bytes, wanted: int) -> bytes:
    compressed = bytearray()
    position = 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        if kind == b"IDAT":
            compressed += data[position + 8 : position + 8 + length]
        position += 12 + length
    return zlib.decompressobj().decompress(bytes(compressed), wanted)


def _unfilter(kind: int, row: bytearray, above: bytearray, bpp: int) -> bytearray:
    for i in range(len(row)):
        left = row[i - bpp] if i >= bpp else 0
        up = above[i]
        if kind == 1:
            row[i] = (row[i] + left) & 0xFF
        elif kind == 2:
            row[i] = (row[i] + up) & 0xFF
        elif kind == 3:
            row[i] = (row[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            corner = above[i - bpp] if i >= bpp else 0
            row[i] = (row[i] + _paeth(left, up, corner)) & 0xFF
    return row


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


# Screenshots committed as evidence go through Pillow (the `verify` extra), imported where
# used: reading a PNG's size and blankness above needs nothing beyond the standard library.

CROP_MARGIN = 16
"""Pixels of background kept around the content when empty space is cropped."""
PALETTE_COLORS = 256
COMPRESS_LEVEL = 9


def optimized_png(data: bytes) -> bytes:
    """The screenshot cropped of empty background, as an 8-bit palette PNG written the same
    way every time: no metadata chunks, a fixed compression level and filter choice."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        rgb = _cropped(image.convert("RGB"))
    palette = rgb.quantize(
        colors=PALETTE_COLORS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    out = io.BytesIO()
    palette.save(out, format="PNG", optimize=True, compress_level=COMPRESS_LEVEL)
    return out.getvalue()


def same_pixels(a: bytes, b: bytes) -> bool:
    """Do two PNGs show the same image, however each was compressed."""
    from PIL import Image, ImageChops

    with Image.open(io.BytesIO(a)) as first, Image.open(io.BytesIO(b)) as second:
        left, right = first.convert("RGBA"), second.convert("RGBA")
        if left.size != right.size:
            return False
        # alpha_only=False: by default an RGBA box is found from the alpha channel alone.
        return ImageChops.difference(left, right).getbbox(alpha_only=False) is None


def _cropped(image: PILImage) -> PILImage:
    """Cut the rows and columns that only hold the background (the top-left pixel's colour)."""
    from PIL import Image, ImageChops

    background = Image.new(image.mode, image.size, image.getpixel((0, 0)))
    box = ImageChops.difference(image, background).getbbox()
    if box is None:
        return image
    left, top, right, bottom = box
    return image.crop(
        (
            max(0, left - CROP_MARGIN),
            max(0, top - CROP_MARGIN),
            min(image.width, right + CROP_MARGIN),
            min(image.height, bottom + CROP_MARGIN),
        )
    )
