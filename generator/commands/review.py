"""Review revisions: list, show, approve, reject; keys and the reviewer list (review_trust)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from generator.commands import review_trust
from generator.config import SiteConfig, load_config
from generator.errors import ReviewError
from generator.l10n.catalog_review import catalog_review
from generator.l10n.submission import unreadable_catalog
from generator.review.canonical import short
from generator.review.clock import format_for_people, parse_user_time
from generator.review.decide import Verdicts, decide, pending, unpublishing
from generator.review.details import revision_details, state_label
from generator.review.diff import unified_diff
from generator.review.evidence_changes import screenshot_changes
from generator.review.gate import ApprovedTree
from generator.review.history import State
from generator.review.keys import load_key
from generator.review.model import Verdict
from generator.review.paths import is_catalog, is_evidence, locale_of
from generator.review.reviewers import normalize_locale
from generator.review.state import open_store
from generator.terminal import printable, printable_lines


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="revisions, newest first")
    listing.add_argument("--locale", help="only files of this locale")
    listing.add_argument("--pending", action="store_true", help="only revisions waiting for review")
    show = actions.add_parser("show", help="a revision's metadata, diff and preview path")
    show.add_argument("revision", metavar="REV", help="a revision id or a unique prefix of one")
    approve = actions.add_parser("approve", help="approve and sign revisions")
    _decision_arguments(approve)
    approve.add_argument("--all-pending", action="store_true", help="every pending revision")
    approve.add_argument("--locale", help="with --all-pending: only files of this locale")
    approve.add_argument(
        "--ready-for-localization",
        action="store_true",
        help="source documents: translators may start (minor and major changes then mark "
        "translations outdated)",
    )
    approve.add_argument(
        "--publish-after",
        metavar="DATE",
        help="embargo: publish only from this date (YYYY-MM-DD or an ISO time)",
    )
    approve.add_argument("--comment", default="", help="a note for the author (optional)")
    reject = actions.add_parser("reject", help="reject and sign revisions")
    _decision_arguments(reject)
    reject.add_argument("--comment", required=True, help="what the author should change")
    reject.add_argument(
        "--unpublish", action="store_true", help="reject the published revision: unpublish it"
    )
    review_trust.add_arguments(actions)


def _decision_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("revisions", nargs="*", metavar="REV", help="ids or unique prefixes")
    parser.add_argument("--key", metavar="NAME", help="signing key (default: $CERTWARN_KEY)")


def run(args: argparse.Namespace) -> int:
    config = load_config(args.root)
    if args.action in review_trust.ACTIONS:
        return review_trust.run(config, args)
    now = datetime.now(UTC)
    if args.action == "list":
        return _list(config, now, args.locale, args.pending)
    if args.action == "show":
        return _show(config, now, args.revision)
    return _decide(config, now, args)


def _list(config: SiteConfig, now: datetime, locale: str | None, only_pending: bool) -> int:
    state = open_store(config, strict=False)
    revisions = sorted(
        state.ledger.revisions.values(), key=lambda r: (r.created, r.path), reverse=True
    )
    wanted = normalize_locale(locale) if locale else None
    for revision in revisions:
        kind = state.history.state(revision, now)
        if only_pending and kind is not State.PENDING:
            continue
        if wanted and normalize_locale(locale_of(config, revision.path)) != wanted:
            continue
        print(
            f"{short(revision.id)}  {printable(state_label(state, revision, now)):<20}  "
            f"{printable(revision.path)}  {revision.significance.value}  "
            f"{printable(revision.creator)}  {format_for_people(revision.created)}  "
            f"{printable(revision.comment)}"
        )
    return 0


def _show(config: SiteConfig, now: datetime, prefix: str) -> int:
    state = open_store(config, strict=False)
    revision = state.ledger.resolve(prefix)
    published = ApprovedTree(config, now, strict=False)
    current = published.read(revision.path) if revision.path in published.paths() else None
    for name, value in revision_details(state, revision, now, current):
        print(f"{name + ':':<14}{printable(value)}")
    new = None if revision.removes else state.text(revision)
    if is_evidence(revision.path):
        for line in screenshot_changes(config.root, current.text if current else None, new):
            print(f"{'screenshot:':<14}{printable(line)}")
    old_label = f"published {short(current.revision)}" if current else "unpublished"
    labels = (old_label, f"revision {short(revision.id)}")
    print()
    old = current.text if current else None
    if new is not None and is_catalog(revision.path):
        print(printable_lines(catalog_review(old, new, revision.path)), end="")
    print(printable_lines(unified_diff(old, new, revision.path, labels)), end="")
    return 0


def _decide(config: SiteConfig, now: datetime, args: argparse.Namespace) -> int:
    approving = args.action == "approve"
    prefixes = list(args.revisions)
    if approving and args.all_pending:
        prefixes += [rev.id for rev in pending(config, now, args.locale)]
        if not prefixes:
            print("nothing waits for review")
            return 0
    if not prefixes:
        raise ReviewError(f"give revision ids to {args.action}" + (" or --all-pending" * approving))
    if approving:
        _refuse_unreadable(config, prefixes)
    verdicts = Verdicts(
        verdict=Verdict.APPROVED if approving else Verdict.REJECTED,
        reviewed=now,
        comment=args.comment,
        ready_for_localization=approving and args.ready_for_localization,
        publish_after=_publish_after(args.publish_after) if approving else None,
        unpublish=not approving and args.unpublish,
    )
    key = load_key(args.key)
    state = open_store(config)
    gone = [] if approving else unpublishing(state, list(map(state.ledger.resolve, prefixes)), now)
    for decision in decide(config, prefixes, key, verdicts):
        print(f"{decision.verdict.value} {short(decision.revision)}  {printable(decision.path)}")
    for item in gone:
        instead = f"revision {short(item.fallback.id)}" if item.fallback else "nothing"
        print(f"no longer published: {printable(item.revision.path)} (now publishes {instead})")
    return 0


def _refuse_unreadable(config: SiteConfig, prefixes: list[str]) -> None:
    """A catalog the build could not read is never approved (it would stop every build)."""
    state = open_store(config)
    for prefix in prefixes:
        revision = state.ledger.resolve(prefix)
        if is_catalog(revision.path) and not revision.removes:
            data = state.text(revision).encode("utf-8")
            if (error := unreadable_catalog(config, revision.path, data)) is not None:
                raise error


def _publish_after(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return parse_user_time(text)
    except ValueError as e:
        message = f"--publish-after: expected YYYY-MM-DD or an ISO time, got {text!r}"
        raise ReviewError(message) from e
