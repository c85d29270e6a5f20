"""Checks of the review store that passed before: each is made once per process, and once
per machine.

Whether a signature verifies depends only on the key, the signature and the signed bytes, so
a triple that verified once verifies forever; `signing.signature_valid` keeps the hash of
every triple that verified (never of one that failed) and finds it again instead of doing
the work twice. The gate does the same for each store object whose bytes matched their
revision's content hash, by its path and stamp (inode, size, modification and change times,
which any write changes and none can set back).

A build keeps the hashes in `build/.cache/` too (`remember`, `keep`), sealed like its other
records (a damaged file reads as empty), so the next build checks only what is new. That
folder is already trusted: it holds what the previous build published from (review.seen)
and the parsed sources the next build renders.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.atomic import read_sealed, write_sealed

NAME = "verified"
"""The file under build/.cache/."""

_SIZE = hashlib.sha256().digest_size
_known: set[bytes] = set()
_added: set[bytes] = set()
_used: set[bytes] = set()
"""What this process checked or found checked: what `keep` keeps (a fact of a record or an
object the store no longer has is dropped)."""
_read: set[Path] = set()


def mark(*parts: str | bytes) -> bytes:
    """The hash of one fact checked: a (key, signature, signed bytes) triple, or a store
    object's path, stamp and content hash (gate)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.digest()


def known(fact: bytes) -> bool:
    if fact in _known:
        _used.add(fact)
        return True
    return False


def add(fact: bytes) -> None:
    """Remember a fact checked just now."""
    _used.add(fact)
    if fact not in _known:
        _known.add(fact)
        _added.add(fact)


def remember(folder: Path) -> None:
    """Know the facts kept in `folder` (read once per process)."""
    path = folder / NAME
    if path in _read:
        return
    _read.add(path)
    data = read_sealed(path) or b""
    _known.update(data[i : i + _SIZE] for i in range(0, len(data) - len(data) % _SIZE, _SIZE))


def keep(folder: Path) -> None:
    """Keep in `folder` every fact this process used, when some were checked since it was
    read (a build that rendered nothing checked nothing new and writes nothing)."""
    if not _added:
        return
    folder.mkdir(parents=True, exist_ok=True)
    write_sealed(folder / NAME, b"".join(sorted(_used)))
    _added.clear()


def forget() -> None:
    """Know no fact and no file read, as a process starts (what tests of a new build use)."""
    _known.clear()
    _added.clear()
    _used.clear()
    _read.clear()
