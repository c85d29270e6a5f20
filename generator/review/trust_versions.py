"""Versions of the trust root: what administrators sign, their signatures, the JSON line."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from generator.errors import ReviewError
from generator.review.canonical import canonical_json, sha256_hex
from generator.review.clock import format_time, parse_time
from generator.review.keys import KeyPair
from generator.review.reviewers import Reviewer, Roster, roster_json
from generator.review.signing import TRUST, sign, signature_valid


@dataclass(frozen=True, slots=True)
class TrustSignature:
    admin: str
    key: str
    signature: str


@dataclass(frozen=True, slots=True)
class TrustVersion:
    """One version of the reviewer list and who signed it."""

    version: int
    previous: str | None
    """Digest of the version before it; None for the first."""
    created: datetime
    comment: str
    roster: Roster
    signatures: tuple[TrustSignature, ...]

    @property
    def digest(self) -> str:
        return sha256_hex(canonical_json(version_body(self)).encode("utf-8"))


@dataclass(frozen=True, slots=True)
class TrustRoot:
    """The versions in force, oldest first, and a last one still waiting for signatures."""

    path: str
    versions: tuple[TrustVersion, ...]
    pending: TrustVersion | None = None
    digests: tuple[str, ...] = field(init=False, repr=False, compare=False)
    """Each version's digest, in order: every decision a gate checks looks its version up."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "digests", tuple(v.digest for v in self.versions))

    @property
    def current(self) -> TrustVersion | None:
        return self.versions[-1] if self.versions else None

    def by_digest(self, digest: str) -> TrustVersion | None:
        return next(
            (v for v, d in zip(self.versions, self.digests, strict=True) if d == digest), None
        )

    def signers_of_next(self) -> Roster | None:
        """Whose signatures the next version needs (None: the first version's own admins)."""
        return self.current.roster if self.current else None

    def keys_of(self, name: str) -> set[str]:
        """Every key reviewer `name` has had in any version in force."""
        found = (v.roster.reviewers.get(name) for v in self.versions)
        return {reviewer.key for reviewer in found if reviewer is not None}

    def replaced(self, name: str, key: str, since: TrustVersion) -> datetime | None:
        """When a later version first gave reviewer `name` a key other than `key`."""
        for version in self.versions[since.version :]:
            reviewer = version.roster.reviewers.get(name)
            if reviewer is None or reviewer.key != key:
                return version.created
        return None


def version_body(version: TrustVersion) -> dict[str, Any]:
    """What administrators sign: everything but the signatures."""
    return {
        "type": "trust",
        "version": version.version,
        "previous": version.previous,
        "created": format_time(version.created),
        "comment": version.comment,
        "roster": roster_json(version.roster),
    }


def valid_signers(version: TrustVersion, signers: Roster) -> set[str]:
    """Keys of the administrators whose signatures of `version` verify."""
    body = version_body(version)
    return {
        s.key
        for s in version.signatures
        if signers.admins.get(s.admin) == s.key and signature_valid(s.key, body, s.signature, TRUST)
    }


def signed_by(version: TrustVersion, key: KeyPair, admin: str) -> TrustVersion:
    signature = sign(key.private, version_body(version), TRUST)
    kept = tuple(s for s in version.signatures if s.key != key.public)
    return TrustVersion(
        version.version,
        version.previous,
        version.created,
        version.comment,
        version.roster,
        (*kept, TrustSignature(admin, key.public, signature)),
    )


def encode_version(version: TrustVersion) -> str:
    signatures = [
        {"admin": s.admin, "key": s.key, "signature": s.signature} for s in version.signatures
    ]
    return canonical_json({**version_body(version), "signatures": signatures})


def parse_version(raw: bytes, shown: str, line: int) -> TrustVersion:
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict) or data.get("type") != "trust":
            raise ValueError("expected a JSON object with type 'trust'")
        roster = roster_from_json(data["roster"], f"{shown}:{line}")
        return TrustVersion(
            _int(data["version"]),
            None if data["previous"] is None else str(data["previous"]),
            parse_time(str(data["created"])),
            str(data["comment"]),
            roster,
            tuple(
                TrustSignature(str(s["admin"]), str(s["key"]), str(s["signature"]))
                for s in data["signatures"]
            ),
        )
    except (ValueError, KeyError, TypeError, RecursionError) as e:
        raise ReviewError(f"not a valid trust root version: {e!r}", shown, line) from e


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"expected a whole number, got {value!r}")
    return value


def roster_from_json(data: Mapping[str, Any], shown: str) -> Roster:
    reviewers = {
        str(name): Reviewer(
            str(name),
            str(entry["key"]),
            tuple(str(tag) for tag in entry["locales"]),
            bool(entry["ready_for_localization"]),
            None if entry["retired"] is None else parse_time(str(entry["retired"])),
            None if entry["revoked"] is None else parse_time(str(entry["revoked"])),
        )
        for name, entry in dict(data["reviewers"]).items()
    }
    admins = {str(name): str(key) for name, key in dict(data["admins"]).items()}
    return Roster(shown, reviewers, admins, _int(data["threshold"]))
