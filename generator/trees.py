"""Which source tree each job reads: published, preview, or ready for localization."""

from __future__ import annotations

from generator.config import SiteConfig
from generator.review.gate import LocalizationTree, PreviewTree, published_tree
from generator.sources import SourceTree, WorkingTree

__all__ = ["localization_tree", "preview_tree", "published_tree"]


def preview_tree(config: SiteConfig) -> SourceTree:
    """The newest revision of everything, pending included."""
    return PreviewTree(config) if config.review.required else WorkingTree(config.root)


def localization_tree(config: SiteConfig) -> SourceTree:
    """Source documents approved and ready for localization (what translators translate)."""
    return LocalizationTree(config) if config.review.required else WorkingTree(config.root)
