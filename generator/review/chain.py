"""The log's hash chain: each record names the id of the record written before it.

An id is the SHA-256 of its record, `previous` included, so a deleted, reordered or altered
line leaves a later record naming an id that is missing or not yet written. Two branches
that appended to the same log (joined by git's union merge) name the same earlier record:
that is a fork, not an error. Records from before the chain are fixed by a `Seal`.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.errors import ReviewError
from generator.review.canonical import sha256_hex, short
from generator.review.logfile import LogEntry
from generator.review.model import Seal

GENESIS = "0" * 64
"""What the first record of a fresh log names as `previous`."""


def seal_digest(ids: Sequence[str]) -> str:
    return sha256_hex("".join(f"{record_id}\n" for record_id in ids).encode("ascii"))


def check_chain(entries: Sequence[LogEntry], log: str) -> None:
    """Raise ReviewError at the first line whose link does not hold."""
    position = {entry.record.id: entry.line for entry in reversed(entries)}
    legacy: list[str] = []
    chained_from: int | None = None
    for entry in entries:
        record = entry.record
        if record.previous is None:
            if chained_from is not None:
                raise ReviewError(
                    f"{record.describe()} has no link to the record before it, but the log "
                    f"is hash-chained from line {chained_from}; only certwarn writes records",
                    log,
                    entry.line,
                )
            legacy.append(record.id)
            continue
        if chained_from is None and legacy and not isinstance(record, Seal):
            raise ReviewError(
                f"{record.describe()}: the {len(legacy)} records before it are not sealed; "
                "seal them with `certwarn review trust sign` (see the README)",
                log,
                entry.line,
            )
        chained_from = chained_from or entry.line
        _check_link(entry, position, log)
        if isinstance(record, Seal):
            _check_seal(record, legacy, log, entry.line)


def _check_link(entry: LogEntry, position: dict[str, int], log: str) -> None:
    previous = entry.record.previous
    if previous == GENESIS or previous is None:
        return
    where = position.get(previous)
    name = entry.record.describe()
    if where is None:
        raise ReviewError(
            f"{name} follows record {short(previous)}, which is not in the log: a line "
            "before it was deleted or altered",
            log,
            entry.line,
        )
    if where >= entry.line:
        raise ReviewError(
            f"{name} follows record {short(previous)}, which comes later, on line {where}: "
            "lines were reordered",
            log,
            entry.line,
        )


def _check_seal(seal: Seal, legacy: list[str], log: str, line: int) -> None:
    if (seal.count, seal.digest) != (len(legacy), seal_digest(legacy)):
        raise ReviewError(
            f"{seal.describe()} does not match the {len(legacy)} unchained records before it: "
            "a line before it was deleted, reordered or altered",
            log,
            line,
        )
