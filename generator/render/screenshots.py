"""Approved Firefox screenshots (content/_verify/screenshots/), found per locale with fallback."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ScreenshotIndex:
    """Which Firefox error-page screenshots exist, keyed by (locale, code)."""

    source_locale: str
    files: dict[tuple[str, str], Path] = field(default_factory=dict)

    def find(self, code: str, locale: str) -> tuple[str, str] | None:
        """(site-relative output path, locale shown) for a code, falling back to the source."""
        for candidate in (locale, self.source_locale):
            if (candidate, code) in self.files:
                return output_path(candidate, code), candidate
        return None


def output_path(locale: str, code: str) -> str:
    return f"_images/{locale}/{code}.png"
