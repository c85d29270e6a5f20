"""The build cache: per-locale input keys and what each locale's pages were, under build/."""

from __future__ import annotations

import glob
import hashlib
import os
from dataclasses import asdict, dataclass, field, fields
from functools import cache
from operator import attrgetter
from pathlib import Path
from typing import Any

from generator import __version__
from generator.build.record_files import read_plain, write_plain
from generator.errors import Problem
from generator.l10n.stats import DocStats
from generator.render.pages import PageInfo
from generator.safe_paths import Stamp, stamp_of

CACHE_FORMAT = 11


@dataclass(frozen=True, slots=True)
class LocaleRecord:
    """One locale as the last build left it."""

    key: str
    """Hash of every input the locale's pages depend on."""
    pages: tuple[PageInfo, ...]
    stats: tuple[DocStats, ...]
    problems: tuple[Problem, ...]
    common: str = ""
    """Hash of the inputs every locale shares besides the sources (theme, config, certwarn
    itself…); the sources are compared per document (build.changes)."""
    shown_digests: dict[str, str] = field(default_factory=dict)
    """Per document id (and `theme`), a hash of its source and of the translations the pages
    show from it; `<id>#head` for its front matter, which other pages show too."""
    document_inputs: dict[str, str] = field(default_factory=dict)
    """Per document id, a hash of what its `shown_digests` were made from (build.changes)."""
    indexed: str = ""
    """What the locale's search index was made from (search_index.index_digest of its pages);
    it differs from the pages' own when a build published them before indexing them."""


@dataclass(frozen=True, slots=True)
class BuildCache:
    """What the last build of one output folder was made from."""

    key: str
    """Hash of all inputs: equal means nothing needs rendering."""
    locales: dict[str, LocaleRecord]
    files: dict[str, tuple[str, str]]
    """Source path -> (stamp, digest): files whose stamp is unchanged are not read again."""


@cache
def generator_fingerprint() -> str:
    """The certwarn version and each of its modules' path, size and modification time, so a
    changed generator rebuilds: Python's own bytecode cache decides a module changed by
    these (its seconds; here nanoseconds), and reading every module cost each build 4 ms."""
    digest = hashlib.sha256(__version__.encode())
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    for name in sorted(glob.glob("**/*.py", root_dir=package, recursive=True)):
        info = os.stat(os.path.join(package, name))
        digest.update(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def digest_of(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def load_cache(path: Path) -> BuildCache | None:
    """The cache at `path`; None when missing, unreadable or from another format. What this
    process saved there is not read back while the file's stamp is the one it left."""
    saved = _SAVED.get(path)
    if saved is not None and saved[0] == _stamp(path):
        return saved[1]
    data = read_plain(path)
    try:
        if data["format"] != CACHE_FORMAT:
            return None
        locales = {tag: _record(r) for tag, r in data["locales"].items()}
        files = {path: (str(s), str(d)) for path, (s, d) in data["files"].items()}
        return BuildCache(data["key"], locales, files)
    except (ValueError, LookupError, TypeError, AttributeError):  # plain values, other shapes
        return None


def _record(data: dict[str, Any]) -> LocaleRecord:
    pages = tuple(map(PageInfo._make, data["pages"]))
    stats = tuple(DocStats(*s) for s in data["stats"])
    problems = tuple(Problem(**p) for p in data["problems"])
    digests = {str(k): str(v) for k, v in data["shown_digests"].items()}
    return LocaleRecord(
        str(data["key"]),
        pages,
        stats,
        problems,
        str(data["common"]),
        digests,
        {str(k): str(v) for k, v in data["document_inputs"].items()},
        str(data["indexed"]),
    )


_STATS_FIELDS = attrgetter(*(f.name for f in fields(DocStats)))
"""A flat record's fields as a tuple, in order (what `astuple` gives, without its deep copy)."""


def _plain(record: LocaleRecord) -> dict[str, Any]:
    """A record as plain values; pages as tuples, which keeps large caches fast to write."""
    return {
        "key": record.key,
        "pages": [tuple(p) for p in record.pages],
        "stats": [_STATS_FIELDS(s) for s in record.stats],
        "problems": [asdict(p) for p in record.problems],
        "common": record.common,
        "shown_digests": record.shown_digests,
        "document_inputs": record.document_inputs,
        "indexed": record.indexed,
    }


def save_cache(path: Path, cache_value: BuildCache) -> None:
    data = {
        "format": CACHE_FORMAT,
        "key": cache_value.key,
        "locales": {tag: _plain(record) for tag, record in cache_value.locales.items()},
        "files": cache_value.files,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    write_plain(path, data)
    stamp = _stamp(path)
    if stamp is not None:
        _SAVED[path] = (stamp, cache_value)


_SAVED: dict[Path, tuple[Stamp, BuildCache]] = {}
"""Per cache file, what this process last saved there and the file's stamp after it did
(`serve` builds again and again in one process)."""


def _stamp(path: Path) -> Stamp | None:
    try:
        return stamp_of(os.stat(path))
    except OSError:
        return None
