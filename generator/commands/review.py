"""Review revisions: list, show, approve, reject; create a reviewer's signing key."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from generator.config import SiteConfig, load_config
from generator.errors import ReviewError
from generator.l10n.catalog_review import catalog_review
from generator.l10n.submission import unreadable_catalog
from generator.review.canonical import short
from generator.review.clock import format_for_people, parse_user_time
from generator.review.decide import Verdicts, decide, pending
from generator.review.details import revision_details, state_label
from generator.review.diff import unified_diff
from generator.review.gate import ApprovedTree
from generator.review.history import State
from generator.review.keys import generate_key, load_key
from generator.review.model import Verdict
from generator.review.paths import is_catalog, locale_of
from generator.review.reviewers import (
    add_reviewer,
    check_unlisted,
    normalize_locale,
    reviewer_entry,
)
from generator.review.state import open_store
from generator.review.store import STORE_DIR, Store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="revisions, newest first")
    listing.add_argument("--locale", help="only files of this locale")
    listing.add_argument("--pending", action="store_true", help="only revisions waiting for review")
    show = actions.add_parser("show", help="a revision's metadata, diff and preview path")
    show.add_argument("revision", metavar="REV")
    approve = actions.add_parser("approve", help="approve and sign revisions")
    _decision_arguments(approve)
    approve.add_argument("--all-pending", action="store_true", help="every pending revision")
    approve.add_argument("--locale", help="with --all-pending: only files of this locale")
    approve.add_argument("--ready-for-localization", action="store_true")
    approve.add_argument("--publish-after", metavar="DATE", help="embargo: YYYY-MM-DD or ISO time")
    approve.add_argument("--comment", default="")
    reject = actions.add_parser("reject", help="reject and sign revisions")
    _decision_arguments(reject)
    reject.add_argument("--comment", required=True, help="what the author should change")
    keygen = actions.add_parser("keygen", help="create an Ed25519 signing key")
    keygen.add_argument("name", metavar="NAME")
    keygen.add_argument(
        "--locale", action="append", default=[], help="locales to review (default: all)"
    )
    keygen.add_argument(
        "--add", action="store_true", help=f"append the entry to {STORE_DIR}/reviewers.toml"
    )


def _decision_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("revisions", nargs="*", metavar="REV", help="ids or unique prefixes")
    parser.add_argument("--key", metavar="NAME", help="signing key (default: $CERTWARN_KEY)")


def run(args: argparse.Namespace) -> int:
    config = load_config(args.root)
    if args.action == "keygen":
        return _keygen(config, args.name, args.locale, args.add)
    now = datetime.now(UTC)
    if args.action == "list":
        return _list(config, now, args.locale, args.pending)
    if args.action == "show":
        return _show(config, now, args.revision)
    return _decide(config, now, args)


def _keygen(config: SiteConfig, name: str, locales: list[str], add: bool) -> int:
    reviewers = Store(config).reviewers_path
    if add:
        check_unlisted(reviewers, config.rel(reviewers), name)  # before a key is made
    key = generate_key(name)
    entry = reviewer_entry(name, key.public, locales, config.source_locale)
    print(f"Private key written to {key.path} (mode 0600). Keep it there; never commit it.")
    if add:
        add_reviewer(reviewers, config.rel(reviewers), name, entry)
        print(f"Added to {STORE_DIR}/reviewers.toml:\n")
    else:
        print(f"Add these lines to {STORE_DIR}/reviewers.toml:\n")
    print(entry, end="")
    return 0


def _list(config: SiteConfig, now: datetime, locale: str | None, only_pending: bool) -> int:
    state = open_store(config)
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
            f"{short(revision.id)}  {state_label(state, revision, now):<20}  {revision.path}  "
            f"{revision.significance.value}  {revision.creator}  "
            f"{format_for_people(revision.created)}  {revision.comment}"
        )
    return 0


def _show(config: SiteConfig, now: datetime, prefix: str) -> int:
    state = open_store(config)
    revision = state.ledger.resolve(prefix)
    published = ApprovedTree(config, now)
    current = published.read(revision.path) if revision.path in published.paths() else None
    for name, value in revision_details(state, revision, now, current):
        print(f"{name + ':':<14}{value}")
    new = None if revision.removes else state.text(revision)
    old_label = f"published {short(current.revision)}" if current else "unpublished"
    labels = (old_label, f"revision {short(revision.id)}")
    print()
    old = current.text if current else None
    if new is not None and is_catalog(revision.path):
        print(catalog_review(old, new, revision.path), end="")
    print(unified_diff(old, new, revision.path, labels), end="")
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
    )
    for decision in decide(config, prefixes, load_key(args.key), verdicts):
        print(f"{decision.verdict.value} {short(decision.revision)}  {decision.path}")
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
