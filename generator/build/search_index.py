"""Each locale's search index: Pagefind run over the locale's help pages before the commit.

Indexing is a phase of its own, after every locale is rendered, so the build reports what it
cost apart from making the site (as Hugo users run Pagefind after Hugo).

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
import signal
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.atomic import scratch_beside
from generator.build.cache import digest_of
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
    """Peak resident memory of the Pagefind process, sampled while it runs; 0 if it ended
    before the first sample (the kernel's own figure for a child counts its parent's memory)."""

    def describe(self) -> str:
        memory = f"{self.peak_kib / 1024:.0f} MiB peak" if self.peak_kib else "too short to sample"
        return (
            f"indexed {self.locale} for search: {self.pages} pages in {self.seconds:.2f} s "
            f"({self.cpu_seconds:.2f} s CPU), {memory}"
        )


@dataclass(frozen=True, slots=True)
class IndexJob:
    """A locale to index: its files after this build (index files aside) and after the last."""

    locale: str
    pages: Sequence[PageInfo]
    previous: Sequence[PageInfo]
    indexed: str
    """What the previous index was made from (`index_digest` of those pages; "" if none)."""


@dataclass(frozen=True, slots=True)
class LocaleIndex:
    """A locale's index files after the phase, and what they were made from."""

    files: tuple[PageInfo, ...]
    indexed: str


@dataclass(frozen=True, slots=True)
class IndexPhase:
    """What indexing cost, apart from rendering: the build's figures, and the bench's row."""

    runs: tuple[IndexRun, ...] = ()
    seconds: float = 0.0
    """Wall time of the phase (preparing Pagefind's input, its runs, reading the index)."""
    cpu_seconds: float = 0.0
    """Pagefind's CPU time and the build's own during the phase."""
    peak_kib: int = 0
    """Largest sum of the Pagefind processes running at once."""

    def describe(self) -> str:
        return (
            f"search index: {len(self.runs)} locales in {self.seconds:.2f} s "
            f"({self.cpu_seconds:.2f} s CPU), {self.peak_kib / 1024:.0f} MiB peak"
        )


def is_index_file(path: str) -> bool:
    """Is this site path one of a locale's index files?"""
    parts = path.split("/", 2)
    return len(parts) == 3 and parts[1] == INDEX_FOLDER


def indexed(pages: Sequence[PageInfo]) -> set[tuple[str, str]]:
    return {(p.path, p.digest) for p in pages if p.kind in INDEXED_KINDS}


def index_digest(pages: Sequence[PageInfo]) -> str:
    """What a locale's index is made from: its help pages' paths and digests ("" if none)."""
    now = sorted(indexed(pages))
    return digest_of(*(f"{path} {digest}" for path, digest in now)) if now else ""


def index_locales(
    writer: SiteWriter,
    jobs: Sequence[IndexJob],
    progress: Callable[[str], None],
    run: bool = True,
) -> tuple[dict[str, LocaleIndex], IndexPhase]:
    """Each locale's index files (added to `writer`): the previous ones when its help pages
    are the ones they were made from, else made again, Pagefind running on every core. The
    pages are read from `writer`'s staging folder, where they are already.

    Without `run`, a locale that needs a new index keeps its old one, marked as made from the
    old pages, so the next build that runs the indexer makes it (the live preview publishes
    pages first and indexes after)."""
    start, own = time.perf_counter(), time.process_time()
    found: dict[str, LocaleIndex] = {}
    wanted: list[tuple[str, list[str], str]] = []
    for job in jobs:
        now = index_digest(job.pages)
        old_index = tuple(p for p in job.previous if is_index_file(p.path))

        if now and now == job.indexed and _keep_index(writer, old_index):
            found[job.locale] = LocaleIndex(old_index, now)
        elif not now:
            found[job.locale] = LocaleIndex((), "")
        elif not run:
            kept = old_index if _keep_index(writer, old_index) else ()
            found[job.locale] = LocaleIndex(kept, job.indexed)
        else:
            paths = sorted(p.path for p in job.pages if p.kind in INDEXED_KINDS)
            wanted.append((job.locale, paths, now))
    if not wanted:
        return found, IndexPhase()
    with scratch_beside(writer.out, "search") as scratch:
        runs, peak = _run_all(writer, wanted, scratch, found, progress)
    pagefind_cpu = sum(run.cpu_seconds for run in runs)
    phase = IndexPhase(
        tuple(runs),
        time.perf_counter() - start,
        pagefind_cpu + time.process_time() - own,
        peak,
    )
    return found, phase


def _keep_index(writer: SiteWriter, index: Sequence[PageInfo]) -> bool:
    """Keep a locale's index files as the live site has them (False: there are none, or one
    is missing or altered)."""
    return bool(index) and writer.keep((p.path, p.digest) for p in index)


@dataclass(slots=True)
class _Running:
    locale: str
    pid: int
    pages: int
    folder: Path
    started: float
    made_from: str
    """The index digest of the pages it indexes."""
    peak_kib: int = 0


def _run_all(
    writer: SiteWriter,
    wanted: list[tuple[str, list[str], str]],
    scratch: Path,
    found: dict[str, LocaleIndex],
    progress: Callable[[str], None],
) -> tuple[list[IndexRun], int]:
    """Run Pagefind for each locale of `wanted`, as many at once as there are cores."""
    binary = pagefind_binary()
    waiting, running, runs, peak = list(wanted), list[_Running](), list[IndexRun](), 0
    try:
        while waiting or running:
            while waiting and len(running) < (os.cpu_count() or 1):
                tag, paths, digest = waiting.pop(0)
                running.append(_start(binary, tag, paths, digest, writer.staging, scratch / tag))
            for job in running:
                # the kernel's figure for a child starts from its parent's memory, so read
                # Pagefind's own high-water mark while it runs
                job.peak_kib = max(job.peak_kib, high_water_kib(job.pid))
            peak = max(peak, sum(job.peak_kib for job in running))
            for job in list(running):
                pid, status, usage = os.wait4(job.pid, os.WNOHANG)
                if not pid:
                    continue
                running.remove(job)
                _check(job, os.waitstatus_to_exitcode(status))
                seconds = time.perf_counter() - job.started
                cpu = usage.ru_utime + usage.ru_stime
                run = IndexRun(job.locale, job.pages, seconds, cpu, job.peak_kib)
                found[job.locale] = LocaleIndex(_collect(writer, job), job.made_from)
                runs.append(run)
                progress(run.describe())
            if running:
                time.sleep(0.005)
    finally:
        for job in running:  # a failed run stops the others: the build fails as a whole
            os.kill(job.pid, signal.SIGKILL)
            os.waitpid(job.pid, 0)
    return runs, peak


def _start(
    binary: Path, tag: str, paths: list[str], digest: str, staging: Path, folder: Path
) -> _Running:
    """Write what Pagefind reads of the locale's pages into `folder`/site and start it."""
    site = folder / "site"
    for path in paths:
        target = site / path.removeprefix(f"{tag}/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(indexable(indexed_part((staging / path).read_bytes())))
    args = [str(binary), "--site", str(site), "--output-path", str(folder / "index")]
    args += ["--keep-index-url", "--silent"]
    output = os.open(folder / "log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        pid = os.posix_spawn(args[0], args, os.environ, file_actions=_to(output))
    except OSError as e:
        raise CertwarnError(f"cannot run Pagefind ({args[0]}): {e.strerror}; {MISSING}") from e
    finally:
        os.close(output)
    return _Running(tag, pid, len(paths), folder, time.perf_counter(), digest)


def _check(job: _Running, code: int) -> None:
    if code != 0:
        said = " ".join((job.folder / "log").read_text(errors="replace").split()[-40:])
        raise CertwarnError(f"Pagefind failed indexing {job.locale} (exit {code}): {said}")


def _collect(writer: SiteWriter, job: _Running) -> tuple[PageInfo, ...]:
    """The locale's index as pages, added to `writer`."""
    out = job.folder / "index"
    files = [
        Page(
            f"{job.locale}/{INDEX_FOLDER}/{f.relative_to(out).as_posix()}",
            f.read_bytes(),
            kind=SEARCH_INDEX,
            locale=job.locale,
        )
        for f in sorted(out.rglob("*"))
        if f.is_file() and f.name not in UNUSED
    ]
    for page in files:
        writer.add(page)
    return tuple(page.info() for page in files)


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
    found = _body_element(page)
    if found is None or not head:
        return page
    start = found.start()
    end = _closing(page, found.group(1), start)
    if end is None:
        return page
    outside = page[len(head) : start] + page[end:]
    if any(mark in outside for mark in _SEEN_OUTSIDE):
        return page
    return head + b"<body>" + page[start:end] + b"</body></html>\n"


def _body_element(page: bytes) -> re.Match[bytes] | None:
    """The start tag of the page's one `data-pagefind-body` element; None when it has none or
    several. Each start tag is a match of `_BODY` holding an occurrence of the attribute's
    name, and none reaches back past a `>`: with one occurrence, the search starts at the
    last `>` before it instead of trying the pattern at every tag of the page."""
    first = page.find(_BODY_NAME)
    if first < 0:
        return None
    if page.find(_BODY_NAME, first + 1) >= 0:  # (rare: matched the slow, sure way)
        found = list(_BODY.finditer(page))
        return found[0] if len(found) == 1 else None
    return _BODY.search(page, page.rfind(b">", 0, first) + 1)


_BODY_NAME = b"data-pagefind-body"


def _closing(page: bytes, tag: bytes, start: int) -> int | None:
    """Where the element of `tag` opened at `start` ends (after its closing tag)."""
    tags = re.compile(rb"<(/?)" + re.escape(tag) + rb"\b[^>]*>", re.IGNORECASE)
    depth = 0
    for match in tags.finditer(page, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return None


def indexable(html: bytes) -> bytes:
    """The page as Pagefind reads it: elided words split at an ASCII apostrophe, which Pagefind
    splits words at (the published page keeps its typographic one)."""
    if _TYPOGRAPHIC_APOSTROPHE not in html:
        return html
    return ELISION.sub("'", html.decode("utf-8")).encode("utf-8")


_TYPOGRAPHIC_APOSTROPHE = "\u2019".encode()


def pagefind_binary() -> Path:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise CertwarnError(MISSING) from None
    try:
        return Path(get_executable())
    except FileNotFoundError as e:
        raise CertwarnError(f"{MISSING}; {e}") from None


def high_water_kib(pid: int) -> int:
    """The peak resident memory of a running process, in KiB; 0 once it has ended."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    lines = [line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")]
    return int(lines[0]) if lines else 0


def _to(fd: int) -> list[tuple[int, int, int]]:
    return [(os.POSIX_SPAWN_DUP2, fd, 1), (os.POSIX_SPAWN_DUP2, fd, 2)]
