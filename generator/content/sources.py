"""Source trees: what a job reads files from.

Every tree kind lives here: the working copy (`WorkingTree`), a set of files chosen up front
(`FileSetTree`, which the review gate fills with approved or pending revisions), and the
build's view that hashes each file once (`HashedTree`). `generator.review.trees` says which
tree each job reads.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from generator.errors import ContentError, ReviewError, decode_utf8
from generator.safe_paths import read_regular

SOURCE_PATTERNS = (
    "content/codes/*.md",
    "content/articles/*.md",
    "content/steps/*/*.md",
    "content/_verify/*.json",
    "content/scenarios/*.toml",
)
"""Reviewed files under content/: documents, the verification record (per scenario), and the
scenario specs `verify --record` runs (content too: it trusts only their approved revision)."""
CATALOG_PATTERNS = ("locales/*/LC_MESSAGES/**/*.po",)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file as the build sees it: its project-relative path, text and revision."""

    path: str
    """Project-relative POSIX path, e.g. `content/codes/SEC_ERROR_UNKNOWN_ISSUER.md`."""
    text: str
    revision: str | None = None
    """Id of the review-store revision the text comes from; None for the working copy."""


class SourceTree(Protocol):
    """A read-only view of the project's sources and catalogs."""

    def paths(self) -> list[str]:
        """Every available source and catalog path, sorted."""
        ...

    def read(self, path: str) -> SourceFile:
        """The file at a path from `paths()`."""
        ...

    def stamp(self, path: str) -> str | None:
        """A cheap identity of the file's current content (None: read and hash it instead)."""
        ...


class WorkingTree:
    """The files as they are on disk: used when review is off and for previews."""

    def __init__(self, root: Path):
        self.root = root

    def paths(self) -> list[str]:
        found: set[str] = set()
        for pattern in SOURCE_PATTERNS + CATALOG_PATTERNS:
            # strings, not Path objects: a site has thousands of catalogs
            found.update(
                glob.glob(pattern, root_dir=self.root, recursive=True, include_hidden=True)
            )
        return sorted(p.replace(os.sep, "/") for p in found)

    def read(self, path: str) -> SourceFile:
        """The file's text: a regular file inside the project, never a link out or a FIFO."""
        data = read_regular(self.root, path, error=ContentError)
        return SourceFile(path, decode_utf8(data, path, ContentError))

    def stamp(self, path: str) -> str | None:
        """Modification time and size: a changed file changes them (as make relies on)."""
        try:
            info = os.stat(os.path.join(self.root, path))
        except OSError:
            return None  # a loop of links, say: `read` reports it with the path policy's words
        return f"{info.st_mtime_ns}:{info.st_size}"


class FileSetTree:
    """A tree of files chosen up front (for example one revision per path), kept in memory."""

    def __init__(self, files: Mapping[str, SourceFile]):
        self.files = dict(files)

    def paths(self) -> list[str]:
        return sorted(self.files)

    def read(self, path: str) -> SourceFile:
        try:
            return self.files[path]
        except KeyError as e:
            raise ReviewError("no revision of this file is available here", path) from e

    def stamp(self, path: str) -> str | None:
        """The revision id, which is derived from the content (None for a working copy)."""
        return self.files[path].revision


def file_digest(source: SourceFile) -> str:
    """A hash of a file's path, revision and text."""
    part = f"{source.path}\0{source.revision or ''}\0{source.text}"
    return hashlib.sha256(part.encode("utf-8")).hexdigest()


class HashedTree:
    """A source tree whose every file is hashed once; sources stay in memory for parsing.

    Catalogs are only hashed: a build renders few locales, and each render worker reads its
    own catalogs again rather than inheriting every locale's text from the parent.
    """

    def __init__(self, tree: SourceTree, known: Mapping[str, tuple[str, str]]):
        """`known`: path -> (stamp, digest) from the last build, to skip unchanged files."""
        self.tree = tree
        self.sources: dict[str, SourceFile] = {}
        self.digests: dict[str, str] = {}
        self.stamps: dict[str, tuple[str, str]] = {}
        for path in tree.paths():
            stamp = tree.stamp(path)
            if stamp is not None and known.get(path, ("", ""))[0] == stamp:
                self.digests[path] = known[path][1]
            else:
                self.digests[path] = file_digest(tree.read(path))
            if stamp is not None:
                self.stamps[path] = (stamp, self.digests[path])

    def source(self, path: str) -> SourceFile:
        if path not in self.sources:
            self.sources[path] = self.tree.read(path)
        return self.sources[path]

    def paths(self) -> list[str]:
        return list(self.digests)

    def read(self, path: str) -> SourceFile:
        return self.source(path) if path.startswith("content/") else self.tree.read(path)

    def stamp(self, path: str) -> str | None:
        return self.stamps[path][0] if path in self.stamps else None
