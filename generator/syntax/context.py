"""What render rules ask of the page being rendered (links, screenshots, steps, labels)."""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any, Protocol

ENV_KEY = "certwarn"


@dataclass(frozen=True, slots=True)
class Screenshot:
    """An image a `screenshot:` reference resolved to."""

    url: str
    """URL relative to the page."""

    lang: str

    """Locale the image shows; differs from the page's when it fell back."""


class RenderContext(Protocol):
    """Per-page, per-locale answers the Markdown render rules need."""

    @property
    def lang(self) -> str:
        """The page's locale."""
        ...

    def link(self, target: str) -> str | None:
        """URL for `code:X` / `article:slug[#anchor]`, or None when unknown."""
        ...

    def screenshot(self, code: str) -> Screenshot | None:
        """The screenshot for a code in this locale, falling back to the source locale."""
        ...

    def steps(self, name: str) -> str:
        """Rendered HTML of every OS variant of a step source."""
        ...

    def gettext(self, message: str) -> str:
        """A theme string in this locale."""
        ...


def context_of(env: MutableMapping[str, Any]) -> RenderContext | None:
    """The context a renderer was given, or None when rendering without one (tests, checks)."""
    context: RenderContext | None = env.get(ENV_KEY)
    return context
