"""The reviewers file as certwarn writes it, when a command proposes a change."""

from __future__ import annotations

from generator.review.clock import format_time
from generator.review.reviewers import ALL_LOCALES, Reviewer, Roster

_HEADER = """\
# The reviewer list (the trust root). A change here takes effect only once a threshold of
# the administrators below has signed it: `certwarn review trust sign --key ADMIN`.
# Written by certwarn; see "The reviewer list" in the README for how people are added.
"""


def render_roster(roster: Roster) -> str:
    """The reviewers file for `roster`, as certwarn writes it."""
    parts = [_HEADER, f"\n[trust]\nthreshold = {roster.threshold}\n"]
    parts += [f'\n[admins.{name}]\nkey = "{key}"\n' for name, key in sorted(roster.admins.items())]
    parts += [_reviewer_table(roster.reviewers[name]) for name in sorted(roster.reviewers)]
    return "".join(parts)


def _reviewer_table(reviewer: Reviewer) -> str:
    locales = reviewer.locales
    shown = '"*"' if locales == (ALL_LOCALES,) else "[" + ", ".join(f'"{t}"' for t in locales) + "]"
    lines = [
        f"\n[reviewers.{reviewer.name}]",
        f'key = "{reviewer.key}"',
        f"locales = {shown}",
        f"ready_for_localization = {'true' if reviewer.ready_for_localization else 'false'}",
    ]
    for name in ("retired", "revoked"):
        moment = getattr(reviewer, name)
        if moment is not None:
            lines.append(f"{name} = {format_time(moment)}")
    return "\n".join(lines) + "\n"
