"""What changed in a locale since the last build, as the page plan asks it (build.changes
finds it): which documents' bodies and which heads."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Changed:
    """Documents of a locale that changed since the last build."""

    bodies: frozenset[str]
    """Documents whose body changed: the pages showing them render again."""
    heads: frozenset[str]
    """Documents whose head changed: the pages showing or listing them render again."""

    def touches(self, shows: frozenset[str], lists: frozenset[str]) -> bool:
        """Whether a page showing the bodies `shows` and listing `lists` renders again."""
        return bool(shows & (self.bodies | self.heads) or lists & self.heads)
