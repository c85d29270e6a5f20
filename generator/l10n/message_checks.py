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


def check_entry(entry: Entry, num_plurals: int) -> list[str]:
    """Problems with a catalog entry (plural forms included); untranslated is not a problem."""
    if not entry.msgid or not entry.translated:
        return []
    if entry.plural is None:
        return check_text(entry.msgid, entry.forms[0])
    filled = [form for form in entry.forms if form]
    if len(filled) != num_plurals or len(entry.forms) != num_plurals:
        return [f"expected {num_plurals} plural forms for this language, got {len(filled)}"]
    # every form is checked against the plural source, which names all placeholders
    return sorted({p for form in filled for p in check_text(entry.plural, form)})


def catalog_problems(po: PoFile, path: str) -> list[Problem]:
    """Every failing entry of a catalog as `path:line: message`."""
    return [
        Problem(text, path, entry.line)
        for entry in po.entries
        for text in check_entry(entry, po.num_plurals)
    ]
