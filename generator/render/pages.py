"""What rendering produces: pages with their bytes, and what is kept of them without bytes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Page:
    """One output file."""

    path: str
    """Site-relative output path."""
    data: bytes
    title: str = ""
    kind: str = ""
    ident: str = ""
    locale: str = ""
    revision: str = ""
    """The review-store revision whose text the page shows ("" without review)."""
    approved: str = ""
    """When that revision was approved (ISO 8601)."""

    def info(self) -> PageInfo:
        digest = hashlib.sha256(self.data).hexdigest()
        return PageInfo(
            self.path,
            digest,
            self.kind,
            self.ident,
            self.locale,
            self.title,
            self.revision,
            self.approved,
        )


@dataclass(frozen=True, slots=True)
class PageInfo:
    """What site-wide outputs and the build cache need to know of a page, without its bytes."""

    path: str
    digest: str
    """SHA-256 of the page's bytes."""
    kind: str
    ident: str
    locale: str
    title: str
    revision: str = ""
    approved: str = ""
