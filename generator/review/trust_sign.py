"""Administrators sign the reviewers file as the next version of the trust root."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from generator.config import SiteConfig
from generator.errors import ReviewError
from generator.review.canonical import record_id
from generator.review.chain import seal_digest
from generator.review.keys import KeyPair
from generator.review.model import Seal
from generator.review.records import seal_fields
from generator.review.reviewers import Roster, roster_json
from generator.review.store import Store
from generator.review.trust_log import (
    TrustRoot,
    TrustVersion,
    encode_version,
    signed_by,
    valid_signers,
)


@dataclass(frozen=True, slots=True)
class TrustSigning:
    """What one `review trust sign` did."""

    version: TrustVersion
    signatures: int
    """Valid administrator signatures the version has now."""
    needed: int
    sealed: int
    """Records from before the chain that this signing sealed (on migration)."""

    @property
    def in_force(self) -> bool:
        return self.signatures >= self.needed


def sign_reviewer_list(
    config: SiteConfig, key: KeyPair, now: datetime, comment: str
) -> TrustSigning:
    """Sign what the reviewers file says; it takes effect once enough admins have signed."""
    store = Store(config)
    with store.locked():
        root = store.load_trust()
        proposed = store.load_roster()
        signers = root.signers_of_next() or proposed
        admin = signers.admin_by_key(key.public)
        if admin is None:
            raise ReviewError(_not_admin(key, root, signers), root.path)
        version = signed_by(_version_to_sign(root, proposed, now, comment), key, admin)
        lines = [encode_version(v) for v in root.versions] + [encode_version(version)]
        store.replace_file(store.trust_path, "".join(f"{line}\n" for line in lines).encode())
        signing = TrustSigning(version, len(valid_signers(version, signers)), signers.threshold, 0)
        if signing.in_force:
            return TrustSigning(version, signing.signatures, signing.needed, _seal(store))
        return signing


def _version_to_sign(
    root: TrustRoot, proposed: Roster, now: datetime, comment: str
) -> TrustVersion:
    current, pending = root.current, root.pending
    if current is not None and roster_json(current.roster) == roster_json(proposed):
        raise ReviewError(
            f"nothing to sign: the reviewers file says what trust root version "
            f"{current.version} says",
            proposed.path,
        )
    if pending is not None and roster_json(pending.roster) == roster_json(proposed):
        return pending  # another administrator adds their signature
    return TrustVersion(
        version=current.version + 1 if current else 1,
        previous=current.digest if current else None,
        created=now,
        comment=comment,
        roster=proposed,
        signatures=(),
    )


def _not_admin(key: KeyPair, root: TrustRoot, signers: Roster) -> str:
    which = f"version {root.current.version}" if root.current else "the first version"
    admins = ", ".join(sorted(signers.admins)) or "none"
    return (
        f"the key {key.name!r} ({key.public}) is not an administrator of trust root {which} "
        f"(administrators: {admins})"
    )


def _seal(store: Store) -> int:
    """Seal the records from before the chain, once, in their order."""
    ledger = store.load()
    if not ledger.unchained:
        return 0
    ids = list(ledger.unchained)
    draft = Seal("", ids[-1], len(ids), seal_digest(ids))
    store.write([Seal(record_id(seal_fields(draft)), draft.previous, draft.count, draft.digest)])
    return len(ids)
