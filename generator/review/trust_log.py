"""The signed trust root `content/_review/trust.jsonl`: versions of the reviewer list.

Each line is one version: the whole roster, the digest of the version before it, and the
administrators' signatures. A version is in force when a threshold of the administrators
of the version before it (for the first: of its own) have signed it, so nobody can change
the list by editing a file. Only the last line may wait for more signatures.
"""

from __future__ import annotations

from pathlib import Path

from generator.errors import ReviewError
from generator.review.canonical import short
from generator.review.files import read_store_file
from generator.review.reviewers import Roster
from generator.review.signing import TRUST, signature_valid
from generator.review.trust_versions import (
    TrustRoot,
    TrustSignature,
    TrustVersion,
    encode_version,
    parse_version,
    signed_by,
    valid_signers,
    version_body,
)

__all__ = [
    "TrustRoot",
    "TrustSignature",
    "TrustVersion",
    "encode_version",
    "load_trust",
    "signed_by",
    "valid_signers",
]


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
        version = parse_version(raw, shown, number)
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
