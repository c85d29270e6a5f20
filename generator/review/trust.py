"""Checking a decision against the trust root before the gate relies on it.

`check` finds what makes a record untrustworthy (a forged signature, a key or reviewer the
trust root never listed, rights the reviewer did not have): the build stops at its line.
`refusal` finds a sound decision the trust root no longer accepts (signed after its
reviewer retired or was revoked, or with a key since replaced): it is left out and listed.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.review.canonical import short
from generator.review.clock import format_time
from generator.review.ledger import Ledger
from generator.review.model import Decision, Revision
from generator.review.records import decision_payload, revision_payload
from generator.review.rights import is_own, rights_problem
from generator.review.signing import REVISION, signature_valid
from generator.review.trust_log import TrustRoot, TrustVersion


def author_problem(revision: Revision) -> str | None:
    """Is the revision signed by the author key it names (records from before the chain
    name none)."""
    if revision.author_key is None:
        return None
    payload = revision_payload(revision)
    if signature_valid(revision.author_key, payload, revision.author_signature or "", REVISION):
        return None
    return f"{revision.describe()} is not signed by its author key (forged or altered)"


class Verifier:
    """Checks decisions once each; raises ReviewError located at the record's log line."""

    def __init__(
        self,
        ledger: Ledger,
        root: TrustRoot,
        allow_self_approval: bool,
        locale_of: Callable[[str], str],
    ):
        self.ledger = ledger
        self.root = root
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

    def version_of(self, decision: Decision) -> TrustVersion | None:
        """The trust-root version the decision was signed under (the first, for old records)."""
        if decision.trust is None:
            return self.root.versions[0] if self.root.versions else None
        return self.root.by_digest(decision.trust)

    def refusal(self, decision: Decision) -> str | None:
        """Why the trust root no longer accepts this decision, or None."""
        version, current = self.version_of(decision), self.root.current
        if version is None or current is None or decision.reviewer not in version.roster.reviewers:
            return None  # not a decision the trust root ever allowed: `check` stops on it
        name = decision.reviewer
        now = current.roster.reviewers.get(name)
        if now is None:
            return f"{name!r} left the reviewer list (trust root version {current.version})"
        if stopped := now.stopped(decision.reviewed):
            return stopped
        replaced = self.root.replaced(name, decision.key, version)
        if replaced is not None and decision.reviewed >= replaced:
            return f"signed with a key of {name!r} that was replaced on {format_time(replaced)}"
        return None

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
        if problem := author_problem(revision):
            return problem
        version = self.version_of(decision)
        if version is None:
            return (
                f"signed under trust root version {short(decision.trust)}, which is not in "
                f"force in {self.root.path} (replaced or rolled back)"
            )
        reviewer = version.roster.reviewers.get(decision.reviewer)
        if reviewer is None:
            return (
                f"unknown reviewer {decision.reviewer!r}; expected a name from trust root "
                f"version {version.version} in {self.root.path}"
            )
        if decision.key != reviewer.key:
            return (
                f"signed with a key not listed for {reviewer.name!r} in trust root version "
                f"{version.version}, got {decision.key!r}"
            )
        if not signature_valid(decision.key, decision_payload(decision), decision.signature):
            return (
                f"signature does not verify with the key listed for {reviewer.name!r} "
                f"in trust root version {version.version} (forged or altered record)"
            )
        return rights_problem(
            reviewer,
            revision,
            decision.verdict,
            decision.ready_for_localization,
            self.locale_of(revision.path),
            is_own(revision, reviewer.name, self.root.keys_of(reviewer.name)),
            self.allow_self_approval,
        )
