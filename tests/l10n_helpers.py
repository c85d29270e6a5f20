"""Helpers for localization tests: a multi-locale copy of the small site and catalog editing."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.cli import main
from generator.l10n.po_files import parse_catalog, render_catalog


def certwarn(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


def add_locales(root: Path, *locales: str) -> None:
    """Extract templates and create empty catalogs for `locales` (added to site.toml)."""
    assert certwarn(root, "catalog", "extract") == 0
    for locale in locales:
        assert certwarn(root, "catalog", "init", "--locale", locale) == 0


def translate(
    root: Path, locale: str, fill: Callable[[str], str | None], fuzzy: bool = False
) -> None:
    """Set every message of `locale`'s catalogs to `fill(msgid)` (None leaves it untranslated)."""
    for path in sorted((root / "locales" / locale / "LC_MESSAGES").rglob("*.po")):
        relative = path.relative_to(root).as_posix()
        catalog = parse_catalog(path.read_text(encoding="utf-8"), relative, locale)
        for message in catalog:
            if not message.id:
                continue
            if message.pluralizable:
                forms = [fill(str(message.id[1])) or ""] * catalog.num_plurals
                message.string = tuple(forms)
            else:
                message.string = fill(str(message.id)) or ""
            if fuzzy and message.string:
                message.flags.add("fuzzy")
        path.write_text(render_catalog(catalog), encoding="utf-8")


def page(root: Path, relative: str) -> str:
    return (root / "build" / "html" / relative).read_text(encoding="utf-8")


def between(html: str, start: str, end: str) -> str:
    """The text from the first `start` to the next `end` (both included)."""
    first = html.index(start)
    return html[first : html.index(end, first) + len(end)]
