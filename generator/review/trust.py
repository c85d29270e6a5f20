"""Checking a decision against the trust root before the gate relies on it."""

from __future__ import annotations

from collections.abc import Callable

from generator.review.canonical import short
from generator.review.ledger import Ledger
from generator.review.model import Decision
from generator.review.records import decision_payload
from generator.review.reviewers import Roster
from generator.review.rights import rights_problem
from generator.review.signing import signature_valid


class Verifier:
    """Checks decisions once each; raises ReviewError located at the record's log line."""

    def __init__(
        self,
        ledger: Ledger,
        roster: Roster,
        allow_self_approval: bool,
        locale_of: Callable[[str], str],
    ):
        self.ledger = ledger
        self.roster = roster
        self.allow_self_approval = allow_self_approval
        self.locale_of = locale_of
        self._verified: set[str] = set()

    def check(self, decision: Decision) -> None:
        if decision.id in self._verified:
            return
        problem = self._problem(decision)
        if problem is not None:
            raise self.ledger.error(decision.id, f"{decision.describe()}: {problem}")
        self._verified.add(decision.id)

    def _problem(self, decision: Decision) -> str | None:
        revision = self.ledger.revisions.get(decision.revision)
        if revision is None:
            return f"refers to revision {short(decision.revision)}, which is not in the log"
        if (decision.path, decision.content) != (revision.path, revision.content):
            return (
                f"replayed onto other content: signed for {decision.path} content "
                f"{short(decision.content)}, but revision {short(revision.id)} is "
                f"{revision.path} content {short(revision.content)}"
            )
        reviewer = self.roster.reviewers.get(decision.reviewer)
        if reviewer is None:
            listed = self.roster.path
            return f"unknown reviewer {decision.reviewer!r}; expected a name from {listed}"
        if decision.key != reviewer.key:
            return (
                f"signed with a key not listed for {reviewer.name!r} in {self.roster.path}, "
                f"got {decision.key!r}"
            )
        if not signature_valid(decision.key, decision_payload(decision), decision.signature):
            return (
                f"signature does not verify with the key listed for {reviewer.name!r} "
                f"in {self.roster.path} (forged or altered record)"
            )
        return rights_problem(
            reviewer,
            revision,
            decision.verdict,
            decision.ready_for_localization,
            self.locale_of(revision.path),
            self.allow_self_approval,
        )
