"""The site configuration (`site.toml`): reading, validating, and the typed value."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from generator.errors import ConfigError, Problem, decode_utf8, raise_problems
from generator.safe_paths import check_nesting, is_inside, read_regular

CONFIG_NAME = "site.toml"


@dataclass(frozen=True, slots=True)
class ReviewPolicy:
    """How the publication gate treats revisions."""

    required: bool = True
    """Publish only approved revisions; when false the working copy is published."""
    allow_self_approval: bool = False
    """May a reviewer approve a revision they created."""


@dataclass(frozen=True, slots=True)
class VerifyPolicy:
    """How the build treats the recorded verification evidence (`[verify]`)."""

    max_evidence_age_days: int = 180
    """Evidence older than this is shown with a notice that it needs recording again."""


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Validated settings of one certwarn site."""

    root: Path
    """The project folder that holds `site.toml`."""
    title: str
    source_locale: str
    locales: tuple[str, ...]
    """Every published locale, the source locale first."""
    base_url: str
    """Absolute URL the site is served from, ending with `/`."""
    theme: str
    output: Path
    """Where `build` writes the published site."""
    home: str
    """Slug of the article rendered as each locale's front page."""
    publish_threshold: float
    """Fraction of a page's units that must be translated to publish it translated."""
    review: ReviewPolicy
    verify: VerifyPolicy = VerifyPolicy()

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    def rel(self, path: Path) -> str:
        """A path as users see it in messages: relative to the project when inside it."""
        try:
            # the parent resolved, not the path: `build/html` is a link to the live version
            return (path.parent.resolve() / path.name).relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


_FIELDS: dict[str, type | tuple[type, ...]] = {
    "title": str,
    "source_locale": str,
    "locales": list,
    "base_url": str,
    "theme": str,
    "output": str,
    "home": str,
    "publish_threshold": (int, float),
    "review": dict,
    "verify": dict,
}
_REQUIRED = ("title", "source_locale", "locales", "base_url")
BASE_URL_PATTERN = re.compile(
    r"https?://(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?"
    r"(?:/[A-Za-z0-9._~!$&'()*+,;=:@%-]*)*/"
)
"""http(s), a host name or [IPv6] address (ASCII: punycode for IDN), an optional port, and a
path of URL characters ending with `/`: no user name, spaces, quotes or markup."""


def load_config(root: Path) -> SiteConfig:
    """Read and validate `site.toml` in `root`, reporting every problem at once."""
    path = root / CONFIG_NAME
    if not path.exists() and not path.is_symlink():
        raise ConfigError(f"no {CONFIG_NAME} found; looked in {root}", CONFIG_NAME)
    text = decode_utf8(read_regular(root, CONFIG_NAME, error=ConfigError), CONFIG_NAME, ConfigError)
    check_nesting(text, CONFIG_NAME, error=ConfigError)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"not valid TOML: {e}", CONFIG_NAME, _toml_line(e)) from e
    problems = _check(data, text) + _check_places(root, data, text)
    raise_problems(problems)
    return _build(root, data)


def _toml_line(error: tomllib.TOMLDecodeError) -> int | None:
    """The line tomllib names; only Python 3.14 keeps it as an attribute."""
    found = re.search(r"at line (\d+)", str(error))
    return getattr(error, "lineno", None) or (int(found.group(1)) if found else None)


def _line_of(text: str, key: str) -> int | None:
    match = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _check(data: dict[str, Any], text: str) -> list[Problem]:
    problems: list[Problem] = []

    def report(key: str, message: str) -> None:
        problems.append(Problem(f"{key}: {message}", CONFIG_NAME, _line_of(text, key)))

    for key in _REQUIRED:
        if key not in data:
            problems.append(Problem(f"missing required key {key!r}", CONFIG_NAME, None))
    for key, value in data.items():
        expected = _FIELDS.get(key)
        if expected is None:
            report(key, f"unknown key; expected one of {', '.join(sorted(_FIELDS))}")
        elif not isinstance(value, expected) or isinstance(value, bool):
            report(key, f"expected {_type_name(expected)}, got {value!r}")
    listed: list[Any] = data["locales"] if isinstance(data.get("locales"), list) else []
    source = data.get("source_locale")
    keyed = [("source_locale", source)] if isinstance(source, str) else []
    for key, locale in keyed + [("locales", tag) for tag in listed]:
        if not isinstance(locale, str) or not _is_locale(locale):
            report(key, f"unknown locale; expected a tag such as 'de' or 'pt-BR', got {locale!r}")
    for tag in sorted({t for t in listed if isinstance(t, str) and listed.count(t) > 1}):
        report("locales", f"{tag!r} is listed more than once")
    if isinstance(data.get("locales"), list) and data.get("source_locale") not in data["locales"]:
        report("locales", f"must include the source locale {data.get('source_locale')!r}")
    base_url = data.get("base_url")
    if isinstance(base_url, str) and not BASE_URL_PATTERN.fullmatch(base_url):
        report("base_url", f"expected an absolute http(s) URL ending with '/', got {base_url!r}")
    threshold = data.get("publish_threshold", 0)
    if isinstance(threshold, int | float) and not 0 <= threshold <= 1:
        report("publish_threshold", f"expected a fraction between 0 and 1, got {threshold!r}")
    review: dict[str, Any] = data["review"] if isinstance(data.get("review"), dict) else {}
    for key, value in review.items():
        if key not in ("required", "allow_self_approval"):
            report(key, "unknown key in [review]; expected 'required' or 'allow_self_approval'")
        elif not isinstance(value, bool):
            report(key, f"expected true or false, got {value!r}")
    verify: dict[str, Any] = data["verify"] if isinstance(data.get("verify"), dict) else {}
    for key, value in verify.items():
        if key != "max_evidence_age_days":
            report(key, "unknown key in [verify]; expected 'max_evidence_age_days'")
        elif not isinstance(value, int) or isinstance(value, bool) or value < 1:
            report(key, f"expected a whole number of days, at least 1, got {value!r}")
    return problems


NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
"""A theme's name: a folder under `themes/`, never a path."""
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
"""An article's slug (as content.schema checks file names): never a path."""
SOURCE_FOLDERS = ("content", "locales", "themes", ".git")
"""Folders an output must never be inside: a build replaces its output folder whole."""


def _check_places(root: Path, data: dict[str, Any], text: str) -> list[Problem]:
    """`output`, `theme` and `home` name places inside the project, never outside it."""
    problems: list[Problem] = []

    def report(key: str, message: str) -> None:
        problems.append(Problem(f"{key}: {message}", CONFIG_NAME, _line_of(text, key)))

    output = data.get("output")
    if isinstance(output, str) and not _is_output_place(root, output):
        report(
            "output", f"expected a folder inside the project such as 'build/html', got {output!r}"
        )
    theme = data.get("theme")
    if isinstance(theme, str) and not NAME_PATTERN.match(theme):
        report(
            "theme", f"expected the name of a folder in themes/ such as 'default', got {theme!r}"
        )
    home = data.get("home")
    if isinstance(home, str) and not SLUG_PATTERN.match(home):
        report("home", f"expected the slug of an article such as 'overview', got {home!r}")
    return problems


def _is_output_place(root: Path, output: str) -> bool:
    target = root / output
    if not is_inside(target, root) or target.resolve() == root.resolve():
        return False
    return not any(is_inside(target, root / folder) for folder in SOURCE_FOLDERS)


def _type_name(expected: type | tuple[type, ...]) -> str:
    types = expected if isinstance(expected, tuple) else (expected,)
    names = {"str": "a string", "list": "a list", "dict": "a table", "int": "a number"}
    return " or ".join(names.get(t.__name__, t.__name__) for t in types[:1])


def _is_locale(tag: str) -> bool:
    try:
        Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _build(root: Path, data: dict[str, Any]) -> SiteConfig:
    source = data["source_locale"]
    locales = (source, *[loc for loc in data["locales"] if loc != source])
    review = data.get("review", {})
    return SiteConfig(
        root=root,
        title=data["title"],
        source_locale=source,
        locales=tuple(locales),
        base_url=data["base_url"],
        theme=data.get("theme", "default"),
        output=root / data.get("output", "build/html"),
        home=data.get("home", "overview"),
        publish_threshold=float(data.get("publish_threshold", 0.6)),
        review=ReviewPolicy(
            required=bool(review.get("required", True)),
            allow_self_approval=bool(review.get("allow_self_approval", False)),
        ),
        verify=VerifyPolicy(**data.get("verify", {})),
    )
