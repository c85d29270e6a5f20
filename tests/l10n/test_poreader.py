"""The fast catalog reader agrees with babel and reports malformed lines with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import CatalogError
from generator.l10n.po_files import parse_catalog
from generator.l10n.po_reader import read_po

SAMPLE = r"""# Header comment
msgid ""
msgstr ""
"Language: ar\n"
"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : 3);\n"

#. A note
#: content/codes/X.md:3
#, fuzzy, python-format
msgid "Two\n"
"lines with \"quotes\" and a tab\t"
msgstr "سطران"

msgctxt "button"
msgid "Open"
msgstr "فتح"

msgid "%(count)s code"
msgid_plural "%(count)s codes"
msgstr[0] "a"
msgstr[1] "b"

#| msgid "Old text"
msgid "New text"
msgstr ""

#~ msgid "Removed"
#~ msgstr "محذوف"
"""


def test_entries_flags_contexts_plurals_and_escapes() -> None:
    po = read_po(SAMPLE, "x.po")
    assert po.num_plurals == 6
    first, button, plural, new = po.entries
    assert (
        first.msgid == 'Two\nlines with "quotes" and a tab\t' and first.fuzzy and first.line == 10
    )
    assert (button.context, button.msgid, button.forms) == ("button", "Open", ["فتح"])
    assert (plural.plural, plural.forms) == ("%(count)s codes", ["a", "b"])
    assert not new.translated and not new.fuzzy
    assert "Removed" not in [e.msgid for e in po.entries], "obsolete entries are not messages"
    assert "Open" not in po.by_id(), "messages with a context are not looked up by id alone"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('msgid "a"\nmsgstr "b\\q"\n', "x.po:2: unknown escape \\q in a string"),
        ('msgid "a"\nmsgstr b\n', "x.po:2: expected msgid, msgstr or a comment, got 'msgstr b'"),
        ('"dangling"\n', "x.po:1: unexpected line '\"dangling\"'"),
    ],
)
def test_malformed_lines_name_file_and_line(text: str, expected: str) -> None:
    with pytest.raises(CatalogError) as error:
        read_po(text, "x.po")
    assert str(error.value) == expected


def test_agrees_with_babel_on_every_shipped_catalog(repo: Path) -> None:
    for path in sorted((repo / "locales").rglob("*.po")):
        text = path.read_text(encoding="utf-8")
        fast = {
            e.msgid: (e.forms, e.fuzzy, e.plural, e.line) for e in read_po(text, str(path)).entries
        }
        slow = {}
        for m in parse_catalog(text, str(path)):
            if m.id:
                key = m.id if isinstance(m.id, str) else m.id[0]
                forms = [m.string] if isinstance(m.string, str) else list(m.string)
                slow[key] = (forms, m.fuzzy, None if isinstance(m.id, str) else m.id[1], m.lineno)
        assert fast == slow, path
