"""Rollback protection: the newest log record that a build on this machine published from.

A deleted last line breaks no link (nothing follows it yet), so the chain cannot notice
it; but a build that published from that record remembers it (outside git, under
`build/.cache/`), and the next build refuses a log that no longer contains it, as TUF
clients refuse metadata older than what they have seen.
"""

from __future__ import annotations

from generator.atomic import write_atomic
from generator.config import SiteConfig
from generator.errors import ReviewError
from generator.review.canonical import short
from generator.review.chain import GENESIS
from generator.review.files import read_store_file
from generator.review.ledger import Ledger

_NAME = "review-seen"


def check_seen(config: SiteConfig, ledger: Ledger) -> None:
    """Refuse a log that lost the record the previous build published from."""
    path = config.build_dir / ".cache" / _NAME
    try:
        data = read_store_file(path, config.rel(path), limit=200)
    except ReviewError:
        return  # a damaged cache protects nothing, but must not stop the build
    seen = (data or b"").decode("ascii", "replace").strip()
    if not seen or seen == GENESIS or seen in ledger.lines:
        return
    raise ReviewError(
        f"record {short(seen)}, which the previous build published from, is no longer in the "
        f"log: its last lines were deleted or the log was replaced; if that was intended, "
        f"delete {config.rel(path)}",
        ledger.log,
    )


def remember_seen(config: SiteConfig, head: str) -> None:
    folder = config.build_dir / ".cache"
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / _NAME, f"{head}\n".encode("ascii"))
