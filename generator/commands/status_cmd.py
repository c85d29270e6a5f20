"""Show what is published, what waits for review, and what translators must update."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from generator.config import load_config
from generator.review.canonical import short
from generator.review.clock import format_for_people
from generator.review.status import StatusReport, Unsubmitted, status_report
from generator.review.store import LOG_NAME, STORE_DIR


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quiet", "-q", action="store_true", help="omit the published list")


def run(args: argparse.Namespace) -> int:
    config = load_config(args.root)
    report = status_report(config, datetime.now(UTC))
    for title, lines in _sections(report, args.quiet):
        print(f"{title} ({len(lines)})")
        for line in lines:
            print(f"  {line}")
    if report.torn_line is not None:
        print(
            f"{STORE_DIR}/{LOG_NAME}:{report.torn_line}: an interrupted write left an "
            "incomplete last line; it is ignored and dropped by the next review command"
        )
    return 0


def _sections(report: StatusReport, quiet: bool) -> list[tuple[str, list[str]]]:
    published = [
        f"{item.revision.path}  {short(item.revision.id)}  approved by {item.decision.reviewer} "
        f"{format_for_people(item.decision.reviewed)}"
        for item in report.published
        if not item.revision.removes
    ]
    sections = [] if quiet else [("Published", published)]
    return [
        *sections,
        ("Not published", list(report.unpublished)),
        (
            "Waiting for review",
            [
                f"{rev.path}  {short(rev.id)}  {rev.significance.value} by {rev.creator}: "
                f"{rev.comment}"
                for rev in report.waiting
            ],
        ),
        ("Unsubmitted edits", [_unsubmitted(item) for item in report.unsubmitted]),
        (
            "Embargoed approvals",
            [
                f"{item.revision.path}  {short(item.revision.id)}  until "
                f"{format_for_people(item.decision.publish_after)}"
                for item in report.embargoed
                if item.decision.publish_after is not None
            ],
        ),
        (
            "Outdated translations",
            [
                f"{item.catalog}  based on {', '.join(map(short, item.based_on)) or 'nothing'}; "
                f"source revision {short(item.newer_source.id if item.newer_source else None)} "
                "is newer"
                for item in report.outdated
            ],
        ),
    ]


def _unsubmitted(item: Unsubmitted) -> str:
    if item.newest is None:
        return f"{item.path}  never submitted (certwarn revise {item.path})"
    change = "deleted" if item.deleted else "changed"
    return f"{item.path}  {change} since revision {short(item.newest.id)}"
