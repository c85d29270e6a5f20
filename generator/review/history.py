"""Per-file history: revisions newest first, each with the decision that currently holds."""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from generator.review.ledger import Ledger
from generator.review.model import Decision, Revision, Verdict


class State(StrEnum):
    """Where a revision stands at a given moment."""

    PENDING = "pending"
    APPROVED = "approved"
    EMBARGOED = "embargoed"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class History:
    """The ledger arranged by file; the newest decision on a revision is the one that holds."""

    ledger: Ledger
    by_path: Mapping[str, tuple[Revision, ...]]
    """Path -> its revisions, newest first (by creation time, then log line)."""
    holding: Mapping[str, Decision]
    """Revision id -> its newest decision (by review time, then log line)."""

    def revisions(self, path: str) -> tuple[Revision, ...]:
        return self.by_path.get(path, ())

    def decision(self, revision_id: str) -> Decision | None:
        return self.holding.get(revision_id)

    def newest(self, path: str) -> Revision | None:
        return next(iter(self.revisions(path)), None)

    def newest_not_rejected(self, path: str) -> Revision | None:
        """The newest revision of `path` that no reviewer has rejected (pending included)."""
        for revision in self.revisions(path):
            decision = self.decision(revision.id)
            if decision is None or decision.verdict is not Verdict.REJECTED:
                return revision
        return None

    def state(self, revision: Revision, now: datetime) -> State:
        decision = self.decision(revision.id)
        if decision is None:
            return State.PENDING
        if decision.verdict is Verdict.REJECTED:
            return State.REJECTED
        return State.APPROVED if decision.published_at(now) else State.EMBARGOED


def build_history(ledger: Ledger, left_out: Set[str] = frozenset()) -> History:
    """Arrange the ledger; decisions in `left_out` (refused by the trust root) do not count."""
    by_path: dict[str, list[Revision]] = {}
    for revision in ledger.revisions.values():
        by_path.setdefault(revision.path, []).append(revision)
    ordered = {
        path: tuple(sorted(revs, key=lambda r: (r.created, ledger.line_of(r.id)), reverse=True))
        for path, revs in sorted(by_path.items())
    }
    holding: dict[str, Decision] = {}
    counted = (d for d in ledger.decisions if d.id not in left_out)
    for decision in sorted(counted, key=lambda d: (d.reviewed, ledger.line_of(d.id))):
        holding[decision.revision] = decision
    return History(ledger, ordered, holding)
