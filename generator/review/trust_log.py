"""The signed trust root `content/_review/trust.jsonl`: versions of the reviewer list.

Each line is one version: the whole roster, the digest of the version before it, and the
administrators' signatures. A version is in force when a threshold of the administrators
of the version before it (for the first: of its own) have signed it, so nobody can change
the list by editing a file. Only the last line may wait for more signatures.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from generator.errors import ReviewError
from generator.review.canonical import canonical_json, sha256_hex, short
from generator.review.clock import format_time, parse_time
from generator.review.files import read_store_file
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

    @property
    def current(self) -> TrustVersion | None:
        return self.versions[-1] if self.versions else None

    def by_digest(self, digest: str) -> TrustVersion | None:
        return next((v for v in self.versions if v.digest == digest), None)

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


def load_trust(path: Path, shown: str) -> TrustRoot:
    """Read and verify the chain of versions; raise ReviewError at the first bad line."""
    data = read_store_file(path, shown)
    lines = [] if data is None else data.split(b"\n")
    versions: list[TrustVersion] = []
    pending: TrustVersion | None = None
    numbered = [(n, raw) for n, raw in enumerate(lines, start=1) if raw.strip()]
    for number, raw in numbered:
        if pending is not None:
            raise _short_of_threshold(pending, versions, shown, number - 1)
        version = _parse(raw, shown, number)
        _check_link(version, versions, shown, number)
        signers = versions[-1].roster if versions else version.roster
        _check_signatures(version, signers, shown, number)
        if len(valid_signers(version, signers)) >= signers.threshold:
            versions.append(version)
        else:
            pending = version
    return TrustRoot(shown, tuple(versions), pending)


def _short_of_threshold(
    pending: TrustVersion, versions: list[TrustVersion], shown: str, line: int
) -> ReviewError:
    signers = versions[-1].roster if versions else pending.roster
    have = len(valid_signers(pending, signers))
    return ReviewError(
        f"trust root version {pending.version} is signed by {have} of the {signers.threshold} "
        "administrators it needs, yet later versions follow it",
        shown,
        line,
    )


def _check_link(version: TrustVersion, versions: list[TrustVersion], shown: str, line: int) -> None:
    expected = (len(versions) + 1, versions[-1].digest if versions else None)
    if (version.version, version.previous) != expected:
        raise ReviewError(
            f"trust root version {version.version} does not follow version {expected[0] - 1} "
            f"(expected version {expected[0]} naming {short(expected[1])}, got "
            f"{short(version.previous)}): a line was deleted, reordered or altered",
            shown,
            line,
        )


def _check_signatures(version: TrustVersion, signers: Roster, shown: str, line: int) -> None:
    body = version_body(version)
    for s in version.signatures:
        if signers.admins.get(s.admin) != s.key:
            raise ReviewError(
                f"trust root version {version.version}: signed by {s.admin!r} with {s.key}, "
                "which is not an administrator key of the version before it",
                shown,
                line,
            )
        if not signature_valid(s.key, body, s.signature, TRUST):
            raise ReviewError(
                f"trust root version {version.version}: the signature of {s.admin!r} does not "
                "verify (forged, or the version was altered after signing)",
                shown,
                line,
            )


def _parse(raw: bytes, shown: str, line: int) -> TrustVersion:
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
