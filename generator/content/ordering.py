"""The order readers meet codes in: grouped by kind of problem, the most common first."""

from __future__ import annotations

from collections.abc import Iterable

from generator.content.load import CodeDoc


def reader_groups(codes: Iterable[CodeDoc]) -> list[tuple[str, list[CodeDoc]]]:
    """(category, codes) pairs: codes by rank, groups by the rank of their most common code."""
    groups: dict[str, list[CodeDoc]] = {}
    for code in sorted(codes, key=lambda c: (c.rank, c.code)):
        groups.setdefault(code.category, []).append(code)
    return list(groups.items())
