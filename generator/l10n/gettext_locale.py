"""What GNU gettext calls a locale: its `Language` code and its `Plural-Forms` rule."""

from __future__ import annotations

from babel import Locale
from babel.messages.plurals import get_plural

from generator.l10n.locale_data import babel_locale

GETTEXT_PLURALS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "pt": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "ca": "nplurals=2; plural=(n != 1);",
    "he": "nplurals=2; plural=(n != 1);",
}
"""Where CLDR (and so babel) counts more forms than gettext and translate-toolkit expect.

CLDR 42 added a `many` form for millions ("1 million de pages") to these languages; GNU
gettext's table, msginit, translate-toolkit's `pofilter nplurals` and the tools translators
use keep two forms, so a catalog with three is reported as wrong by all of them. For Hebrew
CLDR counts a dual ("two") form that gettext's table and translate-toolkit leave out.
"""


def gettext_language(locale: Locale | str) -> str:
    """`zh-CN` -> `zh_CN`, `pt-BR` -> `pt_BR`: language and territory, never a script."""
    locale = babel_locale(locale) if isinstance(locale, str) else locale
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def plural_forms(locale: Locale | str) -> str:
    """The `Plural-Forms` header gettext tools expect for a locale."""
    locale = babel_locale(locale) if isinstance(locale, str) else locale
    for key in (gettext_language(locale), locale.language):
        if key in GETTEXT_PLURALS:
            return GETTEXT_PLURALS[key]
    rule = get_plural(locale)
    return f"nplurals={rule.num_plurals}; plural={rule.plural_expr};"


def num_plurals(locale: Locale | str) -> int:
    return int(plural_forms(locale).split(";")[0].split("=")[1])
