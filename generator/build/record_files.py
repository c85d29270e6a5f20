"""The build's own record files under build/.cache: the build cache, the live files' stamps,
parsed sources and catalog and format memos.

Each is a pickle sealed with the SHA-256 of its bytes: a file damaged on disk (or by hand)
reads as missing, never as other values, and the build then works as if it had no record.
The build cache and the stamps hold plain values only (pickled, they read several times
faster than JSON), and their reader refuses anything else: a pickle naming a class or
function, which could run code when read, is a damaged file.
"""

from __future__ import annotations

import io
import pickle
from pathlib import Path
from typing import Any

from generator.atomic import read_sealed, write_sealed

_DAMAGED = (
    pickle.UnpicklingError,
    EOFError,
    ArithmeticError,  # a mangled length overflows
    LookupError,  # a mangled reference misses
    ValueError,
    TypeError,
    AttributeError,  # a class or field of another certwarn
    ImportError,
)
"""What unpickling bytes that are not a record raises."""


def read_pickled(path: Path, unpickler: type[pickle.Unpickler] = pickle.Unpickler) -> Any:
    """What is pickled at `path` (read with `unpickler`); None when missing or damaged."""
    data = read_sealed(path)
    if data is None:
        return None
    try:
        return unpickler(io.BytesIO(data)).load()
    except _DAMAGED:
        return None


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"not a plain value: {module}.{name}")


def read_plain(path: Path) -> Any:
    """The values saved at `path`; None when missing, damaged or not plain."""
    return read_pickled(path, _PlainUnpickler)


def write_plain(path: Path, value: Any) -> None:
    """Save `value` (str, bytes, numbers, tuples, lists, dicts of these) at `path` atomically.

    Plain values share nothing, so the pickler keeps no memo of what it wrote (for a site of
    17,000 pages, the memo alone held more than the cache's bytes)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(value)
    write_sealed(path, buffer.getvalue())
