"""Each locale's search index: Pagefind run over the locale's help pages before the commit.

The index goes into `<locale>/pagefind/` through the site writer, so a failed build leaves the
old index in place like every other file. It is made again only when a help page of the
locale changed; otherwise the previous build's index files are kept.

Pagefind's command-line binary (from `pagefind-bin-extended`, which also segments Chinese and
Japanese) indexes a folder in one run; its Python API waits 100 ms for every answer, one
answer per page, which costs more than the whole build of a locale.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.build.writer import SiteWriter
from generator.errors import CertwarnError
from generator.render.pages import Page, PageInfo
from generator.render.urls import PageKind

INDEX_FOLDER = "pagefind"
SEARCH_INDEX = "search-index"
"""The page kind of the index files."""
INDEXED_KINDS = frozenset({PageKind.HOME, PageKind.ARTICLE, PageKind.CODE})
UNUSED = frozenset(
    f"pagefind-{ui}.{ext}"
    for ui in ("ui", "modular-ui", "component-ui", "highlight")
    for ext in ("js", "css")
)
"""Pagefind's own search interfaces: the theme has its own, translated through its catalogs."""
ELISION = re.compile(r"(?<=\w)\u2019(?=\w)")
"""A typographic apostrophe inside a word: French and Italian elision (`l’émetteur`,
`dell’orologio`). Pagefind splits words only at ASCII punctuation, so it would index
`l’émetteur` as one word that `émetteur` never finds."""
MISSING = (
    "the search index needs Pagefind, which is not installed; it is a runtime dependency of "
    "certwarn: install it with `pip install -e .` (or `pip install pagefind-bin-extended`)"
)


@dataclass(frozen=True, slots=True)
class IndexRun:
    """What one Pagefind run cost, for the build's progress output."""

    locale: str
    pages: int
    seconds: float
    cpu_seconds: float
    peak_kib: int
    """Peak resident memory of the Pagefind process."""

    def describe(self) -> str:
        return (
            f"indexed {self.locale} for search: {self.pages} pages in {self.seconds:.2f} s "
            f"({self.cpu_seconds:.2f} s CPU), {self.peak_kib / 1024:.0f} MiB peak"
        )


def is_index_file(path: str) -> bool:
    """Is this site path one of a locale's index files?"""
    parts = path.split("/", 2)
    return len(parts) == 3 and parts[1] == INDEX_FOLDER


def indexed(pages: Sequence[PageInfo]) -> set[tuple[str, str]]:
    return {(p.path, p.digest) for p in pages if p.kind in INDEXED_KINDS}


def search_index(
    writer: SiteWriter,
    tag: str,
    rendered: Sequence[PageInfo],
    kept: Sequence[PageInfo],
    previous: Sequence[PageInfo],
) -> tuple[tuple[PageInfo, ...], IndexRun | None]:
    """The locale's index files: the previous ones when no help page changed, else new ones
    (added to `writer`), with what making them cost. The pages are read from `writer`'s
    staging folder, where they are already."""
    now = indexed([*rendered, *kept])
    old_index = [p for p in previous if is_index_file(p.path)]
    unchanged = old_index and now == indexed(previous)
    if unchanged and writer.keep((p.path, p.digest) for p in old_index):
        return tuple(old_index), None
    sources = [writer.staging / path for path, _ in sorted(now)]
    if not sources:
        return (), None
    files, run = run_pagefind(tag, writer.staging / tag, sources)
    for page in files:
        writer.add(page)
    return tuple(p.info() for p in files), run


_BODY = re.compile(rb"<([a-zA-Z][a-zA-Z0-9]*)\b[^>]*\sdata-pagefind-body[\s>=]")
_SEEN_OUTSIDE = (b"data-pagefind-", b"<h1", b"<img")
"""What Pagefind may read outside the indexed element (attributes, default title, image)."""


def indexed_part(page: bytes) -> bytes:
    """The page as Pagefind indexes it: its head and the `data-pagefind-body` element.

    Pagefind reads a whole page but indexes only that element; every page also carries the
    navigation of all documents, so parsing grows with the square of their number. A page
    with anything Pagefind may use elsewhere (another of its attributes, an `h1`, an image),
    or without exactly one such element, is given whole.
    """
    head, _, _ = page.partition(b"<body")
    found = list(_BODY.finditer(page))
    if len(found) != 1 or not head:
        return page
    start = found[0].start()
    end = _closing(page, found[0].group(1), start)
    if end is None:
        return page
    outside = page[len(head) : start] + page[end:]
    if any(mark in outside for mark in _SEEN_OUTSIDE):
        return page
    return head + b"<body>" + page[start:end] + b"</body></html>\n"


def _closing(page: bytes, tag: bytes, start: int) -> int | None:
    """Where the element of `tag` opened at `start` ends (after its closing tag)."""
    tags = re.compile(rb"<(/?)" + re.escape(tag) + rb"\b[^>]*>", re.IGNORECASE)
    depth = 0
    for match in tags.finditer(page, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return None


def run_pagefind(tag: str, folder: Path, sources: Sequence[Path]) -> tuple[list[Page], IndexRun]:
    """Index `sources` (files below the locale's `folder`); the index as pages of the locale."""
    binary = pagefind_binary()
    with tempfile.TemporaryDirectory(prefix="certwarn-search-") as scratch:
        site, out = Path(scratch) / "site", Path(scratch) / "index"
        for source in sources:
            target = site / source.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(indexable(indexed_part(source.read_bytes())))
        args = [str(binary), "--site", str(site), "--output-path", str(out), "--keep-index-url"]
        seconds, cpu, peak = _run(tag, [*args, "--silent"], Path(scratch) / "log")
        files = [
            Page(
                f"{tag}/{INDEX_FOLDER}/{f.relative_to(out).as_posix()}",
                f.read_bytes(),
                kind=SEARCH_INDEX,
                locale=tag,
            )
            for f in sorted(out.rglob("*"))
            if f.is_file() and f.name not in UNUSED
        ]
    return files, IndexRun(tag, len(sources), seconds, cpu, peak)


def indexable(html: bytes) -> bytes:
    """The page as Pagefind reads it: elided words split at an ASCII apostrophe, which Pagefind
    splits words at (the published page keeps its typographic one)."""
    return ELISION.sub("'", html.decode("utf-8")).encode("utf-8")


def pagefind_binary() -> Path:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise CertwarnError(MISSING) from None
    try:
        return Path(get_executable())
    except FileNotFoundError as e:
        raise CertwarnError(f"{MISSING}; {e}") from None


def _run(tag: str, args: list[str], log: Path) -> tuple[float, float, int]:
    """Run Pagefind; its time, CPU time and peak memory (its own, apart from the build's)."""
    start = time.perf_counter()
    output = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        pid = os.posix_spawn(args[0], args, os.environ, file_actions=_to(output))
    except OSError as e:
        raise CertwarnError(f"cannot run Pagefind ({args[0]}): {e.strerror}; {MISSING}") from e
    finally:
        os.close(output)
    # The kernel's figure for a child starts from its parent's memory, so read Pagefind's own
    # high-water mark while it runs.
    peak = 0
    while not (done := os.wait4(pid, os.WNOHANG))[0]:
        peak = max(peak, _high_water_kib(pid))
        time.sleep(0.005)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(done[1])
    if code != 0:
        said = " ".join(log.read_text(errors="replace").split()[-40:])
        raise CertwarnError(f"Pagefind failed indexing {tag} (exit {code}): {said}")
    cpu = done[2].ru_utime + done[2].ru_stime
    return seconds, cpu, peak


def _high_water_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    lines = [line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")]
    return int(lines[0]) if lines else 0


def _to(fd: int) -> list[tuple[int, int, int]]:
    return [(os.POSIX_SPAWN_DUP2, fd, 1), (os.POSIX_SPAWN_DUP2, fd, 2)]
