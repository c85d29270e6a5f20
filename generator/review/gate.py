"""The publication gate: source trees made of approved (or, for previews, newest) revisions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from generator.config import SiteConfig
from generator.content.sources import FileSetTree, SourceFile, WorkingTree
from generator.review.canonical import short
from generator.review.model import Decision, Revision, Verdict
from generator.review.paths import is_source
from generator.review.seen import check_seen
from generator.review.state import StoreState, open_store


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
        super().__init__(_chosen_files(state, chosen))
        self._unpublished = [path for path in paths if path not in self.files]
        self._refused = _refused_approvals(state, chosen)

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
