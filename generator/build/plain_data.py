"""The build's own record files (the build cache, the live files' stamps): plain values only.

They are pickled, which reads and writes several times faster than JSON for a cache of tens
of thousands of strings. Only plain values are written, and the reader refuses anything
else: a pickle naming a class or function, which could run code when read, is treated as a
damaged file (the build then works as if it had no record).
"""

from __future__ import annotations

import io
import pickle
from pathlib import Path
from typing import Any

from generator.atomic import write_atomic


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"not a plain value: {module}.{name}")


def read_plain(path: Path) -> Any:
    """The values saved at `path`; None when the file is missing, damaged or not plain."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        return _PlainUnpickler(io.BytesIO(data)).load()
    except (pickle.UnpicklingError, EOFError, ArithmeticError, LookupError, ValueError, TypeError):
        # what damaged bytes raise (a mangled length overflows, a bad index misses, ...)
        return None


def write_plain(path: Path, value: Any) -> None:
    """Save `value` (str, bytes, numbers, tuples, lists, dicts of these) at `path` atomically."""
    write_atomic(path, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
