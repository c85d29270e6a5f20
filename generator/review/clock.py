"""Timestamps in the store: one UTC text form, parsed back to aware datetimes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time


def format_time(moment: datetime) -> str:
    """The store's text form: UTC with microseconds, e.g. `2025-01-31T09:30:00.000000Z`."""
    u = in_utc(moment)  # (fields, not strftime: a build formats every record's times again)
    return (
        f"{u.year:04d}-{u.month:02d}-{u.day:02d}T{u.hour:02d}:{u.minute:02d}:{u.second:02d}"
        f".{u.microsecond:06d}Z"
    )


def parse_time(text: str) -> datetime:
    """Parse an ISO 8601 time with an offset; raise ValueError for anything else."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"time without a UTC offset: {text!r}")
    return in_utc(moment)


def in_utc(moment: datetime) -> datetime:
    """The moment in UTC; ValueError when that leaves the years 1 to 9999 (year 1 at +05:00)."""
    try:
        return moment.astimezone(UTC)
    except OverflowError as e:
        raise ValueError(f"time out of range: {moment.isoformat()!r}") from e


def parse_user_time(text: str) -> datetime:
    """A date (`2025-06-01`, midnight UTC) or an ISO time given on the command line."""
    try:
        return datetime.combine(date.fromisoformat(text), time(), UTC)
    except ValueError:
        pass
    moment = datetime.fromisoformat(text)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else in_utc(moment)


def format_for_people(moment: datetime) -> str:
    """How command output shows a time: `2025-01-31 09:30 UTC`."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
