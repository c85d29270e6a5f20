"""The review data model: revisions of one file and the signed decisions on them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Significance(StrEnum):
    """How much a revision changes; typo changes never make translations outdated."""

    TYPO = "typo"
    MINOR = "minor"
    MAJOR = "major"


class Verdict(StrEnum):
    """What a reviewer decided about a revision."""

    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Revision:
    """A snapshot of one source document or catalog, submitted for review."""

    id: str
    """SHA-256 of the record's canonical JSON: content-derived, unique across branches."""
    path: str
    """Project-relative POSIX path of the file, e.g. `content/codes/X.md`."""
    content: str | None
    """SHA-256 of the file's bytes (its object's name); None when the revision removes it."""
    creator: str
    created: datetime
    comment: str
    significance: Significance
    based_on: tuple[str, ...]
    """For catalogs: ids of the approved source-document revisions they translate."""
    previous: str | None = None
    """Id of the record that was last in the log when this one was written (the hash chain);
    None only for records written before the log was chained (sealed by a `Seal`)."""
    author_key: str | None = None
    """The submitter's public key, `ed25519:<base64>`: who the author is, proven by
    `author_signature`; None only for records from before the chain."""
    author_signature: str | None = None
    """Base64 Ed25519 signature by `author_key` over every other field but the id."""

    @property
    def removes(self) -> bool:
        return self.content is None

    def describe(self) -> str:
        """How messages name the record."""
        return f"revision {self.id[:12]} of {self.path}"


@dataclass(frozen=True, slots=True)
class Decision:
    """A reviewer's signed approval or rejection of one revision."""

    id: str
    """SHA-256 of the whole record, signature included."""
    revision: str
    """Id of the revision decided on."""
    path: str
    """The revision's path, repeated so that the signature covers it."""
    content: str | None
    """The revision's content hash, repeated so that the signature covers it."""
    verdict: Verdict
    reviewer: str
    """The reviewer's name in `content/_review/reviewers.toml`."""
    reviewed: datetime
    comment: str
    ready_for_localization: bool
    publish_after: datetime | None
    """Embargo: the revision is not published before this time."""
    key: str
    """The signer's public key, `ed25519:<base64>`."""
    signature: str
    """Base64 Ed25519 signature over the decision's payload (everything but id and signature)."""
    previous: str | None = None
    """Id of the record last in the log when this was signed: the chain head it vouches for."""
    trust: str | None = None
    """Digest of the trust-root version in force when this was signed (`trust.jsonl`)."""

    @property
    def kind(self) -> str:
        return "approval" if self.verdict is Verdict.APPROVED else "rejection"

    def describe(self) -> str:
        """How messages name the record."""
        return f"{self.kind} {self.id[:12]} of {self.path} by {self.reviewer}"

    @property
    def localizable(self) -> bool:
        """Is this an approval that releases the revision to translators."""
        return self.verdict is Verdict.APPROVED and self.ready_for_localization

    def published_at(self, now: datetime) -> bool:
        """Is this an approval whose embargo, if any, has passed at `now`."""
        if self.verdict is not Verdict.APPROVED:
            return False
        return self.publish_after is None or self.publish_after <= now


@dataclass(frozen=True, slots=True)
class Seal:
    """Fixes the records written before the log was hash-chained, in their order."""

    id: str
    previous: str
    """Id of the last record it seals."""
    count: int
    """How many records it seals."""
    digest: str
    """SHA-256 over the sealed records' ids, one per line, in log order."""

    def describe(self) -> str:
        return f"seal {self.id[:12]} of the first {self.count} records"
