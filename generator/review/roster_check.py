"""Does the reviewers file say what the signed trust root says? Every difference, by line."""

from __future__ import annotations

from generator.errors import Problem
from generator.review.reviewers import Roster, reviewer_json, roster_json
from generator.review.trust_log import TrustRoot, valid_signers

SIGN = "a threshold of administrators must sign the change: `certwarn review trust sign`"


def roster_problems(file: Roster, root: TrustRoot) -> list[Problem]:
    """Differences between `file` and the version in force, each at its line of the file."""
    current = root.current
    if current is None:
        if not file.reviewers and not file.admins:
            return []
        return [
            Problem(
                f"the reviewer list is not signed: {root.path} has no version in force; {SIGN}",
                file.path,
                _first_line(file),
            )
        ]
    if roster_json(file) == roster_json(current.roster):
        return []
    signed = current.roster
    where = f"the signed trust root (version {current.version} in {root.path})"
    waiting = _waiting(file, root)
    found = [
        Problem(f"{message}{waiting}", file.path, file.lines.get(entry) or None)
        for entry, message in _differences(file, signed, where)
    ]
    return found


def _differences(file: Roster, signed: Roster, where: str) -> list[tuple[str, str]]:
    found = []
    if file.threshold != signed.threshold:
        found.append(
            (
                "trust",
                f"threshold {file.threshold} differs from {where}, which says "
                f"{signed.threshold}; {SIGN}",
            )
        )
    for name in sorted({*file.admins, *signed.admins}):
        if file.admins.get(name) != signed.admins.get(name):
            found.append(
                (
                    f"admins.{name}",
                    _change(
                        "administrator", name, name in signed.admins, name in file.admins, where
                    ),
                )
            )
    for name in sorted({*file.reviewers, *signed.reviewers}):
        ours, theirs = file.reviewers.get(name), signed.reviewers.get(name)
        if ours is None or theirs is None:
            found.append(
                (
                    f"reviewers.{name}",
                    _change("reviewer", name, theirs is not None, ours is not None, where),
                )
            )
        elif reviewer_json(ours) != reviewer_json(theirs):
            fields = [k for k, v in reviewer_json(ours).items() if reviewer_json(theirs)[k] != v]
            found.append(
                (
                    f"reviewers.{name}",
                    f"reviewer {name!r}: {', '.join(fields)} differ from {where}; {SIGN}",
                )
            )
    return found


def _change(kind: str, name: str, signed: bool, listed: bool, where: str) -> str:
    if listed and not signed:
        return (
            f"{kind} {name!r} is not in {where}: approvals with this key are not accepted; {SIGN}"
        )
    if signed and not listed:
        return f"{kind} {name!r} of {where} is missing from this file; {SIGN}"
    return f"{kind} {name!r}: the key differs from {where}; {SIGN}"


def _waiting(file: Roster, root: TrustRoot) -> str:
    pending, signers = root.pending, root.signers_of_next()
    if pending is None or signers is None or roster_json(pending.roster) != roster_json(file):
        return ""
    have = len(valid_signers(pending, signers))
    return (
        f" (version {pending.version}, which makes this change, is signed by {have} of the "
        f"{signers.threshold} administrators it needs)"
    )


def _first_line(file: Roster) -> int | None:
    return min(file.lines.values(), default=None) or None
