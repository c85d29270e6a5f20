"""The interface strings an installed Firefox ships per language (Fluent `.ftl` files inside
`omni.ja` for en-US and inside each language pack `.xpi`)."""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FIREFOX_DIRS = ("/usr/lib/firefox-esr", "/usr/lib/firefox", "/opt/firefox")
"""Where Debian's firefox-esr and Mozilla's tarball install; `$CERTWARN_FIREFOX` comes first."""
SOURCE_TAG = "en-US"

_MESSAGE = re.compile(r"^(-?[A-Za-z][\w-]*)\s*=\s*(.*)$")
_ATTRIBUTE = re.compile(r"^\s+\.([A-Za-z][\w-]*)\s*=\s*(.*)$")
_TERM = re.compile(r"\{\s*-([\w-]+)\s*\}")


@dataclass(frozen=True, slots=True)
class FirefoxStrings:
    """One language's strings: by Fluent id (`message` or `message.attribute`)."""

    tag: str
    by_id: dict[str, str]

    @property
    def values(self) -> frozenset[str]:
        return frozenset(self.by_id.values())


def firefox_dirs() -> list[Path]:
    given = os.environ.get("CERTWARN_FIREFOX")
    return [Path(d) for d in ([given] if given else []) + list(FIREFOX_DIRS)]


@cache
def firefox_strings(tag: str) -> FirefoxStrings | None:
    """The strings of the installed Firefox in `tag` (`de`, `pt-BR`, `es`), None when no
    language pack for it is installed."""
    for folder in firefox_dirs():
        archives = _archives(folder, tag)
        if archives:
            texts = [_ftl_texts(archive, tag) for archive in archives]
            return FirefoxStrings(tag, _parse([t for found in texts for t in found]))
    return None


def _archives(folder: Path, tag: str) -> list[Path]:
    if tag == SOURCE_TAG:
        return [p for p in (folder / "omni.ja", folder / "browser/omni.ja") if p.is_file()]
    packs = folder / "browser/extensions"
    if not packs.is_dir():
        return []
    language = tag.split("-")[0]
    names = sorted(p.name for p in packs.glob("langpack-*.xpi"))
    exact = [n for n in names if n.startswith(f"langpack-{tag}@")]
    # Firefox ships Spanish as es-ES (and es-AR, es-MX…): a bare `es` takes es-ES first
    regional = sorted(
        (n for n in names if n.startswith(f"langpack-{language}-")),
        key=lambda n: not n.startswith(f"langpack-{language}-{language.upper()}@"),
    )
    chosen = (exact or regional)[:1]
    return [packs / name for name in chosen]


def _ftl_texts(archive: Path, tag: str) -> list[str]:
    try:
        with zipfile.ZipFile(archive) as pack:
            names = [n for n in pack.namelist() if n.endswith(".ftl")]
            return [pack.read(n).decode("utf-8", "replace") for n in names]
    except (OSError, zipfile.BadZipFile):
        return []


def _parse(texts: list[str]) -> dict[str, str]:
    """Simple values only (no selectors); `{ -brand-short-name }` and other terms resolved."""
    raw: dict[str, str] = {}
    for text in texts:
        current = None
        for line in text.splitlines():
            if (match := _MESSAGE.match(line)) is not None:
                current = match.group(1)
                raw[current] = match.group(2).strip()
            elif (match := _ATTRIBUTE.match(line)) is not None and current is not None:
                raw[f"{current}.{match.group(1)}"] = match.group(2).strip()
            elif not line.strip() or line.startswith("#"):
                current = None if not line.strip() else current
    terms = {key[1:]: value for key, value in raw.items() if key.startswith("-") and "." not in key}
    strings = {}
    for key, value in raw.items():
        resolved = _TERM.sub(lambda m: terms.get(m.group(1), m.group(0)), value)
        if resolved and "{" not in resolved and not key.startswith("-"):
            strings[key] = resolved
    return strings
