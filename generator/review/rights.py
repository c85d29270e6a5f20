"""What a reviewer may decide: their locales, ready-for-localization, self-approval."""

from __future__ import annotations

from generator.review.canonical import short
from generator.review.model import Revision, Verdict
from generator.review.reviewers import Reviewer


def same_person(reviewer: str, creator: str) -> bool:
    """Names compare without case and surrounding space: `Joni` created, `joni` reviews."""
    return reviewer.strip().casefold() == creator.strip().casefold()


def rights_problem(
    reviewer: Reviewer,
    revision: Revision,
    verdict: Verdict,
    ready_for_localization: bool,
    locale: str,
    allow_self_approval: bool,
) -> str | None:
    """Why `reviewer` may not make this decision, or None when they may."""
    if not reviewer.may_review(locale):
        allowed = ", ".join(reviewer.locales) or "no locales"
        return f"{reviewer.name!r} may review {allowed}, not {locale}"
    if ready_for_localization and not reviewer.ready_for_localization:
        return f"{reviewer.name!r} may not mark revisions ready for localization"
    approving = verdict is Verdict.APPROVED
    if approving and not allow_self_approval and same_person(reviewer.name, revision.creator):
        return (
            f"self-approval: {reviewer.name!r} created revision {short(revision.id)} "
            "and site.toml [review] allow_self_approval is false"
        )
    return None
