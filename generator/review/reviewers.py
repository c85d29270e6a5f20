"""The reviewer list: who may review which locales with which key, and who administers it.

A `Roster` is what one version of the trust root says (`trust_log`), or what the reviewers
file proposes (`reviewers_file`); the build requires the two to agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from generator.review.clock import format_time

ALL_LOCALES = "*"


@dataclass(frozen=True, slots=True)
class Reviewer:
    """One reviewer of the list."""

    name: str
    key: str
    """Public key, `ed25519:<base64>`."""
    locales: tuple[str, ...]
    """Locales this reviewer may decide on; `("*",)` for all."""
    ready_for_localization: bool
    """May this reviewer mark source revisions ready for localization."""
    retired: datetime | None = None
    """From this time no approval of theirs is accepted; earlier ones stay valid."""
    revoked: datetime | None = None
    """Their key is distrusted from this time: approvals signed since are refused."""

    def may_review(self, locale: str) -> bool:
        wanted = normalize_locale(locale)
        return any(tag == ALL_LOCALES or normalize_locale(tag) == wanted for tag in self.locales)

    def stopped(self, moment: datetime) -> str | None:
        """Why a decision signed at `moment` is no longer accepted, or None."""
        if self.revoked is not None and moment >= self.revoked:
            return f"{self.name!r}'s key was revoked from {format_time(self.revoked)}"
        if self.retired is not None and moment >= self.retired:
            return f"{self.name!r} retired on {format_time(self.retired)}"
        return None


@dataclass(frozen=True, slots=True)
class Roster:
    """All reviewers and administrators, and how many administrators sign a change."""

    path: str
    """Where it comes from, as messages show it."""
    reviewers: Mapping[str, Reviewer]
    admins: Mapping[str, str] = field(default_factory=dict)
    """Administrator name -> public key."""
    threshold: int = 1
    """How many of the administrators must sign the next change of the list."""
    lines: Mapping[str, int] = field(default_factory=dict)
    """`reviewers.NAME`, `admins.NAME` or `trust` -> 1-based line in the reviewers file."""

    def by_key(self, key: str) -> Reviewer | None:
        return next((r for r in self.reviewers.values() if r.key == key), None)

    def admin_by_key(self, key: str) -> str | None:
        return next((name for name, k in self.admins.items() if k == key), None)


def normalize_locale(tag: str) -> str:
    """Compare `pt_BR`, `pt-BR` and `pt-br` as one locale."""
    return tag.replace("_", "-").lower()


def roster_json(roster: Roster) -> dict[str, Any]:
    """The signed form of a roster: canonical, without where it was read from."""
    return {
        "threshold": roster.threshold,
        "admins": dict(sorted(roster.admins.items())),
        "reviewers": {
            name: reviewer_json(roster.reviewers[name]) for name in sorted(roster.reviewers)
        },
    }


def reviewer_json(reviewer: Reviewer) -> dict[str, Any]:
    return {
        "key": reviewer.key,
        "locales": list(reviewer.locales),
        "ready_for_localization": reviewer.ready_for_localization,
        "retired": None if reviewer.retired is None else format_time(reviewer.retired),
        "revoked": None if reviewer.revoked is None else format_time(reviewer.revoked),
    }
