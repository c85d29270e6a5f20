"""Proposing changes to the reviewer list: the reviewers file rewritten under the lock.

A change proposed here is refused by the build until administrators sign it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from generator.config import SiteConfig
from generator.errors import ReviewError
from generator.review.reviewers import ALL_LOCALES, Reviewer, Roster
from generator.review.reviewers_render import render_roster
from generator.review.store import Store


def edit_roster(config: SiteConfig, change: Callable[[Roster], Roster]) -> Roster:
    """Read the reviewers file, apply `change`, write it back; all under the store's lock."""
    store = Store(config)
    with store.locked():
        changed = change(store.load_roster())
        store.replace_file(store.reviewers_path, render_roster(changed).encode("utf-8"))
    return changed


def new_reviewer(name: str, key: str, locales: list[str], source_locale: str) -> Reviewer:
    """A reviewer entry; only reviewers of the source locale mark ready for localization."""
    reviewer = Reviewer(name, key, tuple(locales) or (ALL_LOCALES,), False)
    return dataclasses.replace(reviewer, ready_for_localization=reviewer.may_review(source_locale))


def adding(reviewer: Reviewer) -> Callable[[Roster], Roster]:
    def change(roster: Roster) -> Roster:
        if reviewer.name in roster.reviewers:
            raise ReviewError(f"reviewer {reviewer.name!r} is listed already", roster.path)
        return _with(roster, reviewer)

    return change


def updating(name: str, **fields: object) -> Callable[[Roster], Roster]:
    """Change fields of a listed reviewer: `retired`, `revoked` or `key` (rotation)."""

    def change(roster: Roster) -> Roster:
        if name not in roster.reviewers:
            listed = ", ".join(sorted(roster.reviewers)) or "nobody"
            raise ReviewError(f"no reviewer {name!r}; the file lists {listed}", roster.path)
        return _with(roster, dataclasses.replace(roster.reviewers[name], **fields))  # type: ignore[arg-type]

    return change


def adding_admin(name: str, key: str) -> Callable[[Roster], Roster]:
    def change(roster: Roster) -> Roster:
        if name in roster.admins:
            raise ReviewError(f"administrator {name!r} is listed already", roster.path)
        return dataclasses.replace(roster, admins={**roster.admins, name: key})

    return change


def _with(roster: Roster, reviewer: Reviewer) -> Roster:
    return dataclasses.replace(roster, reviewers={**roster.reviewers, reviewer.name: reviewer})
