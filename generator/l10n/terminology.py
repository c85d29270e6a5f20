"""Terminology from the browser: a translated `{button}`, `{otherbutton}` or `{menu}` label
should be the words Firefox itself shows in that language, when the English label is one of
Firefox's own. `{app}` labels (other programs) are not compared."""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import get_close_matches

from generator.content.document import Document
from generator.errors import Problem
from generator.l10n.firefox_strings import SOURCE_TAG, FirefoxStrings, firefox_strings
from generator.l10n.po_reader import Entry, PoFile

CHECKED_ROLES = ("button", "otherbutton", "menu")
"""Firefox's own labels; {app} labels are another program's words and are not compared."""
_LABEL = re.compile(r"\{(button|otherbutton|menu)\}(`+)(.*?)\2")


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
        for role, source, label, others in _pairs(entry):
            if source not in english_ids:
                continue  # not a Firefox string: an OS label, a symbol
            if any(_firefox_says(label, s, english_ids, target) for s in others):
                continue  # what Firefox shows for one of the message's labels of this role
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


def _firefox_says(
    label: str, source: str, english_ids: dict[str, list[str]], target: FirefoxStrings
) -> bool:
    if source not in english_ids:
        return False
    same_id = {target.by_id[i] for i in english_ids[source] if i in target.by_id}
    return label in (same_id or target.values)


def _pairs(entry: Entry) -> Iterator[tuple[str, str, str, list[str]]]:
    """(role, English label, translated label, the English labels of that role in the
    message): a translation may order a message's labels differently (a Japanese path through
    Settings), so a label is Firefox's when it is Firefox's word for any of them."""
    if entry.fuzzy or not entry.translated:
        return
    source = labels(entry.plural or entry.msgid)
    for form in entry.forms:
        translated = labels(form)
        if sorted(r for r, _ in translated) != sorted(r for r, _ in source):
            continue  # the message checks report roles that differ
        for role in dict.fromkeys(r for r, _ in source):
            english = [e for r, e in source if r == role]
            mine = [t for r, t in translated if r == role]
            for position, label in enumerate(mine):
                yield role, english[position], label, english


def _suggest(label: str, english_ids: list[str], target: FirefoxStrings) -> list[str]:
    same_id = sorted({target.by_id[i] for i in english_ids if i in target.by_id})
    close = get_close_matches(label, sorted(target.values), n=3, cutoff=0.6)
    return list(dict.fromkeys(same_id + close))[:4]
