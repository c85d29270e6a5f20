"""Writing a babel `Catalog` as PO text that msgfmt, babel, polib and translate-toolkit agree on.

babel's own `write_po` (2.19) wraps the previous msgid of a fuzzy entry (`#| msgid …`) as
prose, so a long one is split in the middle of its string literal: `msgfmt -c` then fails
with "end-of-line within string" and every reader sees a different previous id. Here each
`#|` line is a complete string literal, as msgmerge writes them, and comments are never
re-wrapped (a reader would see one comment as several).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from textwrap import TextWrapper

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import normalize

from generator.errors import CatalogError
from generator.l10n.gettext_locale import gettext_language, plural_forms

WIDTH = 78
NEVER_WRITTEN = frozenset({"python-brace-format"})
"""babel adds `python-brace-format` to any msgid with `{name}`; in certwarn that is a role
such as ``{button}`OK` ``, never a placeholder (templates format with `%(name)s`)."""
PLACEHOLDER_COMMENT = "FIRST AUTHOR <EMAIL@ADDRESS>"

_locations = TextWrapper(width=WIDTH, break_long_words=False, break_on_hyphens=False)


def render_catalog(catalog: Catalog, path: str = "") -> str:
    """The whole PO (or POT, without a locale) file for `catalog`."""
    nplurals = _nplurals(catalog)
    parts = [_header(catalog)]
    for message in catalog:
        if message.id:
            parts.append("".join(_entry(message, nplurals, path)))
    for message in catalog.obsolete.values():
        parts.append("".join(_entry(message, nplurals, path, obsolete=True)))
    return "\n".join(parts)


def _nplurals(catalog: Catalog) -> int:
    if catalog.locale is None:
        return 2
    return int(plural_forms(catalog.locale).split(";")[0].split("=")[1])


def header_fields(catalog: Catalog) -> list[tuple[str, str]]:
    """The header as gettext tools expect it for the catalog's locale."""
    fields = []
    for name, value in catalog.mime_headers:
        if name == "Generated-By":
            continue  # changes with every babel release; a diff nobody needs to review
        if name == "Content-Type":
            value = "text/plain; charset=UTF-8"
        elif name == "Language" and catalog.locale is not None:
            value = gettext_language(catalog.locale)
        elif name == "Language-Team" and catalog.locale is not None and _placeholder(value):
            value = catalog.locale.english_name or gettext_language(catalog.locale)
        elif name == "Report-Msgid-Bugs-To" and value == "EMAIL@ADDRESS":
            value = ""
        elif name == "Plural-Forms":
            if catalog.locale is None:
                continue
            value = plural_forms(catalog.locale)
        fields.append((name, value.strip()))
    return fields


def _placeholder(team: str) -> bool:
    return not team.strip() or "LL@li.org" in team


def _header(catalog: Catalog) -> str:
    comment = [
        line
        for line in catalog.header_comment.splitlines()
        if PLACEHOLDER_COMMENT not in line and line.startswith("#")
    ]
    lines = [*comment]
    if catalog.fuzzy:
        lines.append("#, fuzzy")
    lines += ['msgid ""', 'msgstr ""']
    lines += [_quote(f"{name}: {value}\n") for name, value in header_fields(catalog)]
    return "\n".join(lines) + "\n"


def _entry(message: Message, nplurals: int, path: str, obsolete: bool = False) -> Iterator[str]:
    for comment in message.user_comments:
        yield f"# {comment}".rstrip() + "\n"
    if not obsolete:  # extracted notes and references describe a source that is gone
        for comment in message.auto_comments:
            yield f"#. {comment}".rstrip() + "\n"
        yield from _location_lines(message.locations)
    flags = sorted(message.flags - NEVER_WRITTEN, key=lambda f: (f != "fuzzy", f))
    if flags:
        yield f"#, {', '.join(flags)}\n"
    if message.previous_id and not obsolete:
        keywords = ("msgid", "msgid_plural")
        for keyword, previous in zip(keywords, message.previous_id, strict=False):
            yield _field("#| ", keyword, previous)
    prefix = "#~ " if obsolete else ""
    if message.context is not None:
        yield _field(prefix, "msgctxt", message.context)
    if isinstance(message.id, tuple | list):
        yield _field(prefix, "msgid", message.id[0])
        yield _field(prefix, "msgid_plural", message.id[1])
        for index, form in enumerate(_forms(message, nplurals, path)):
            yield _field(prefix, f"msgstr[{index}]", form)
    else:
        yield _field(prefix, "msgid", message.id)
        string = message.string if isinstance(message.string, str) else ""
        yield _field(prefix, "msgstr", string or "")


def _forms(message: Message, nplurals: int, path: str) -> list[str]:
    given = list(message.string) if isinstance(message.string, tuple | list) else [message.string]
    forms = [str(f or "") for f in given]
    if any(forms[nplurals:]):
        raise CatalogError(
            f"message {message.id[0]!r} has {len(forms)} plural forms; this language has "
            f"{nplurals}; merge the extra translations into the first {nplurals}",
            path or None,
            message.lineno,
        )
    return (forms + [""] * nplurals)[:nplurals]


def _field(prefix: str, keyword: str, value: str) -> str:
    """`keyword "value"`, wrapped so that every line is one complete string literal."""
    return f"{prefix}{keyword} {normalize(value, prefix=prefix, width=WIDTH)}\n"


def _quote(text: str) -> str:
    return normalize(text, width=0)


def _location_lines(locations: Iterable[tuple[str, int | None]]) -> Iterator[str]:
    shown = dict.fromkeys(f"{name}:{line}" if line else name for name, line in locations)
    if shown:
        for line in _locations.wrap(" ".join(shown)):
            yield f"#: {line}\n"
