"""What the live preview's pages learn from the rebuild loop: the build they show, or its error."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
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
        self._listeners = 0
        """Open pages: event streams connected now."""
        self._awaited = 0
        """Pages to load before `wait_for_reloads` returns: those open at the last publish."""

    @property
    def snapshot(self) -> Snapshot:
        with self._changed:
            return self._snapshot

    def publish(self, error: str | None) -> Snapshot:
        with self._changed:
            self._snapshot = Snapshot(self._snapshot.generation + 1, error)
            self._awaited = self._listeners
            self._changed.notify_all()
            return self._snapshot

    @contextmanager
    def listening(self) -> Iterator[None]:
        """While an open page's event stream is connected."""
        with self._changed:
            self._listeners += 1
        try:
            yield
        finally:
            with self._changed:
                self._listeners -= 1

    def page_served(self) -> None:
        """A page was sent (an open page reloading, or a new one)."""
        with self._changed:
            self._awaited = max(self._awaited - 1, 0)
            self._changed.notify_all()

    def wait_for_reloads(self, timeout: float) -> bool:
        """Wait until the pages open at the last publish have loaded again (at most `timeout`
        seconds): work that can wait, such as the search index, then leaves them the CPU."""
        with self._changed:
            return self._changed.wait_for(lambda: self._awaited == 0, timeout)

    def wait_past(self, generation: int, timeout: float) -> Snapshot:
        """The snapshot once it is newer than `generation`, or the current one after `timeout`."""
        with self._changed:
            self._changed.wait_for(lambda: self._snapshot.generation != generation, timeout)
            return self._snapshot
