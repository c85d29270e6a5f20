"""Show what is published, what waits for review, and what translators must update."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from generator.config import SiteConfig, load_config
from generator.errors import CertwarnError
from generator.l10n.submission import without_unchanged_catalogs
from generator.review.canonical import short
from generator.review.clock import format_for_people
from generator.review.model import Revision
from generator.review.status import Decided, StatusReport, Unsubmitted, status_report
from generator.review.store import LOG_NAME, STORE_DIR
from generator.review.translation_status import TranslationState
from generator.terminal import printable


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quiet", "-q", action="store_true", help="omit the published list")


def run(args: argparse.Namespace) -> int:
    config = load_config(args.root)
    now = datetime.now(UTC)
    report = without_unchanged_catalogs(config, status_report(config, now), now)
    for title, lines in [*_sections(report, args.quiet), _evidence(config, now)]:
        print(f"{title} ({len(lines)})")
        for line in lines:
            print(f"  {printable(line)}")
    if report.torn_line is not None:
        print(
            f"{STORE_DIR}/{LOG_NAME}:{report.torn_line}: an interrupted write left an "
            "incomplete last line; it is ignored and dropped by the next review command"
        )
    for problem in report.unsigned:
        print(f"refused by the build: {printable(str(problem))}")
    print(_summary(report, config.review.required))
    return 0


def _evidence(config: SiteConfig, now: datetime) -> tuple[str, list[str]]:
    """Stale or broken verification evidence on the published code pages (render.evidence)."""
    from generator.content.load import load_content
    from generator.render.evidence_status import evidence_notes
    from generator.review.trees import published_tree

    title = "Verification evidence to record again (verify --record, then revise, approve)"
    try:
        tree = published_tree(config, now)
        codes = {c.code: c.scenario for c in load_content(config, tree).codes.values()}
    except CertwarnError as e:
        return title, [f"not checked: the published content does not load ({e.message})"]
    return title, evidence_notes(config, tree, codes)


def _summary(report: StatusReport, required: bool) -> str:
    if not required:
        return "site.toml [review] required is false: the build publishes the working copy."
    if report.unsigned:
        return "The reviewers file is not what administrators signed: builds stop until it is."
    if report.unpublished or report.waiting or report.unsubmitted:
        return "Some files are not published as they are in the working copy; see above."
    served = sum(1 for item in report.published if not item.revision.removes)
    return f"All {served} files are published from approved revisions with verified signatures."


def _sections(report: StatusReport, quiet: bool) -> list[tuple[str, list[str]]]:
    sections = [
        ("Published", [_published(item) for item in report.published if not item.revision.removes]),
        ("Not published", list(report.unpublished)),
        (
            "Waiting for review",
            [_waiting(rev, report.waiting_for[rev.id]) for rev in report.waiting],
        ),
        ("Rejected", [_rejected(item) for item in report.rejected]),
        ("Unpublished", [_rejected(item) for item in report.unpublished_by_rejection]),
        ("Unsubmitted edits", [_unsubmitted(item) for item in report.unsubmitted]),
        ("Embargoed approvals", [_embargoed(item) for item in report.embargoed]),
        ("Outdated translations", [_outdated(item) for item in report.outdated]),
        ("Refused decisions", list(report.refused)),
    ]
    return sections[1:] if quiet else sections


def _published(item: Decided) -> str:
    by = f"approved by {item.decision.reviewer} {format_for_people(item.decision.reviewed)}"
    return f"{item.revision.path}  {short(item.revision.id)}  {by}"


def _waiting(revision: Revision, reviewers: tuple[str, ...]) -> str:
    what = f"{revision.significance.value} by {revision.creator}"
    who = ", ".join(reviewers) or "nobody on the reviewer list may review it"
    return f"{revision.path}  {short(revision.id)}  {what}: {revision.comment}  (for: {who})"


def _rejected(item: Decided) -> str:
    by = f"by {item.decision.reviewer} {format_for_people(item.decision.reviewed)}"
    return f"{item.revision.path}  {short(item.revision.id)}  {by}: {item.decision.comment}"


def _embargoed(item: Decided) -> str:
    until = item.decision.publish_after
    when = format_for_people(until) if until else "?"
    return f"{item.revision.path}  {short(item.revision.id)}  until {when}"


def _outdated(item: TranslationState) -> str:
    newer = short(item.newer_source.id if item.newer_source else None)
    if item.based_on:
        base = f"translates source revision {', '.join(map(short, item.based_on))}"
    else:
        base = "names no source revision it translates (submitted before one was approved)"
    return f"{item.catalog}  {base}; the source's approved revision {newer} is newer"


def _unsubmitted(item: Unsubmitted) -> str:
    if item.newest is None:
        return f"{item.path}  never submitted (certwarn revise {item.path})"
    change = "deleted" if item.deleted else "changed"
    return f"{item.path}  {change} since revision {short(item.newest.id)}"
