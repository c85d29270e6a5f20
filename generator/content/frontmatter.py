"""Splitting a Markdown source into YAML front matter (with key line numbers) and body."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.errors import ContentError


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
    data, key_lines = _parse_yaml(yaml_text, path)
    return FrontMatter(data, key_lines, "".join(lines[index + 1 :]), index + 1, index + 1)


def _parse_yaml(yaml_text: str, path: str) -> tuple[dict[str, Any], dict[str, int]]:
    import yaml  # only when parsing: builds with cached parses never load it

    try:
        node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(yaml_text)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        line = mark.line + 2 if mark is not None else 1
        raise ContentError(f"front matter is not valid YAML: {e.problem}", path, line) from e
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
