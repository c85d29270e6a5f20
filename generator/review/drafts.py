"""Checking drafts before they are recorded: the build's validation of source documents.

The documents are checked as the build would see them once approved: the published
texts, with the submitted working copies in their place. Only problems located in the
submitted files are the author's to fix; they are all reported together.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from generator.config import SiteConfig
from generator.content.load import load_content
from generator.content.sources import SourceFile, SourceTree, WorkingTree
from generator.errors import CertwarnError, ContentError, Problem, ProblemsError, decode_utf8
from generator.review.gate import ApprovedTree
from generator.review.paths import is_source


class _DraftTree:
    """The published tree with some files replaced by their working copies."""

    def __init__(self, base: SourceTree, drafts: dict[str, SourceFile]):
        self._base = base
        self._drafts = drafts

    def paths(self) -> list[str]:
        return sorted({*self._base.paths(), *self._drafts})

    def read(self, path: str) -> SourceFile:
        return self._drafts[path] if path in self._drafts else self._base.read(path)

    def stamp(self, path: str) -> str | None:
        return None


def document_problems(
    config: SiteConfig, drafts: Sequence[tuple[str, bytes]], now: datetime
) -> list[Problem]:
    """Front matter, schema, dialect and reference problems in the submitted documents."""
    sources = [(path, data) for path, data in drafts if is_source(path)]
    if not sources:
        return []
    texts: dict[str, SourceFile] = {}
    problems: list[Problem] = []
    for path, data in sources:
        try:
            texts[path] = SourceFile(path, decode_utf8(data, path, ContentError))
        except CertwarnError as e:
            problems.append(Problem(e.message, e.path, e.line))
    published = ApprovedTree(config, now, strict=False) if config.review.required else None
    base = published or WorkingTree(config.root)
    try:
        load_content(config, _DraftTree(base, texts))
    except ProblemsError as e:
        problems += [p for p in e.problems if p.path in texts]
    except CertwarnError as e:
        if e.path in texts:
            problems.append(Problem(e.message, e.path, e.line))
    return problems
