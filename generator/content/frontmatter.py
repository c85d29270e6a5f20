"""Splitting a Markdown source into YAML front matter (with key line numbers) and body."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any

from generator.errors import ContentError
from generator.safe_paths import MAX_NESTING

MAX_FRONT_MATTER = 64 * 1024
"""Longest front matter accepted, in characters: metadata, not a document."""
_NOT_PRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
)
"""What YAML refuses to read (YAML 1.1, 5.1): control characters, NUL, lone surrogates.
(Every character but the printable ones, spelled out: the negated class YAML gives, with
its ranges up to U+10FFFF, costs every process that imports this module 3 ms to compile.)"""


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The parsed front matter of one source and where its body starts."""

    data: dict[str, Any]
    """The YAML mapping; empty when the file has no front matter."""
    key_lines: dict[str, int] = field(default_factory=dict)
    """1-based line of each top-level key in the file."""
    body: str = ""
    """The Markdown after the closing `---`."""
    body_offset: int = 0
    """Lines before the body: add to a 0-based body line to get a 0-based file line."""
    end_line: int = 0
    """1-based line of the closing `---` (0 without front matter)."""


def split_front_matter(text: str, path: str) -> FrontMatter:
    """Parse `---`-delimited YAML at the top of `text`; raise ContentError naming the line."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n") != "---":
        return FrontMatter({}, {}, text, 0, 0)
    closing = [i for i, line in enumerate(lines) if i and line.rstrip("\r\n") == "---"]
    if not closing:
        raise ContentError("front matter is not closed; expected a line '---'", path, 1)
    index = closing[0]
    yaml_text = "".join(lines[1:index])
    _refuse_unreadable(yaml_text, path)
    data, key_lines = _parse_yaml(yaml_text, path)
    return FrontMatter(data, key_lines, "".join(lines[index + 1 :]), index + 1, index + 1)


def _refuse_unreadable(yaml_text: str, path: str) -> None:
    """Control characters and sizes YAML would choke on, reported at their file line."""
    if len(yaml_text) > MAX_FRONT_MATTER:
        message = f"front matter is longer than {MAX_FRONT_MATTER} characters; got {len(yaml_text)}"
        raise ContentError(message, path, 1)
    found = _NOT_PRINTABLE.search(yaml_text)
    if found:
        line = yaml_text.count("\n", 0, found.start()) + 2
        code = f"U+{ord(found.group()):04X}"
        raise ContentError(f"front matter may not contain the control character {code}", path, line)


def _refuse_shapes(yaml_text: str, path: str) -> None:
    """Nesting and aliases, checked on the event stream before anything recursive runs.

    PyYAML's composer and constructor recurse once per level, so a few hundred `[` end in
    RecursionError; and aliases let a few lines stand for an exponentially large value
    ("billion laughs") that a later stage expands. Front matter needs neither.
    """
    import yaml

    try:
        _check_events(yaml.parse(yaml_text, Loader=yaml.CSafeLoader), path)
    except yaml.MarkedYAMLError as e:
        if e.problem != _LIBYAML_TOO_DEEP:
            raise
        # libyaml refuses a thousand levels before its events reach the check; PyYAML's
        # parser (iterative, slower) finds the line where the check's limit was passed
        _check_events(yaml.parse(yaml_text, Loader=yaml.SafeLoader), path)
        raise


_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"


def _check_events(events: Iterable[Any], path: str) -> None:
    import yaml

    depth = 0
    for event in events:
        line = event.start_mark.line + 2 if event.start_mark else 1
        if isinstance(event, yaml.AliasEvent):
            message = f"front matter may not use YAML aliases; got *{event.anchor}"
            raise ContentError(message, path, line)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_NESTING:
                message = f"front matter nests lists or mappings deeper than {MAX_NESTING} levels"
                raise ContentError(message, path, line)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


@cache
def _loader() -> type:
    """libyaml's safe loader (PyYAML's own, in Python, was most of a cold build's parsing),
    whose timestamps must also exist in UTC (year 1 at +01:00 does not)."""
    import yaml

    class Loader(yaml.CSafeLoader):
        def construct_yaml_timestamp(self, node: Any) -> Any:
            try:
                value = super().construct_yaml_timestamp(node)
                if isinstance(value, datetime):
                    value.astimezone(UTC)
            except (OverflowError, ValueError) as e:
                problem = f"not a date and time that exists: {node.value!r} ({e})"
                raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from e
            return value

    Loader.add_constructor("tag:yaml.org,2002:timestamp", Loader.construct_yaml_timestamp)
    return Loader


def _parse_yaml(yaml_text: str, path: str) -> tuple[dict[str, Any], dict[str, int]]:
    import yaml  # only when parsing: builds with cached parses never load it

    try:
        _refuse_shapes(yaml_text, path)
        loader = _loader()(yaml_text)
        try:
            node = loader.get_single_node()
            data = None if node is None else loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        line = mark.line + 2 if mark is not None else 1
        raise ContentError(f"front matter is not valid YAML: {e.problem}", path, line) from e
    except (yaml.YAMLError, ValueError, OverflowError) as e:
        # a value another of PyYAML's constructors cannot make; its line is not kept
        raise ContentError(f"front matter is not valid YAML: {e}", path, 2) from e
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise ContentError(f"front matter must be a mapping of keys, got {data!r}", path, 2)
    key_lines: dict[str, int] = {}
    for key_node, _ in node.value:
        key, line = str(key_node.value), key_node.start_mark.line + 2
        if key in key_lines:
            # PyYAML keeps the last value silently; an author would not know which one counts
            raise ContentError(
                f"duplicate key {key!r}; first given on line {key_lines[key]}", path, line
            )
        key_lines[key] = line
    return data, key_lines
