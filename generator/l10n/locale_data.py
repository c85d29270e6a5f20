"""Locale data from babel (names, direction, dates) and theme-string lookup with plurals."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from babel import Locale, localedata
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent
from markupsafe import Markup, escape

from generator.l10n.plural_rule import parse_plural_forms


@dataclass(frozen=True, slots=True)
class LocaleInfo:
    """What pages need to know about a locale."""

    tag: str
    """BCP 47 tag as used in URLs and `lang`, e.g. `pt-BR`."""
    native_name: str
    """The language's name in itself, e.g. `Deutsch`."""
    english_name: str
    direction: str
    """`ltr` or `rtl`."""

    @property
    def babel(self) -> Locale:
        return babel_locale(self.tag)

    def date(self, value: date | datetime, format: str = "long") -> str:
        if isinstance(value, datetime):
            return self._formatted(f"datetime {format}", value, format_datetime, format=format)
        return self._formatted(f"date {format}", value, format_date, format=format)

    def number(self, value: float) -> str:
        return self._formatted("number", value, format_decimal)

    def percent(self, value: float) -> str:
        return self._formatted("percent", value, format_percent)

    def _formatted(self, kind: str, value: object, make: Callable[..., str], **how: str) -> str:
        """Formatted once per locale and value: every page shows the build date, and loading a
        locale's CLDR data costs more than rendering a page (the memo outlives the process:
        `formatted`)."""
        memo = formatted(self.tag)
        key = f"{kind}\0{value!r}"
        found = memo.get(key)
        if found is None:
            found = memo[key] = make(value, locale=self.babel, **how)
        return found


_FORMATTED: dict[str, dict[str, str]] = {}
"""Per locale tag, the dates and numbers formatted so far: `kind\0repr(value)` -> text."""


def formatted(tag: str) -> dict[str, str]:
    """The formats memo of a locale (build.format_memo keeps it between builds)."""
    return _FORMATTED.setdefault(tag, {})


def release_locale_data() -> None:
    """Drop the CLDR data babel keeps for every locale it has loaded, but its root.

    babel caches each locale's whole data set (several MB) for the life of the process; a
    build of a hundred locales would keep them all. LocaleInfo keeps what pages need. The
    root data every locale inherits stays: reading it again costs a quarter of each load.
    """
    babel_locale.cache_clear()
    for name in ("_cache", "_dict_cache"):
        loaded = getattr(localedata, name, None)
        if isinstance(loaded, dict):
            root = loaded.get(ROOT)
            loaded.clear()
            if root is not None:
                loaded[ROOT] = root


ROOT = "root"
"""babel's name for the CLDR data every locale inherits."""


@cache
def babel_locale(tag: str) -> Locale:
    return Locale.parse(tag, sep="-")


_INFOS: dict[str, LocaleInfo] = {}


def remember_locale_infos(infos: Iterable[LocaleInfo]) -> None:
    """Seed locale_info with values found earlier (builds keep them between runs)."""
    _INFOS.update((info.tag, info) for info in infos)


def knows_locale(tag: str) -> bool:
    """Whether locale_info has `tag` without loading its CLDR data."""
    return tag in _INFOS


def locale_info(tag: str) -> LocaleInfo:
    """Names and direction of a locale (from babel's CLDR data, read once per tag)."""
    if tag not in _INFOS:
        _INFOS[tag] = _read_locale_info(tag)
    return _INFOS[tag]


def _read_locale_info(tag: str) -> LocaleInfo:
    locale = babel_locale(tag)
    native = locale.get_display_name(locale) or tag
    return LocaleInfo(
        tag=tag,
        native_name=native[:1].upper() + native[1:],
        english_name=locale.get_display_name(Locale("en")) or tag,
        direction="rtl" if locale.text_direction == "rtl" else "ltr",
    )


def plural_function(plural_forms: str) -> Callable[[int], int]:
    """`nplurals=2; plural=(n != 1);` -> a function from n to the form index (checked first)."""
    return parse_plural_forms(plural_forms).choose


@dataclass(frozen=True, slots=True)
class MessageTable:
    """Checked, non-fuzzy theme translations for one locale; the source text when missing."""

    singular: Mapping[str, str] = field(default_factory=dict)
    plural: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Singular msgid -> plural forms."""
    plural_forms: str = "nplurals=2; plural=(n != 1);"
    _escaped: dict[str, Markup] = field(default_factory=dict, compare=False, repr=False)
    """Each message's translation as escaped markup, made on first use."""

    def gettext(self, message: str) -> str:
        return self.singular.get(message) or message

    def markup(self, message: str) -> Markup:
        """The translation escaped for HTML (translations are untrusted), once per message."""
        found = self._escaped.get(message)
        if found is None:
            found = self._escaped[message] = escape(self.gettext(message))
        return found

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self.plural.get(singular)
        if forms:
            index = plural_function(self.plural_forms)(n)
            if 0 <= index < len(forms) and forms[index]:
                return forms[index]
        return singular if n == 1 else plural
