"""The append-only log `log.jsonl`: one canonical JSON record per line."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.atomic import write_atomic
from generator.errors import ReviewError
from generator.review.canonical import canonical_json
from generator.review.files import read_store_file
from generator.review.records import Record, RecordFormatError, from_json, to_json

_CONFLICT_MARKERS = (b"<<<<<<<", b"=======", b">>>>>>>", b"|||||||")


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One record and the 1-based line it is on."""

    line: int
    record: Record


@dataclass(frozen=True, slots=True)
class LogContents:
    """Every complete record of the log, and where an interrupted write left a torn line."""

    entries: tuple[LogEntry, ...]
    torn_line: int | None
    """Line of an unterminated, unreadable last line (ignored), or None."""


def read_log(path: Path, shown: str) -> LogContents:
    """Read the log at `path`; `shown` is the path used in messages."""
    data = read_store_file(path, shown) or b""
    lines, tail = _split(data)
    entries = [
        LogEntry(number, _parse(raw, shown, number))
        for number, raw in enumerate(lines, start=1)
        if raw.strip()
    ]
    torn_line = None
    if tail.strip():
        record = _parse_tail(tail)
        if record is None:
            torn_line = len(lines) + 1
        else:
            entries.append(LogEntry(len(lines) + 1, record))
    return LogContents(tuple(entries), torn_line)


def append_records(path: Path, shown: str, records: Sequence[Record]) -> None:
    """Rewrite the log atomically with `records` added; the caller holds the store lock.

    A torn last line (from a writer that was killed, or copied in half) is dropped: it
    never was a record. An unterminated but readable last line is kept.
    """
    data = read_store_file(path, shown) or b""
    lines, tail = _split(data)
    kept = b"".join(line + b"\n" for line in lines)
    if tail.strip() and _parse_tail(tail) is not None:
        kept += tail + b"\n"
    added = "".join(encode(record) + "\n" for record in records).encode("utf-8")
    write_atomic(path, kept + added)


def encode(record: Record) -> str:
    """The record's line in the log, without the newline."""
    return canonical_json(to_json(record))


def _split(data: bytes) -> tuple[list[bytes], bytes]:
    """The newline-terminated lines, and what follows the last newline."""
    *lines, tail = data.split(b"\n")
    return [line.rstrip(b"\r") for line in lines], tail.rstrip(b"\r")


def _parse(raw: bytes, shown: str, line: int) -> Record:
    if raw.startswith(_CONFLICT_MARKERS):
        raise ReviewError(
            "unresolved merge conflict marker; keep the lines of both sides "
            "(the log merges with merge=union, see .gitattributes)",
            shown,
            line,
        )
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise RecordFormatError(f"expected a JSON object, got {data!r}")
        return from_json(data)
    except (UnicodeDecodeError, json.JSONDecodeError, RecordFormatError) as e:
        raise ReviewError(f"not a valid review record: {e}", shown, line) from e
    except RecursionError as e:
        raise ReviewError("not a valid review record: nested too deeply", shown, line) from e


def _parse_tail(raw: bytes) -> Record | None:
    try:
        data = json.loads(raw.decode("utf-8"))
        return from_json(data) if isinstance(data, dict) else None
    except (UnicodeDecodeError, json.JSONDecodeError, RecordFormatError, RecursionError):
        return None
