"""Swapping a parsed document's unit texts for one locale's translations; blocks stay parsed."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from operator import attrgetter

from markdown_it.token import Token

from generator.content.document import Document
from generator.content.segment import Unit
from generator.l10n.locale_data import locale_info
from generator.syntax import markdown


@dataclass(frozen=True, slots=True)
class Text:
    """A localized string and the language it is actually in."""

    value: str
    lang: str

    @property
    def dir(self) -> str:
        """`ltr` or `rtl`: a fallback inside a right-to-left page needs its own direction."""
        return locale_info(self.lang).direction


@dataclass(frozen=True, slots=True)
class LocalizedDocument:
    """A document as one locale reads it; tokens are shared with the source where untranslated."""

    document: Document
    locale: str
    """The page's locale."""
    lang: str
    """The language most of the body is in: the locale, or the source locale below threshold."""
    tokens: tuple[Token, ...]
    fields: dict[str, Text] = field(default_factory=dict)
    """Localized front-matter fields (title, summary, …)."""

    @property
    def dir(self) -> str:
        """The direction of the body's language (`lang`), not of the page's locale."""
        return locale_info(self.lang).direction

    @property
    def fell_back(self) -> bool:
        """Served in the source language because too little is translated."""
        return self.lang != self.locale


def localized_head(
    document: Document,
    messages: Mapping[str, str],
    locale: str,
    source_locale: str,
    threshold: float,
) -> tuple[str, dict[str, Text]]:
    """What `localize` gives as the body's language and the front-matter fields, without
    localizing the body (other pages show only these)."""
    translated = sum(1 for u in document.units if u.text in messages)
    total = len(document.units)
    if locale == source_locale or (total and translated / total < threshold):
        return source_locale, {u.key: Text(u.text, source_locale) for u in document.units if u.key}
    fields = {u.key: _field(u, messages, locale, source_locale) for u in document.units if u.key}
    return locale, fields


def localize(
    document: Document,
    messages: Mapping[str, str],
    locale: str,
    source_locale: str,
    threshold: float,
) -> LocalizedDocument:
    """Apply `messages` (msgid -> checked, non-fuzzy msgstr); untranslated units keep the source."""
    body_units = [u for u in document.units if u.token_index is not None]
    translated = sum(1 for u in document.units if u.text in messages)
    total = len(document.units)
    if locale == source_locale or (total and translated / total < threshold):
        return _source(document, locale, source_locale)
    tokens = list(document.tokens)
    for unit in body_units:
        assert unit.token_index is not None
        text = messages.get(unit.text)
        if text is not None:
            tokens[unit.token_index] = _inline(text, tokens[unit.token_index])
        else:
            _mark_lang(tokens, unit.token_index, source_locale)
    fields = {u.key: _field(u, messages, locale, source_locale) for u in document.units if u.key}
    return LocalizedDocument(document, locale, locale, tuple(tokens), fields)


def _source(document: Document, locale: str, source_locale: str) -> LocalizedDocument:
    fields = {u.key: Text(u.text, source_locale) for u in document.units if u.key}
    return LocalizedDocument(document, locale, source_locale, document.tokens, fields)


def _field(unit: Unit, messages: Mapping[str, str], locale: str, source_locale: str) -> Text:
    text = messages.get(unit.text)
    return Text(text, locale) if text is not None else Text(unit.text, source_locale)


_MARKUP = re.compile(r"[\\`*_\[\]!<>&{}~\n]|https?:|www\.|^\s*[#>+-]|  $")


def _inline(text: str, original: Token) -> Token:
    """A new inline token for translated text; the source token is left untouched."""
    if _MARKUP.search(text) is None:
        # plain prose (most sentences) parses to exactly one text token
        children = [Token("text", "", 0, content=text)]
    else:
        children = markdown().parseInline(text)[0].children or []
    values = list(_TOKEN_FIELDS(original))
    values[_CONTENT], values[_CHILDREN] = text, children
    return Token(*values)


_NAMES = [f.name for f in fields(Token)]
_TOKEN_FIELDS = attrgetter(*_NAMES)
_CONTENT, _CHILDREN = _NAMES.index("content"), _NAMES.index("children")
"""What `_inline` copies: `Token.copy` (dataclasses.replace) checks every field first, 1.9
against 0.6 us a token, for every translated sentence of every page."""


def _mark_lang(tokens: list[Token], index: int, lang: str) -> None:
    """Put `lang` and `dir` on the nearest visible block that opens before an untranslated unit
    (an English sentence in an Arabic page keeps its full stop at its own end)."""
    for position in range(index - 1, -1, -1):
        opener = tokens[position]
        if opener.nesting == 1 and not opener.hidden:
            attrs = dict(opener.attrs)
            attrs["lang"] = lang
            attrs["dir"] = locale_info(lang).direction
            tokens[position] = opener.copy(attrs=attrs)
            return
