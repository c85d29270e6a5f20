"""Per-message checks of a translation against its source text; problems, never exceptions."""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it.token import Token

from generator.errors import Problem
from generator.l10n.po_reader import Entry, PoFile
from generator.syntax import markdown

RAW_HTML = re.compile(r"<\s*[a-zA-Z!/?]|&#|&[a-zA-Z]+;")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")
UNSAFE_LINK = re.compile(r"\]\(\s*<?\s*(?:javascript|vbscript|data|file):", re.IGNORECASE)


_ROLE = re.compile(r"\{(\w+)\}(`+)(.*?)\2")
_CODE = re.compile(r"(`+)(.+?)\1")
_TARGET = re.compile(r"\]\(([^)\s]*)\)")


def _signature(text: str) -> tuple[object, ...]:
    """A cheap stand-in for the parsed features; equal signatures mean equal features.

    Parsing every message of every locale dominated cold builds. The signature also counts the
    characters that change how Markdown parses, so a translation that moves them is parsed.
    """
    roles = sorted(m.group(1) for m in _ROLE.finditer(text))
    rest = _ROLE.sub("", text)
    codes = sorted(m.group(2) for m in _CODE.finditer(rest))
    targets = sorted(_TARGET.findall(rest))
    counts = tuple(text.count(c) for c in ("`", "](", "\\", "{", "]", "<"))
    return (roles, codes, targets, sorted(PLACEHOLDER.findall(text)), counts)


# sources repeat in every locale, translations do not: only the former are worth keeping
_source_signature = lru_cache(maxsize=8192)(_signature)


def _inline_tokens(text: str) -> list[Token]:
    return markdown().parseInline(text)[0].children or []


def _features(text: str) -> dict[str, list[str]]:
    """What must survive translation: link targets, code spans, UI roles, placeholders."""
    tokens = _inline_tokens(text)
    return {
        "link targets": sorted(
            str(t.attrGet("href") or t.attrGet("src") or "")
            for t in tokens
            if t.type in ("link_open", "image")
        ),
        "code spans": sorted(t.content for t in tokens if t.type == "code_inline"),
        "UI references": sorted(
            f"{{{t.meta.get('name')}}}" for t in tokens if t.type == "myst_role"
        ),
        "placeholders": sorted(PLACEHOLDER.findall(text)),
    }


def check_text(source: str, translation: str) -> list[str]:
    """Problems with one translated string; empty when it may be published."""
    if RAW_HTML.search(translation) and not RAW_HTML.search(source):
        return ["raw HTML is not allowed in translations"]
    if UNSAFE_LINK.search(translation):
        return ["links may only go to code:, article:, #anchors or http(s) URLs"]
    if _source_signature(source) == _signature(translation):
        return []
    expected, found = _features(source), _features(translation)
    problems = []
    for feature, wanted in expected.items():
        if found[feature] != wanted:
            problems.append(
                f"{feature} differ from the source: expected {wanted!r}, got {found[feature]!r}"
            )
    return problems


_PERCENT = re.compile(r"%(%|\((\w*)\)([#0 +-]*\d*(?:\.\d+)?[a-zA-Z]?)|.?)", re.DOTALL)


def format_problems(
    source: str, translation: str, extra: frozenset[str] = frozenset()
) -> list[str]:
    """Problems with a theme string, which the theme always formats with `%` and named values.

    A lone `%` (French "100 %") or a conversion other than `%(name)s`/`%(name)d` would make
    the page fail to render; a name the source does not give would too.
    """
    allowed = {m.group(2) for m in _PERCENT.finditer(source) if m.group(2)} | extra
    problems = []
    for match in _PERCENT.finditer(translation):
        whole, name, conversion = match.group(0), match.group(2), match.group(3)
        if whole == "%%":
            continue
        if name is None and whole[1:].isalpha():
            problems.append(f"placeholders are written %(name)s or %(name)d, got {whole!r}")
        elif name is None:
            problems.append(f"a % that is not a placeholder must be written %%, got {whole!r}")
        elif conversion not in ("s", "d"):
            problems.append(f"placeholders are written %(name)s or %(name)d, got {whole!r}")
        elif name not in allowed:
            problems.append(
                f"placeholder {whole!r} is not in the source; expected one of {sorted(allowed)!r}"
            )
    return problems


def check_entry(entry: Entry, num_plurals: int, percent_format: bool = False) -> list[str]:
    """Problems with a catalog entry (plural forms included); untranslated is not a problem.

    `percent_format`: the theme's strings, which are %-formatted when the page renders.
    """
    if not entry.msgid or not entry.translated:
        return []
    if entry.plural is None:
        found = check_text(entry.msgid, entry.forms[0])
        if percent_format:
            found += format_problems(entry.msgid, entry.forms[0])
        return found
    filled = [form for form in entry.forms if form]
    if len(filled) != num_plurals or len(entry.forms) != num_plurals:
        return [f"expected {num_plurals} plural forms for this language, got {len(filled)}"]
    # every form is checked against the plural source, which names all placeholders
    problems = {p for form in filled for p in check_text(entry.plural, form)}
    if percent_format:
        # ngettext always passes the count as `num`
        sources = entry.msgid + entry.plural
        problems |= {p for form in filled for p in format_problems(sources, form, NUM)}
    return sorted(problems)


NUM = frozenset({"num"})


def catalog_problems(po: PoFile, path: str, percent_format: bool = False) -> list[Problem]:
    """Every failing entry of a catalog as `path:line: message`."""
    return [
        Problem(text, path, entry.line)
        for entry in po.entries
        for text in check_entry(entry, po.num_plurals, percent_format)
    ]
