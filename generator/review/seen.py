"""Rollback protection: what the last build on this machine published from.

A deleted last line breaks no link (nothing follows it yet), so neither the log's chain
nor the trust root's can notice it: deleting a rejection republishes, deleting the
version that revoked a key trusts it again. A build remembers the newest log record and
trust-root version it published from (outside git, under `build/.cache/`), and the next
build refuses a store that no longer contains them, as TUF clients refuse metadata older
than what they have seen. (A fresh checkout without that cache trusts what it finds.)
"""

from __future__ import annotations

from generator.atomic import write_atomic
from generator.config import SiteConfig
from generator.errors import ReviewError
from generator.review.canonical import short
from generator.review.chain import GENESIS
from generator.review.files import read_store_file
from generator.review.ledger import Ledger
from generator.review.trust_log import TrustRoot

_NAME = "review-seen"


def check_seen(config: SiteConfig, ledger: Ledger, trust: TrustRoot) -> None:
    """Refuse a log or trust root that lost what the previous build published from."""
    path = config.build_dir / ".cache" / _NAME
    try:
        data = read_store_file(path, config.rel(path), limit=200)
    except ReviewError:
        return  # a damaged cache protects nothing, but must not stop the build
    head, _, version = (data or b"").decode("ascii", "replace").strip().partition("\n")
    fix = f"if that was intended, delete {config.rel(path)}"
    if head and head != GENESIS and head not in ledger.lines:
        raise ReviewError(
            f"record {short(head)}, which the previous build published from, is no longer in "
            f"the log: its last lines were deleted or the log was replaced; {fix}",
            ledger.log,
        )
    if version and trust.by_digest(version) is None:
        raise ReviewError(
            f"trust root version {short(version)}, which the previous build published under, "
            f"is no longer in force: versions were deleted or the trust root replaced; {fix}",
            trust.path,
        )


def remember_seen(config: SiteConfig, head: str, trust: TrustRoot) -> None:
    folder = config.build_dir / ".cache"
    folder.mkdir(parents=True, exist_ok=True)
    version = trust.current.digest if trust.current else ""
    write_atomic(folder / _NAME, f"{head}\n{version}\n".encode("ascii"))
