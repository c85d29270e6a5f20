"""The live preview's rebuild loop: build once, then again whenever a source changes (the
changed pages are published first and open pages reload; their search index follows).

By default the working copy is built with the draft banner (pending and unsubmitted edits
included) into `build/serve`; with `published`, exactly what `certwarn build` publishes.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.build.run import build
from generator.config import CONFIG_NAME, load_config
from generator.errors import CertwarnError

WATCHED = ("content", "locales", "themes", CONFIG_NAME)
"""What an author edits, relative to the project."""
IDLE_MS = 500
"""The watcher wakes this often without changes (the first wake-up says it is watching)."""


@dataclass(frozen=True, slots=True)
class Rebuild:
    """One project's build as the live preview runs it."""

    root: Path
    published: bool
    out: Path
    """The folder built and served."""

    @classmethod
    def of(cls, root: Path, published: bool) -> Rebuild:
        """Refuses (ConfigError) a folder that is no certwarn project before anything starts."""
        config = load_config(root)
        return cls(root, published, config.output if published else config.build_dir / "serve")

    def run(self, live: Callable[[], None] | None = None) -> str | None:
        """Build; None on success, else the error as `path:line: message`. With `live`, only
        the pages of the edited documents are made, with their old search index, and `live`
        is called once they are in place; the next run makes the rest (the pages listing
        them, and the search index)."""
        try:
            config = load_config(self.root)
            if not self.published:
                # the working copy itself, not the newest submitted revisions
                config = dataclasses.replace(
                    config, review=dataclasses.replace(config.review, required=False)
                )
            first = live is not None
            build(
                config,
                preview=not self.published,
                out=self.out,
                search=not first,
                live=live or (lambda: None),
                lists=not first,
            )
        except CertwarnError as e:
            return str(e)
        except OSError as e:
            return f"certwarn: {e}"
        return None


def watched_paths(root: Path) -> list[Path]:
    return [root / name for name in WATCHED if (root / name).exists()]


def ignored(root: Path, path: str) -> bool:
    """The review store's lock, temporary files and editors' dotfiles change nothing shown."""
    try:
        parts = Path(path).relative_to(root).parts
    except ValueError:
        return True
    return any(part.startswith(".") for part in parts)


def watch(
    rebuild: Rebuild,
    stop: threading.Event,
    ready: threading.Event,
    finished: Callable[[str | None], None],
) -> None:
    """Rebuild after each batch of changes until `stop` is set; `finished` gets each outcome.

    `ready` is set once the operating system reports changes: an edit made after it is
    never missed (watchfiles says so by yielding its first, empty, idle batch).
    """
    import watchfiles

    editors = watchfiles.DefaultFilter()  # swap files, backups~, .git, __pycache__ …

    def wanted(change: watchfiles.Change, path: str) -> bool:
        return editors(change, path) and not ignored(rebuild.root, path)

    try:
        for changes in watchfiles.watch(
            *watched_paths(rebuild.root),
            watch_filter=wanted,
            stop_event=stop,
            debounce=400,
            step=20,
            rust_timeout=IDLE_MS,
            yield_on_timeout=True,
        ):
            ready.set()
            if changes:
                # the edited pages first, and open pages reload as soon as they are in place;
                # then the pages listing them and the search index
                error = rebuild.run(live=lambda: finished(None))
                if error is not None or (error := rebuild.run()) is not None:
                    finished(error)
    finally:
        ready.set()  # a watcher that failed to start must not hold up the server
