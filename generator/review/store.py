"""The review store under `content/_review/`: its files, lock, reads and atomic writes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from filelock import FileLock, Timeout

from generator.atomic import remove_stale_temps, write_atomic
from generator.config import SiteConfig
from generator.errors import ReviewError
from generator.review.canonical import sha256_hex, short
from generator.review.ledger import Ledger, build_ledger
from generator.review.logfile import append_records, read_log
from generator.review.model import Revision
from generator.review.objects import ObjectStore
from generator.review.records import Record

STORE_DIR = "content/_review"
LOG_NAME = "log.jsonl"
REVIEWERS_NAME = "reviewers.toml"
LOCK_NAME = ".lock"
LOCK_TIMEOUT = 60.0
_GITIGNORE = "# Written by certwarn: the store's lock and temporary files.\n/.lock\n.tmp-*\n"


class Store:
    """One project's revision log and objects."""

    def __init__(self, config: SiteConfig):
        self.config = config
        self.folder = config.root / STORE_DIR
        self.log_path = self.folder / LOG_NAME
        self.reviewers_path = self.folder / REVIEWERS_NAME
        self.objects = ObjectStore(self.folder / "objects")

    @property
    def log_name(self) -> str:
        return f"{STORE_DIR}/{LOG_NAME}"

    def load(self) -> Ledger:
        return build_ledger(read_log(self.log_path, self.log_name), self.log_name)

    def read(self, ledger: Ledger, revision: Revision) -> bytes:
        """The revision's bytes, checked against its content hash."""
        if revision.content is None:
            message = f"revision {short(revision.id)} removes {revision.path}"
            raise ledger.error(revision.id, message)
        shown = self.config.rel(self.objects.path_of(revision.content))
        data = self.objects.get(revision.content)
        name = revision.describe()
        if data is None:
            raise ledger.error(revision.id, f"{name}: object {shown} is missing")
        if sha256_hex(data) != revision.content:
            raise ledger.error(
                revision.id,
                f"{name}: object {shown} does not match its hash (changed after submission)",
            )
        return data

    def write(self, records: Sequence[Record], blobs: Sequence[bytes] = ()) -> None:
        """Add objects, then records, under the lock; on failure nothing new remains."""
        lock_path = self.folder / LOCK_NAME
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with FileLock(str(lock_path), timeout=LOCK_TIMEOUT):
                self._write_locked(records, blobs)
        except Timeout as e:
            raise ReviewError(
                f"the review store is locked by another command; waited {LOCK_TIMEOUT:.0f} s",
                self.config.rel(lock_path),
            ) from e
        except OSError as e:
            raise ReviewError(f"cannot write the review store: {e}", self.log_name) from e

    def _write_locked(self, records: Sequence[Record], blobs: Sequence[bytes]) -> None:
        # Only lock holders write temporary files here, so any that exist now are stale.
        remove_stale_temps(self.folder)
        for shard in self.objects.folder.glob("??"):
            remove_stale_temps(shard)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            write_atomic(ignore, _GITIGNORE.encode("utf-8"))
        created: list[Path] = []
        try:
            for blob in blobs:
                path = self.objects.put(blob)
                if path is not None:
                    created.append(path)
            append_records(self.log_path, records)
        except BaseException:
            for path in created:
                path.unlink(missing_ok=True)
            raise
