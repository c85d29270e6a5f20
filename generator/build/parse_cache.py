"""Parsed sources kept under build/.cache/parsed between builds: one file per source text.

A build parses again only the sources whose path, revision or text changed since a parse by
the same certwarn, and writes only those; the checks that span sources run on every parse
(content.load). A long-lived process (`serve`) keeps its last parse in memory as well.
"""

from __future__ import annotations

import functools
import io
import pickle
from collections.abc import Callable, Mapping
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.atomic import write_sealed
from generator.build.cache import digest_of, generator_fingerprint
from generator.build.record_files import read_pickled

if TYPE_CHECKING:
    from generator.content.load import Content, Source

PARSED = "parsed"
"""The cache's folder of parsed sources."""


def cached_content(
    cache: Path,
    key: str,
    digests: Mapping[str, str],
    parse: Callable[[Mapping[str, Source]], Content],
) -> Content:
    """The sources of `digests` (path -> hash of path, revision and text) parsed: `parse` is
    given every source parsed before from the same text, and parses the rest. `key` names
    the whole parse (the sources, certwarn and the settings the checks read)."""
    from generator.content.load import parsed_sources

    kept = _LAST_PARSE.get(cache)
    if kept is not None and kept[0] == key:
        return kept[1]
    folder = cache / PARSED
    fingerprint = generator_fingerprint()
    names = {
        path: f"{digest_of(fingerprint, path, digest)[:32]}.pickle"
        for path, digest in digests.items()
        if path.startswith("content/") and path.endswith(".md")
    }
    in_memory = parsed_sources(kept[1]) if kept is not None else {}
    reuse: dict[str, Source] = {}
    for path, name in names.items():
        known = in_memory.get(path) if kept is not None and kept[2].get(path) == name else None
        found = known if known is not None else _unpickled(folder / name, path)
        if found is not None:
            reuse[path] = found
    content = parse(reuse)
    folder.mkdir(parents=True, exist_ok=True)
    for path, source in parsed_sources(content).items():
        if path not in reuse and path in names:
            write_sealed(folder / names[path], _pickled(source))
    current = set(names.values())
    for old in folder.iterdir():
        if old.name not in current:
            old.unlink(missing_ok=True)
    _LAST_PARSE[cache] = (key, content, names)
    return content


_LAST_PARSE: dict[Path, tuple[str, Content, dict[str, str]]] = {}
"""Per cache folder, the key of the last parse this process made, the parse, and the file
name of each of its sources."""


def _pickled(source: Source) -> bytes:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _as_calls()
    pickler.dump(source)
    return buffer.getvalue()


@functools.cache
def _as_calls() -> dict[type, Callable[[Any], tuple[type, tuple[Any, ...]]]]:
    """A parsed source is a tree of frozen dataclasses and markdown-it tokens. Saved as a call
    of each class with its fields' values, it loads in about half the time of the field by
    field restore dataclasses give slotted classes (what every catalog or source edit pays)."""
    from markdown_it.token import Token

    from generator.content.document import Document
    from generator.content.load import ArticleDoc, CodeDoc, Equivalents, StepDoc
    from generator.content.segment import Unit

    classes: tuple[type, ...] = (Token, Document, Unit, CodeDoc, ArticleDoc, StepDoc, Equivalents)
    return {cls: functools.partial(_as_call, cls, _field_values(cls)) for cls in classes}


def _field_values(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    return attrgetter(*(f.name for f in fields(cls)))


def _as_call(
    cls: type, values: Callable[[Any], tuple[Any, ...]], obj: Any
) -> tuple[type, tuple[Any, ...]]:
    return cls, values(obj)


def _unpickled(file: Path, path: str) -> Source | None:
    """The parsed source of `path` saved in `file`; None when missing or damaged."""
    from generator.content.load import ArticleDoc, CodeDoc, StepDoc

    found = read_pickled(file)
    if isinstance(found, CodeDoc | ArticleDoc | StepDoc) and found.path == path:
        return found
    return None
