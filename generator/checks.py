"""Per-message checks of a translation against its source text; problems, never exceptions."""

from __future__ import annotations

import re
from collections.abc import Iterable

from babel.messages.catalog import Catalog, Message
from markdown_it.token import Token

from generator.errors import Problem
from generator.syntax import markdown

RAW_HTML = re.compile(r"<\s*[a-zA-Z!/?]|&#|&[a-zA-Z]+;")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]")
UNSAFE_LINK = re.compile(r"\]\(\s*<?\s*(?:javascript|vbscript|data|file):", re.IGNORECASE)


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
    expected, found = _features(source), _features(translation)
    problems = []
    for feature, wanted in expected.items():
        if found[feature] != wanted:
            problems.append(
                f"{feature} differ from the source: expected {wanted!r}, got {found[feature]!r}"
            )
    return problems


def strings(message: Message) -> list[str]:
    """The translation as a list of forms (one form for non-plural messages)."""
    value = message.string
    if isinstance(value, str):
        return [value]
    return [str(form) for form in value or ()]


def check_message(message: Message, num_plurals: int) -> list[str]:
    """Problems with a catalog message (plural forms included); untranslated is not a problem."""
    if not message.id or not any(strings(message)):
        return []
    if not message.pluralizable:
        return check_text(str(message.id), str(message.string))
    forms = strings(message)
    filled = [form for form in forms if form]
    if len(filled) != num_plurals or len(forms) != num_plurals:
        return [f"expected {num_plurals} plural forms for this language, got {len(filled)}"]
    # every form is checked against the plural source, which names all placeholders
    problems = [p for form in forms if form for p in check_text(str(message.id[1]), form)]
    return sorted(set(problems))


def catalog_problems(
    catalog: Catalog, path: str, messages: Iterable[Message] | None = None
) -> list[Problem]:
    """Every failing message of a catalog as `path:line: message`."""
    found = []
    for message in messages if messages is not None else catalog:
        for text in check_message(message, catalog.num_plurals):
            found.append(Problem(text, path, message.lineno))
    return found
