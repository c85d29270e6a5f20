"""What a reviewer may decide: their locales, ready-for-localization, self-approval."""

from __future__ import annotations

from collections.abc import Collection

from generator.review.canonical import short
from generator.review.model import Revision, Verdict
from generator.review.reviewers import Reviewer


def same_person(reviewer: str, creator: str) -> bool:
    """Names compare without case and surrounding space: `Joni` created, `joni` reviews."""
    return reviewer.strip().casefold() == creator.strip().casefold()


def is_own(revision: Revision, reviewer: str, keys: Collection[str]) -> bool:
    """Did this reviewer author the revision: judged on keys, since the author signs it.

    Only records from before the chain, which carry no author key, fall back to the name.
    """
    if revision.author_key is not None:
        return revision.author_key in keys
    return same_person(reviewer, revision.creator)


def rights_problem(
    reviewer: Reviewer,
    revision: Revision,
    verdict: Verdict,
    ready_for_localization: bool,
    locale: str,
    own: bool,
    allow_self_approval: bool,
) -> str | None:
    """Why `reviewer` may not make this decision, or None when they may."""
    if not reviewer.may_review(locale):
        allowed = ", ".join(reviewer.locales) or "no locales"
        return f"{reviewer.name!r} may review {allowed}, not {locale}"
    if ready_for_localization and not reviewer.ready_for_localization:
        return f"{reviewer.name!r} may not mark revisions ready for localization"
    if verdict is Verdict.APPROVED and not allow_self_approval and own:
        return (
            f"self-approval: {reviewer.name!r} signed revision {short(revision.id)} as its "
            "author and site.toml [review] allow_self_approval is false"
        )
    return None
