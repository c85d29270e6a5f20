"""Terminology from the browser: a translated `{button}` or `{menu}` label should be the words
Firefox itself shows in that language, when the English label is one of Firefox's own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import get_close_matches

from generator.content.document import Document
from generator.errors import Problem
from generator.l10n.firefox_strings import SOURCE_TAG, FirefoxStrings, firefox_strings
from generator.l10n.po_reader import Entry, PoFile

CHECKED_ROLES = ("button", "menu")
_LABEL = re.compile(r"\{(button|menu)\}(`+)(.*?)\2")


def labels(text: str) -> list[tuple[str, str]]:
    """`(role, label)` for each button and menu reference, in order."""
    return [(m.group(1), m.group(3)) for m in _LABEL.finditer(text)]


def os_texts(document: Document) -> frozenset[str]:
    """Units that describe the operating system (steps files, `::: os` blocks), whose labels
    are the system's words ("Start", "Go"), not Firefox's."""
    if document.id.startswith("steps/"):
        return frozenset(u.text for u in document.units)
    inside, depth = set(), 0
    for index, token in enumerate(document.tokens):
        depth += {"container_os_open": 1, "container_os_close": -1}.get(token.type, 0)
        if depth > 0:
            inside.add(index)
    return frozenset(u.text for u in document.units if u.token_index in inside)


def terminology_warnings(
    po: PoFile, path: str, tag: str, skip: frozenset[str] = frozenset()
) -> list[Problem]:
    """Labels that are not what the installed Firefox says in `tag` for the same string (the
    same Fluent id as the English label); nothing without its
    language pack (the check needs the browser's own strings to compare with).

    `skip`: msgids about the operating system (see os_texts)."""
    english, target = firefox_strings(SOURCE_TAG), firefox_strings(tag)
    if english is None or target is None:
        return []
    english_ids: dict[str, list[str]] = {}
    for key, value in english.by_id.items():
        english_ids.setdefault(value, []).append(key)
    found = []
    for entry in po.entries:
        if entry.msgid in skip:
            continue
        for role, source, label in _pairs(entry):
            if source not in english_ids:
                continue  # not a Firefox string: an OS label, a symbol
            same_id = {target.by_id[i] for i in english_ids[source] if i in target.by_id}
            if label in (same_id or target.values):
                continue  # what Firefox shows where it shows the English label
            suggestions = _suggest(label, english_ids[source], target)
            said = " or ".join(repr(s) for s in suggestions) or "nothing close"
            found.append(
                Problem(
                    f"{{{role}}}`{label}` is not a label Firefox shows in {tag}; "
                    f"for {source!r} Firefox says {said}",
                    path,
                    entry.line,
                )
            )
    return found


def _pairs(entry: Entry) -> Iterator[tuple[str, str, str]]:
    if entry.fuzzy or not entry.translated:
        return
    source = labels(entry.plural or entry.msgid)
    for form in entry.forms:
        translated = labels(form)
        if [r for r, _ in translated] != [r for r, _ in source]:
            continue  # the message checks report roles that differ
        for (role, english), (_, label) in zip(source, translated, strict=True):
            yield role, english, label


def _suggest(label: str, english_ids: list[str], target: FirefoxStrings) -> list[str]:
    same_id = sorted({target.by_id[i] for i in english_ids if i in target.by_id})
    close = get_close_matches(label, sorted(target.values), n=3, cutoff=0.6)
    return list(dict.fromkeys(same_id + close))[:4]
