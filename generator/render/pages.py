"""What rendering produces: pages with their bytes, and what is kept of them without bytes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import NamedTuple


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
        """What is kept of the page, as plain strings (a `PageKind` or a `Markup` title
        becomes `str`, which the build cache stores)."""
        digest = hashlib.sha256(self.data).hexdigest()
        return PageInfo(
            str(self.path),
            digest,
            str(self.kind),
            str(self.ident),
            str(self.locale),
            str(self.title),
            str(self.revision),
            str(self.approved),
        )


class PageInfo(NamedTuple):
    """What site-wide outputs and the build cache need to know of a page, without its bytes.

    A named tuple: the build cache holds one per page of every locale and makes them again
    from plain tuples on every build, which for a tuple is one call, not one per field."""

    path: str
    digest: str
    """SHA-256 of the page's bytes."""
    kind: str
    ident: str
    locale: str
    title: str
    revision: str = ""
    approved: str = ""
