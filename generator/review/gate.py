"""The publication gate: source trees made of approved (or, for previews, newest) revisions."""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from datetime import datetime

from generator.config import SiteConfig
from generator.content.sources import FileSetTree, SourceFile, WorkingTree
from generator.errors import ReviewError
from generator.review import verified
from generator.review.canonical import short
from generator.review.model import Decision, Revision, Verdict
from generator.review.paths import is_source
from generator.review.seen import check_seen
from generator.review.state import StoreState, open_store
from generator.safe_paths import stamp_of


def _chosen_files(
    state: StoreState, chosen: Mapping[str, Revision | None]
) -> dict[str, SourceFile]:
    """One file per path from its chosen revision, texts read and checked up front."""
    return {
        path: SourceFile(path, state.text(revision), revision.id)
        for path, revision in chosen.items()
        if revision is not None and not revision.removes
    }


class ApprovedTree(FileSetTree):
    """For every file, the newest approved revision whose `publish_after` has passed.

    Every decision relied on is verified against the reviewers file; a failing one raises
    ReviewError at its log line. The working copy is never served.

    Every object is checked against its revision's content hash up front, unless it is the
    very file checked before (`verified`: same object, same stamp, which any write changes);
    texts are read when a build uses them (one that renders nothing reads none).
    """

    def __init__(self, config: SiteConfig, now: datetime, strict: bool = True):
        state = open_store(config, strict)
        if strict:
            check_seen(config, state.ledger, state.trust)
        self.state = state if strict else None
        """The store as read for this tree, when read strictly: the build's dashboard and
        histories read it from here instead of reading and checking the store again."""
        self.head = state.ledger.head
        """The log record this tree was chosen at: remembered once the build is written."""
        self.trust = state.trust
        paths = state.all_paths()
        chosen = {path: state.select(path, lambda d: d.published_at(now)) for path in paths}
        super().__init__({})
        self._store = state
        self._published = {p: r for p, r in chosen.items() if r is not None and not r.removes}
        for revision in self._published.values():
            _check_object(state, revision)
        self._unpublished = [path for path in paths if path not in self._published]
        self._refused = _refused_approvals(state, chosen)

    def paths(self) -> list[str]:
        return sorted(self._published)

    def read(self, path: str) -> SourceFile:
        found = self.files.get(path)
        if found is None:
            revision = self._published.get(path)
            if revision is None:
                raise ReviewError("no revision of this file is available here", path)
            found = self.files[path] = SourceFile(path, self._store.text(revision), revision.id)
        return found

    def stamp(self, path: str) -> str | None:
        return self._published[path].id

    def unpublished(self) -> list[str]:
        """Files with no approved, published revision: listed by the build summary."""
        return list(self._unpublished)

    def refused(self) -> list[str]:
        """Approvals the trust root no longer accepts (a revoked or retired reviewer), each
        with what is published instead: the build always lists these."""
        return list(self._refused)


class LocalizationTree(FileSetTree):
    """For every source document, the newest approved revision ready for localization.

    Embargoes are ignored on purpose: translators work before a release lands, and a
    translation is only shown for source text the gate publishes.
    """

    def __init__(self, config: SiteConfig):
        state = open_store(config)
        paths = filter(is_source, state.all_paths())
        super().__init__(_chosen_files(state, {p: state.select(p, _localizable) for p in paths}))


class PreviewTree(FileSetTree):
    """The newest revision of every file, pending included and rejected left out.

    A file that has no such revision (never submitted) is previewed from the working copy,
    with `revision=None`, so that drafts can be looked at before `certwarn revise`.
    """

    def __init__(self, config: SiteConfig):
        state = open_store(config, strict=False)  # a preview publishes nothing
        chosen = {path: state.history.newest_not_rejected(path) for path in state.all_paths()}
        super().__init__(_chosen_files(state, chosen))
        working = WorkingTree(config.root)
        for path in working.paths():
            if path not in chosen or chosen[path] is None:
                self.files[path] = working.read(path)


def _check_object(state: StoreState, revision: Revision) -> None:
    """Read and check the revision's object now (ReviewError at its log line when it is
    missing, altered or not UTF-8), unless this very file was checked before."""
    path = state.store.objects.path_of(revision.content or "")
    try:
        info = os.lstat(path)
    except OSError:
        info = None
    checked = info is not None and stat.S_ISREG(info.st_mode)
    stamp = repr(stamp_of(info)) if info is not None else ""
    fact = verified.mark("object", os.fspath(path), stamp, revision.content or "")
    if checked and verified.known(fact):
        return
    state.text(revision)
    if checked:
        verified.add(fact)


def _refused_approvals(state: StoreState, chosen: Mapping[str, Revision | None]) -> list[str]:
    found = []
    for decision in state.ledger.decisions:
        why = state.refused.get(decision.id)
        published = chosen.get(decision.path)
        if why is None or decision.verdict is not Verdict.APPROVED:
            continue
        if published is not None and published.id == decision.revision:
            continue  # another, accepted approval publishes the same revision
        instead = f"revision {short(published.id)} instead" if published else "nothing"
        found.append(
            f"{decision.path}: {decision.describe()} is refused ({why}); publishing {instead}"
        )
    return sorted(found)


def _localizable(decision: Decision) -> bool:
    return decision.localizable
