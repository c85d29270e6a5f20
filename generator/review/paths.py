"""Which files go through review, their locale, and how catalogs map to source documents."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from generator.config import SiteConfig
from generator.content.sources import CATALOG_PATTERNS, SOURCE_PATTERNS
from generator.errors import ReviewError
from generator.review.reviewers import normalize_locale

_SOURCE = re.compile(r"^content/(?:codes/[^/]+|articles/[^/]+|steps/[^/]+/[^/]+)\.md$")
_EVIDENCE = re.compile(r"^content/_verify/[^/]+\.json$")
_SCENARIO = re.compile(r"^content/scenarios/[^/]+\.toml$")
_CATALOG = re.compile(r"^locales/(?P<locale>[^/]+)/LC_MESSAGES/(?P<name>.+)\.po$")
_EXPECTED = ", ".join(SOURCE_PATTERNS + CATALOG_PATTERNS)


def is_source(path: str) -> bool:
    return _SOURCE.match(path) is not None


def is_evidence(path: str) -> bool:
    """A verification record written by `certwarn verify --record`."""
    return _EVIDENCE.match(path) is not None


def is_scenario(path: str) -> bool:
    """A verification scenario spec: content, which `verify --record` trusts once approved."""
    return _SCENARIO.match(path) is not None


def is_catalog(path: str) -> bool:
    match = _CATALOG.match(path)
    return match is not None and match["locale"] != "templates"


def is_reviewable(path: str) -> bool:
    return is_source(path) or is_catalog(path) or is_evidence(path) or is_scenario(path)


def locale_of(config: SiteConfig, path: str) -> str:
    """The locale a file belongs to: the source locale, or the catalog's folder as configured."""
    match = _CATALOG.match(path)
    if match is None:
        return config.source_locale
    folder = normalize_locale(match["locale"])
    return next((tag for tag in config.locales if normalize_locale(tag) == folder), match["locale"])


def source_of(path: str) -> str | None:
    """The source document a catalog translates; None for the theme's and other catalogs."""
    match = _CATALOG.match(path)
    if match is None:
        return None
    candidate = f"content/{match['name']}.md"
    return candidate if is_source(candidate) else None


def preview_path(config: SiteConfig, path: str) -> str | None:
    """Where `certwarn build --preview` renders the file, when it is one page."""
    target = source_of(path) if is_catalog(path) else path
    if target is None:
        return f"build/preview/{locale_of(config, path)}/index.html"
    stem = PurePosixPath(target).stem
    kind = PurePosixPath(target).parent.name
    if kind not in ("codes", "articles"):
        return None  # steps render inside the articles that include them
    return f"build/preview/{locale_of(config, path)}/{kind}/{stem}.html"


def project_path(config: SiteConfig, given: str) -> str:
    """A path given on the command line as a project-relative reviewable path."""
    candidate = Path(given)
    root = config.root.resolve()
    if not candidate.is_absolute():
        from_cwd = Path.cwd() / candidate
        inside = from_cwd.resolve().is_relative_to(root)
        candidate = from_cwd if inside else config.root / candidate
    try:
        relative = candidate.resolve().relative_to(root).as_posix()
    except ValueError as e:
        raise ReviewError(f"not inside the project {config.root}; got {given!r}") from e
    if not is_reviewable(relative):
        raise ReviewError(f"not a file that goes through review; expected {_EXPECTED}", relative)
    return relative
