"""The review store under `content/_review/`: its files, lock, reads and atomic writes."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from generator.atomic import remove_stale_temps, write_atomic
from generator.config import SiteConfig
from generator.errors import ReviewError
from generator.review.canonical import sha256_hex, short
from generator.review.ledger import Ledger, build_ledger
from generator.review.logfile import append_records, read_log
from generator.review.model import Revision
from generator.review.objects import ObjectStore
from generator.review.records import Record
from generator.review.reviewers import Roster
from generator.review.reviewers_file import load_roster
from generator.review.trust_log import TrustRoot, load_trust

if TYPE_CHECKING:
    from filelock import FileLock

STORE_DIR = "content/_review"
LOG_NAME = "log.jsonl"
REVIEWERS_NAME = "reviewers.toml"
TRUST_NAME = "trust.jsonl"
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
        self.trust_path = self.folder / TRUST_NAME
        self.objects = ObjectStore(self.folder / "objects", self.shown)

    @cached_property
    def _lock(self) -> FileLock:
        """The lock every write takes (made on first use: a build only reads the store)."""
        from filelock import FileLock

        return FileLock(str(self.folder / LOCK_NAME), timeout=LOCK_TIMEOUT)

    def shown(self, path: Path) -> str:
        """A store file's path as messages show it (not resolved: it may be a planted link)."""
        return path.relative_to(self.config.root).as_posix()

    @property
    def log_name(self) -> str:
        return f"{STORE_DIR}/{LOG_NAME}"

    def load(self) -> Ledger:
        return build_ledger(read_log(self.log_path, self.log_name), self.log_name)

    def load_roster(self) -> Roster:
        """The reviewers file as it is (a proposal until signed)."""
        return load_roster(self.reviewers_path, self.shown(self.reviewers_path))

    def load_trust(self) -> TrustRoot:
        return load_trust(self.trust_path, self.shown(self.trust_path))

    def read(self, ledger: Ledger, revision: Revision) -> bytes:
        """The revision's bytes, checked against its content hash."""
        if revision.content is None:
            message = f"revision {short(revision.id)} removes {revision.path}"
            raise ledger.error(revision.id, message)
        shown = self.shown(self.objects.path_of(revision.content))
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

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store's lock: every write of every store file happens inside it.

        Callers that read a file, change it and write it back read it inside too, so that
        concurrent commands (four `keygen --add` at once) lose nothing.
        """
        from filelock import Timeout

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with self._lock:
                self._tidy()
                yield
        except Timeout as e:
            raise ReviewError(
                f"the review store is locked by another command; waited {LOCK_TIMEOUT:.0f} s",
                self.config.rel(self.folder / LOCK_NAME),
            ) from e
        except OSError as e:
            raise ReviewError(f"cannot write the review store: {e}", self.log_name) from e

    def replace_file(self, path: Path, data: bytes) -> None:
        """Replace one store file atomically; the caller holds the lock."""
        if not self._lock.is_locked:
            raise RuntimeError("store files are written under the store's lock")
        write_atomic(path, data)

    def write(self, records: Sequence[Record], blobs: Sequence[bytes] = ()) -> None:
        """Add objects, then records, under the lock; on failure nothing new remains."""
        with self.locked():
            self._write_locked(records, blobs)

    def _tidy(self) -> None:
        # Only lock holders write temporary files here, so any that exist now are stale.
        remove_stale_temps(self.folder)
        for shard in self.objects.folder.glob("??"):
            remove_stale_temps(shard)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            write_atomic(ignore, _GITIGNORE.encode("utf-8"))

    def _write_locked(self, records: Sequence[Record], blobs: Sequence[bytes]) -> None:
        created: list[Path] = []
        try:
            for blob in blobs:
                path = self.objects.put(blob)
                if path is not None:
                    created.append(path)
            append_records(self.log_path, self.log_name, records)
        except BaseException:
            for path in created:
                path.unlink(missing_ok=True)
            raise
