"""What the live preview's pages learn from the rebuild loop: the build they show, or its error."""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The outcome of the newest build."""

    generation: int
    """Counts finished builds (successful or not); a page reloads when it changes."""
    error: str | None
    """`path:line: message` of the newest build when it failed, else None."""


class LiveState:
    """Shared by the rebuild thread (which publishes) and request threads (which wait)."""

    def __init__(self) -> None:
        self._snapshot = Snapshot(0, None)
        self._changed = threading.Condition()

    @property
    def snapshot(self) -> Snapshot:
        with self._changed:
            return self._snapshot

    def publish(self, error: str | None) -> Snapshot:
        with self._changed:
            self._snapshot = Snapshot(self._snapshot.generation + 1, error)
            self._changed.notify_all()
            return self._snapshot

    def wait_past(self, generation: int, timeout: float) -> Snapshot:
        """The snapshot once it is newer than `generation`, or the current one after `timeout`."""
        with self._changed:
            self._changed.wait_for(lambda: self._snapshot.generation != generation, timeout)
            return self._snapshot
