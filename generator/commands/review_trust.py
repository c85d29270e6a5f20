"""`review keygen|retire|revoke|rotate|trust`: keys and the signed reviewer list.

Anyone may propose a change to the reviewer list (these commands rewrite the reviewers
file); it takes effect only once a threshold of administrators runs `review trust sign`.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import Any

from generator.config import SiteConfig
from generator.errors import ReviewError
from generator.review.canonical import short
from generator.review.clock import format_for_people, parse_user_time
from generator.review.keys import generate_key, load_key
from generator.review.reviewers_render import render_roster
from generator.review.roster_check import roster_problems
from generator.review.roster_edit import adding, adding_admin, edit_roster, new_reviewer, updating
from generator.review.store import STORE_DIR, Store
from generator.review.trust_log import valid_signers
from generator.review.trust_sign import sign_reviewer_list
from generator.terminal import printable_lines

ACTIONS = ("keygen", "retire", "revoke", "rotate", "trust")
_SIGN = "Takes effect once administrators sign it: certwarn review trust sign --key ADMIN"
_FILE = f"{STORE_DIR}/reviewers.toml"


def add_arguments(actions: Any) -> None:
    keygen = actions.add_parser("keygen", help="create an Ed25519 signing key")
    keygen.add_argument("name", metavar="NAME", help="the key's name, as reviewers.toml lists it")
    keygen.add_argument(
        "--locale", action="append", default=[], help="locales to review (default: all)"
    )
    keygen.add_argument("--add", action="store_true", help=f"propose the reviewer in {_FILE}")
    keygen.add_argument("--admin", action="store_true", help="with --add: as an administrator")
    retire = actions.add_parser("retire", help="propose: accept no approvals from DATE on")
    retire.add_argument("name", metavar="NAME", help="the reviewer to retire")
    retire.add_argument("--on", metavar="DATE", help="default: now")
    revoke = actions.add_parser("revoke", help="propose: refuse approvals signed since DATE")
    revoke.add_argument("name", metavar="NAME", help="the reviewer whose key was lost")
    revoke.add_argument("--since", metavar="DATE", required=True, help="when the key was lost")
    rotate = actions.add_parser("rotate", help="propose a reviewer's new key (old approvals stay)")
    rotate.add_argument("name", metavar="NAME", help="the reviewer who gets a new key")
    rotate.add_argument("--new-key", metavar="KEY", required=True, help="name of a new key")
    trust = actions.add_parser("trust", help="the signed trust root: sign or show")
    trust_actions = trust.add_subparsers(dest="trust_action", required=True)
    sign = trust_actions.add_parser("sign", help=f"sign {_FILE} as the next version")
    sign.add_argument("--key", metavar="NAME", help="an administrator's key")
    sign.add_argument("--comment", default="", help="why the list changes")
    trust_actions.add_parser("show", help="the version in force and what waits for signatures")


def run(config: SiteConfig, args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    if args.action == "keygen":
        return _keygen(config, args)
    if args.action == "retire":
        moment = _when("--on", args.on) or now
        return _propose(config, updating(args.name, retired=moment), f"{args.name} retires")
    if args.action == "revoke":
        since = _when("--since", args.since)
        return _propose(config, updating(args.name, revoked=since), f"{args.name} is revoked")
    if args.action == "rotate":
        key = generate_key(args.new_key)
        print(f"Private key written to {key.path} (mode 0600). Keep it there; never commit it.")
        return _propose(config, updating(args.name, key=key.public), f"{args.name} has a new key")
    if args.trust_action == "sign":
        return _sign(config, args, now)
    return _show(config)


def _keygen(config: SiteConfig, args: argparse.Namespace) -> int:
    if args.add:  # refuse before a key is made
        listed = Store(config).load_roster()
        if args.name in (listed.admins if args.admin else listed.reviewers):
            raise ReviewError(f"{args.name!r} is listed already", listed.path)
    key = generate_key(args.name)
    print(f"Private key written to {key.path} (mode 0600). Keep it there; never commit it.")
    print(f"Public key: {key.public}")
    if not args.add:
        print(f"To propose this reviewer: certwarn review keygen NAME --add (or edit {_FILE})")
        return 0
    if args.admin:
        return _propose(config, adding_admin(args.name, key.public), f"{args.name} administers")
    reviewer = new_reviewer(args.name, key.public, args.locale, config.source_locale)
    return _propose(config, adding(reviewer), f"{args.name} reviews")


def _propose(config: SiteConfig, change: Any, what: str) -> int:
    edit_roster(config, change)
    print(f"Proposed in {_FILE}: {what}. {_SIGN}")
    return 0


def _sign(config: SiteConfig, args: argparse.Namespace, now: datetime) -> int:
    done = sign_reviewer_list(config, load_key(args.key), now, args.comment)
    state = "in force" if done.in_force else f"waiting for {done.needed - done.signatures} more"
    print(
        f"trust root version {done.version.version} ({short(done.version.digest)}): signed by "
        f"{done.signatures} of the {done.needed} administrators needed; {state}"
    )
    if done.sealed:
        print(f"sealed the {done.sealed} records written before the log was hash-chained")
    return 0


def _show(config: SiteConfig) -> int:
    store = Store(config)
    root = store.load_trust()
    current = root.current
    if current is None:
        print(f"no trust root version is in force ({root.path} is empty)")
    else:
        signers = ", ".join(s.admin for s in current.signatures)
        print(
            f"in force: version {current.version} ({short(current.digest)}), "
            f"{format_for_people(current.created)}, signed by {signers}"
        )
        print(printable_lines(render_roster(current.roster)), end="")
    if root.pending is not None and (needs := root.signers_of_next() or root.pending.roster):
        have = len(valid_signers(root.pending, needs))
        print(f"waiting: version {root.pending.version}, {have} of {needs.threshold} signatures")
    for problem in roster_problems(store.load_roster(), root):
        print(problem)
    return 0


def _when(option: str, text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return parse_user_time(text)
    except ValueError as e:
        raise ReviewError(f"{option}: expected YYYY-MM-DD or an ISO time, got {text!r}") from e
