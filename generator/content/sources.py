"""Where source files come from: the working copy, or a set chosen by the review gate."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from generator.errors import ContentError, decode_utf8

SOURCE_PATTERNS = (
    "content/codes/*.md",
    "content/articles/*.md",
    "content/steps/*/*.md",
    "content/_verify/*.json",
)
"""Reviewed files under content/: documents, and the verification record (per scenario)."""
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
            found.update(p.relative_to(self.root).as_posix() for p in self.root.glob(pattern))
        return sorted(found)

    def read(self, path: str) -> SourceFile:
        data = (self.root / path).read_bytes()
        return SourceFile(path, decode_utf8(data, path, ContentError))

    def stamp(self, path: str) -> str | None:
        """Modification time and size: a changed file changes them (as make relies on)."""
        info = os.stat(os.path.join(self.root, path))
        return f"{info.st_mtime_ns}:{info.st_size}"
