"""Writing a built site: a complete new version beside the live one, then one rename.

The output folder (`build/html`) is a link to the version it shows (see generator.atomic). A
build fills a new version: rendered pages are written, and a file unchanged since the last
build is hard-linked from the live version once it is checked to be the one the last build
left, so a file edited or damaged by hand is never carried forward. `commit` makes the new
version live with one rename; `abort` removes it and leaves the live site as it was. A build
that changes nothing switches nothing and makes no new version at all. `build --locale L`
updates only the folders of the locales it renders: every other file of the live site is
carried over (checked the same way).

The check: after each build the writer records every live file's inode, size, modification
and change times (kept with the build cache, outside the site). Any write, replacement or
`touch` of a file changes one of them (the change time cannot be set back), so a file whose
record matches is the one the last build left; any other is read and its bytes compared with
the digest the build trusts. Linking a file changes its change time, so the records are made
after the new version is live and the old one removed.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import os
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.atomic import (
    live_folder,
    made_by_switch,
    new_version,
    remove_abandoned,
    switch_to,
)
from generator.build.record_files import read_plain, write_plain
from generator.errors import CertwarnError
from generator.render.pages import Page
from generator.safe_paths import Stamp, stamp_of

MANIFEST = ".certwarn-files.json"
"""Inside the output folder: the hash of every file the last build wrote."""


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What a write changed."""

    written: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int


class SiteWriter:
    """Fills a new version of `out` until `commit`; `only`: locales updated (None: all).

    `stamps`: where the live files' stamps are kept between builds (None: every kept file is
    read and compared, as when the stamps are missing or stale)."""

    def __init__(self, out: Path, only: Sequence[str] | None = None, stamps: Path | None = None):
        self.out = out
        self.only = None if only is None else tuple(f"{tag}/" for tag in only)
        self.live = live_folder(out)
        self._live_prefix = f"{self.live}/"
        self.previous = _previous(out, self.live)
        self.stamps_file = stamps
        self._stamps = _read_stamps(stamps) if stamps and self.previous is not None else {}
        self.made_parent = not out.parent.exists()
        with _writing(out.parent):
            out.parent.mkdir(parents=True, exist_ok=True)
            remove_abandoned(out)
        self._staging: Path | None = None
        self._pending: list[str] = []
        """Kept files to link into the new version once it is certain there will be one."""
        self._eager = False
        self._stale_stamps = False
        """Whether a live file was read because its stamp was missing or did not match."""
        self.hashes: dict[str, str] = {}
        self.written: list[str] = []
        self._folders: dict[str, bool] = {}
        self._made: set[str] = set()
        """Folders of the new version known to exist."""

    @property
    def staging(self) -> Path:
        """The new version, made on first use with every file kept so far linked into it."""
        if self._staging is None:
            with _writing(self.out.parent):
                self._staging = new_version(self.out)
        if self._pending:
            pending, self._pending = self._pending, []
            self._link(pending)
        return self._staging

    def open(self) -> None:
        """Make the new version now, with every file kept so far linked into it (before
        forked workers share it: each would make its own)."""
        self.staging  # noqa: B018

    def part(self) -> SiteWriter:
        """A writer into the same new version that records its files apart, for one render
        worker: the worker writes its pages itself, and `adopt` takes in what it wrote."""
        assert self._staging is not None and not self._pending, "open() it before workers fork"
        part = copy.copy(self)
        part.hashes, part.written, part._folders, part._pending = {}, [], {}, []
        part._made = set(self._made)  # (the folders made so far exist for every part)
        part._eager = True  # a worker's kept files are linked before it reports them
        return part

    def adopt(self, files: Mapping[str, str], written: Iterable[str]) -> None:
        """Record the files a `part` put into the new version (path -> digest)."""
        for path, digest in files.items():
            self._claim(path, digest)
        self.written += written

    def add(self, page: Page) -> None:
        """Record a page: linked from the live site when its bytes are there, else written."""
        digest = hashlib.sha256(page.data).hexdigest()
        self._claim(page.path, digest)
        if self._trusted(page.path, digest, page.data):
            self._keep([page.path])
            return
        target = f"{self.staging}/{page.path}"
        with _writing(target):
            self._folder_of(target)
            with open(target, "xb") as handle:
                handle.write(page.data)
        self.written.append(page.path)

    def keep(self, files: Iterable[tuple[str, str]]) -> bool:
        """Keep live files unchanged from the last build; False when one is missing or altered.
        (Every build asks this of every file it keeps: the loops are kept tight.)"""
        files = list(files)
        trusted = self._trusted
        if not all(trusted(path, digest) for path, digest in files):
            return False
        claim = self._claim
        for path, digest in files:
            claim(path, digest)
        self._keep([path for path, _ in files])
        return True

    def _keep(self, paths: list[str]) -> None:
        if self._eager or self._staging is not None:
            self.staging  # noqa: B018
            self._link(paths)
        else:
            self._pending += paths

    def _trusted(self, path: str, digest: str, data: bytes | None = None) -> bool:
        """The live file is the one the last build wrote with `digest`, byte for byte: its
        stamp is the one recorded after that build, or else its bytes say so."""
        if self.live is None or self.previous is None or self.previous.get(path) != digest:
            return False
        file = self._live_prefix + path
        try:
            info = os.lstat(file)
        except OSError:
            return False
        if not stat.S_ISREG(info.st_mode) or not self._inside_live(path.rpartition("/")[0]):
            return False  # a link planted in the live site is never carried forward
        if self._stamps.get(path) == stamp_of(info):
            return True
        self._stale_stamps = True
        try:
            with open(file, "rb") as handle:
                live = handle.read()
        except OSError:
            return False
        return live == data if data is not None else hashlib.sha256(live).hexdigest() == digest

    def _inside_live(self, folder: str) -> bool:
        """Whether `folder` (site-relative) is a folder of the live site reached through no
        link: each of its folders is a real folder, asked of the file system once per folder
        (a build makes no links; one found there may lead anywhere)."""
        assert self.live is not None
        if not folder:
            return True
        known = self._folders.get(folder)
        if known is None:
            parent = folder.rpartition("/")[0]
            try:
                mode = os.lstat(f"{self.live}/{folder}").st_mode
            except OSError:
                mode = 0
            known = self._folders[folder] = stat.S_ISDIR(mode) and self._inside_live(parent)
        return known

    def _link(self, paths: Iterable[str]) -> None:
        """Put the live files at `paths` into the new version, which exists."""
        assert self.live is not None and self._staging is not None
        live, staging = f"{self.live}/", f"{self._staging}/"
        with _writing(self._staging):
            for path in paths:
                target = staging + path
                self._folder_of(target)
                try:
                    os.link(live + path, target)
                except OSError:  # a file system without hard links
                    shutil.copyfile(live + path, target)

    def _folder_of(self, target: str) -> None:
        """Make the folder `target` goes in (asked of the file system once per folder)."""
        folder = target.rpartition("/")[0]
        if folder not in self._made:
            os.makedirs(folder, exist_ok=True)
            self._made.add(folder)

    def _claim(self, path: str, digest: str) -> None:
        if path in self.hashes:
            raise CertwarnError(f"two pages write the same output path {path!r}")
        self.hashes[path] = digest

    def commit(self, live: Callable[[], None] = lambda: None) -> WriteResult:
        """Make the new version live with one rename (or nothing, when nothing changed);
        `live` is called once it is, before the old version is removed."""
        self._carry_other_locales()
        removed = sorted(set(self.previous or {}) - set(self.hashes))
        unchanged = len(self.hashes) - len(self.written)
        if self.previous == self.hashes and not self.written and self.out.is_symlink():
            self.abort()
            live()
            if self._stale_stamps and self.live is not None:
                self._record_stamps(self.live)  # checked by their bytes: next time by stamps
            return WriteResult((), (), unchanged)
        staging = self.staging
        # one file a line, as an indented dump has it, made by json's C encoder
        manifest = json.dumps(dict(sorted(self.hashes.items())), separators=(",\n", ": "))
        with _writing(staging / MANIFEST):
            (staging / MANIFEST).write_bytes(manifest.encode())
            os.sync()  # every file on disk before the rename that publishes them
            before = switch_to(self.out, staging)
        live()
        if before is not None and before != staging:
            shutil.rmtree(before, ignore_errors=True)
        self._record_stamps(staging)
        return WriteResult(tuple(sorted(self.written)), tuple(removed), unchanged)

    def _record_stamps(self, version: Path) -> None:
        """Each live file's stamp, for the next build's check (a cache: lost, it costs reads)."""
        if self.stamps_file is None:
            return
        folder = f"{version}/"
        stamps = {path: stamp_of(os.lstat(folder + path)) for path in self.hashes}
        with contextlib.suppress(OSError):
            self.stamps_file.parent.mkdir(parents=True, exist_ok=True)
            write_plain(self.stamps_file, stamps)

    def _carry_other_locales(self) -> None:
        """With `only`, keep every live file outside the updated locales' folders."""
        if self.only is None or self.previous is None:
            return
        for path, digest in sorted(self.previous.items()):
            if path not in self.hashes and path != MANIFEST and not path.startswith(self.only):
                self.keep([(path, digest)])

    def abort(self) -> None:
        """Discard the new version; a folder made only for it goes too."""
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
        if self.made_parent and not any(self.out.parent.iterdir()):
            self.out.parent.rmdir()


@contextlib.contextmanager
def _writing(path: Path | str) -> Iterator[None]:
    """An OSError (read-only or full disk) as one line naming the path it failed on."""
    try:
        yield
    except OSError as e:
        where = e.filename if e.filename is not None else path
        raise CertwarnError(f"cannot write the site: {e.strerror or e}", where) from e


def write_site(out: Path, pages: Iterable[Page], stamps: Path | None = None) -> WriteResult:
    """Write every page of a site to `out` (see SiteWriter)."""
    writer = SiteWriter(out, stamps=stamps)
    try:
        for page in pages:
            writer.add(page)
        return writer.commit()
    except BaseException:
        writer.abort()
        raise


def _read_stamps(path: Path) -> dict[str, Stamp]:
    """The recorded stamps. They are only compared with a file's own (a tuple of four ints),
    which a value of another shape never equals: such a file is read and compared instead."""
    data = read_plain(path)
    return data if isinstance(data, dict) else {}


def read_manifest(out: Path) -> dict[str, str] | None:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _previous(out: Path, live: Path | None) -> dict[str, str] | None:
    """The manifest of the live site `out` shows (None: none yet), once `out` is known to be
    a site a build made. A fresh site replaces the folder whole, so that folder must be empty
    or absent, and a link there must be one a build made (another could lead to a folder of
    the user's)."""
    if out.is_symlink() and not made_by_switch(out):
        raise CertwarnError(
            f"refusing to replace the link {out} -> {os.readlink(out)}: no build made it; "
            "remove it or choose another output folder"
        )
    if live is None and not out.exists():
        return None
    previous = read_manifest(live) if live is not None else None
    if previous is not None or (live is not None and not any(live.iterdir())):
        return previous
    raise CertwarnError(
        f"refusing to replace {out}: it is not empty and has no {MANIFEST} from an earlier "
        "build; remove it or choose another output folder"
    )
