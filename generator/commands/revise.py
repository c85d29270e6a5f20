"""Submit source documents or catalogs for review as new revisions."""

from __future__ import annotations

import argparse
import os
from datetime import UTC, datetime
from pathlib import PurePosixPath

from generator.config import SiteConfig, load_config
from generator.errors import Problem, ReviewError, VerifyError, raise_problems
from generator.l10n.catalog_check import catalog_check, recorded_pages
from generator.l10n.submission import unchanged_catalogs
from generator.review.canonical import short
from generator.review.drafts import document_problems
from generator.review.identity import default_creator
from generator.review.keys import load_key
from generator.review.model import Significance
from generator.review.paths import is_catalog, is_scenario, locale_of, project_path
from generator.review.reviewers import normalize_locale
from generator.review.status import status_report
from generator.review.submit import Authoring, Submission, submit
from generator.safe_paths import read_regular, require_inside
from generator.terminal import printable
from generator.verify.spec_load import SpecProblems, parse_scenario


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files to submit")
    parser.add_argument(
        "--all", action="store_true", help="every file whose working copy has unsubmitted edits"
    )
    parser.add_argument("--locale", help="with --all: only files of this locale")
    parser.add_argument("--comment", required=True, help="what changed and why")
    parser.add_argument(
        "--significance",
        choices=[s.value for s in Significance],
        default=Significance.MINOR.value,
        help="typo changes never make translations outdated (default: minor)",
    )
    parser.add_argument(
        "--creator", help="author name shown (default: $CERTWARN_USER, git user.name, login)"
    )
    parser.add_argument(
        "--key", metavar="NAME", help="your signing key, which proves you are the author"
    )
    parser.add_argument(
        "--based-on",
        action="append",
        default=[],
        metavar="REV",
        help="for catalogs: the source revision translated (default: the one extraction read)",
    )


def run(args: argparse.Namespace) -> int:
    config = load_config(args.root)
    now = datetime.now(UTC)
    paths = [project_path(config, given) for given in args.paths]
    if args.all:
        wanted = normalize_locale(args.locale) if args.locale else None
        paths += [
            require_inside(config.root, item.path, error=ReviewError)
            for item in status_report(config, now).unsubmitted
            if wanted is None or normalize_locale(locale_of(config, item.path)) == wanted
        ]
    if not paths:
        raise ReviewError("nothing to submit; give PATH arguments or --all")
    refuse_invalid_drafts(config, paths, now)  # nothing the build would refuse enters the store
    same = unchanged_catalogs(config, paths, now)
    paths = [p for p in paths if p not in same]
    meta = Authoring(
        key=load_key(args.key),
        creator=args.creator or default_creator(config.root),
        comment=args.comment,
        significance=Significance(args.significance),
        created=now,
        based_on=tuple(args.based_on),
    )
    result = submit(config, paths, meta) if paths else Submission((), ())
    for revision in result.revisions:
        what = "removes" if revision.removes else revision.significance.value
        print(f"revision {short(revision.id)}  {printable(revision.path)}  ({what})")
    for path in [*result.unchanged, *same]:
        print(f"unchanged            {printable(path)}  (same as its newest revision)")
    return 0


def refuse_invalid_drafts(config: SiteConfig, paths: list[str], now: datetime) -> None:
    """The build's checks on what is about to be recorded, every problem of every file
    reported together: documents validated against what is published, catalogs as
    `catalog check` sees them. Any problem records nothing."""
    drafts = [(path, data) for path in paths if (data := _working(config, path)) is not None]
    problems = document_problems(config, drafts, now)
    catalogs = [path for path, _ in drafts if is_catalog(path)]
    page = recorded_pages(config) if catalogs else None
    for path in catalogs:
        problems += catalog_check(config.root, path, page(path) if page else None)
    problems += [
        p for path, data in drafts if is_scenario(path) for p in _spec_problems(path, data)
    ]
    raise_problems(sorted(problems, key=lambda p: (p.path or "", p.line or 0)))


def _working(config: SiteConfig, path: str) -> bytes | None:
    """The working copy (None when deleted), read by the path policy like every input."""
    if not os.path.lexists(config.root / path):
        return None
    return read_regular(config.root, path, error=ReviewError)


def _spec_problems(path: str, data: bytes) -> list[Problem]:
    """What `certwarn verify` would refuse in a scenario spec."""
    try:
        parse_scenario(PurePosixPath(path).stem, path, data)
    except SpecProblems as e:
        return e.problems
    except VerifyError as e:
        return [Problem(e.message, e.path, e.line)]
    return []
