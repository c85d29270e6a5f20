"""Which source tree each job reads: published, preview, or ready for localization."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from generator.config import SiteConfig
from generator.content.sources import SourceTree, WorkingTree

# The review store (and cryptography) load only when the site requires review.


def published_tree(config: SiteConfig, now: datetime) -> SourceTree:
    """What the build publishes: the newest approved revisions, or the working copy."""
    if not config.review.required:
        return WorkingTree(config.root)
    from generator.review import verified
    from generator.review.gate import ApprovedTree

    verified.remember(_cache(config))
    return ApprovedTree(config, now)


def preview_tree(config: SiteConfig) -> SourceTree:
    """The newest revision of everything, pending included."""
    if not config.review.required:
        return WorkingTree(config.root)
    from generator.review import verified
    from generator.review.gate import PreviewTree

    verified.remember(_cache(config))
    return PreviewTree(config)


def localization_tree(config: SiteConfig) -> SourceTree:
    """Source documents approved and ready for localization (what translators translate)."""
    if not config.review.required:
        return WorkingTree(config.root)
    from generator.review.gate import LocalizationTree

    return LocalizationTree(config)


def _cache(config: SiteConfig) -> Path:
    return config.build_dir / ".cache"


def unpublished(tree: SourceTree) -> tuple[str, ...]:
    """Files the tree leaves out for want of an approved revision (none for a working copy)."""
    if isinstance(tree, WorkingTree):
        return ()
    from generator.review.gate import ApprovedTree

    return tuple(tree.unpublished()) if isinstance(tree, ApprovedTree) else ()


def remember_published(config: SiteConfig, tree: SourceTree) -> None:
    """After the site is written: the log record it was published from (rollback check), and
    the signatures verified for it (the next build verifies only new ones)."""
    if isinstance(tree, WorkingTree):
        return
    from generator.review import verified
    from generator.review.gate import ApprovedTree

    verified.keep(_cache(config))
    if isinstance(tree, ApprovedTree):
        from generator.review.seen import remember_seen

        remember_seen(config, tree.head, tree.trust)


def refused(tree: SourceTree) -> tuple[str, ...]:
    """Approvals the trust root no longer accepts, and what that unpublishes."""
    if isinstance(tree, WorkingTree):
        return ()
    from generator.review.gate import ApprovedTree

    return tuple(tree.refused()) if isinstance(tree, ApprovedTree) else ()
