"""The store writes every time in one text form: UTC, four-digit year, microseconds, `Z`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from generator.review.clock import format_time, parse_time


def test_a_time_is_written_in_utc_with_microseconds() -> None:
    moment = datetime(2025, 1, 31, 14, 30, 0, 120, tzinfo=timezone(timedelta(hours=5)))
    assert format_time(moment) == "2025-01-31T09:30:00.000120Z"


def test_a_year_before_1000_keeps_four_digits() -> None:
    assert format_time(datetime(999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)) == (
        "0999-12-31T23:59:59.999999Z"
    )


def test_a_written_time_reads_back_as_the_same_moment() -> None:
    moment = datetime(1, 1, 1, 0, 0, 0, 1, tzinfo=UTC)
    assert parse_time(format_time(moment)) == moment
