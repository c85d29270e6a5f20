"""Signatures verified before: each is checked once per process, and once per machine.

Whether a signature verifies depends only on the key, the signature and the signed bytes, so
a triple that verified once verifies forever. `signing.signature_valid` keeps the hash of
every triple that verified (never of one that failed) and finds it again instead of doing
the work twice: a build opens the store for its gate, its dashboard and its histories.

A build keeps the hashes in `build/.cache/` too (`remember`, `keep`), sealed like its other
records (a damaged file reads as empty), so the next build verifies only new records. That
folder is already trusted: it holds what the previous build published from (review.seen)
and the parsed sources the next build renders.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.atomic import read_sealed, write_sealed

NAME = "verified-signatures"
"""The file under build/.cache/."""

_SIZE = hashlib.sha256().digest_size
_known: set[bytes] = set()
_added: set[bytes] = set()
_read: set[Path] = set()


def mark(public: str, signature: str, message: bytes) -> bytes:
    """The hash of one (key, signature, signed bytes) triple."""
    digest = hashlib.sha256()
    for part in (public.encode(), signature.encode(), message):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.digest()


def known(triple: bytes) -> bool:
    return triple in _known


def add(triple: bytes) -> None:
    """Remember a triple that verified just now."""
    if triple not in _known:
        _known.add(triple)
        _added.add(triple)


def remember(folder: Path) -> None:
    """Know the triples kept in `folder` (read once per process)."""
    path = folder / NAME
    if path in _read:
        return
    _read.add(path)
    data = read_sealed(path) or b""
    _known.update(data[i : i + _SIZE] for i in range(0, len(data) - len(data) % _SIZE, _SIZE))


def keep(folder: Path) -> None:
    """Keep in `folder` every triple known, when some verified since it was read."""
    path = folder / NAME
    if not _added:
        return
    remember(folder)  # (unread until now: what it holds is kept as well)
    folder.mkdir(parents=True, exist_ok=True)
    write_sealed(path, b"".join(sorted(_known)))
    _added.clear()


def forget() -> None:
    """Know no triple and no file read, as a process starts (what tests of a new build use)."""
    _known.clear()
    _added.clear()
    _read.clear()
