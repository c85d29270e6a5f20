"""Every catalog certwarn writes passes `msgfmt -c` and reads the same in babel, polib and
translate-toolkit (the readers behind Weblate, Pontoon, Poedit's users' scripts and pofilter)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from po_readers import babel_view, headers, polib_view, raw_babel_comments, toolkit_view

from generator.l10n.gettext_locale import num_plurals
from generator.l10n.po_files import new_catalog, parse_catalog, render_catalog

needs_msgfmt = pytest.mark.skipif(
    shutil.which("msgfmt") is None, reason="gettext's msgfmt is installed by make system-deps"
)
LONG = (
    "When the certificate chain cannot be built up to a root that Firefox trusts, the "
    'page says "Warning: Potential Security Risk Ahead" and shows {button}`Advanced…`; '
    "a path like C:\\Users\\Name\\AppData\\Roaming\\Mozilla\\Firefox\\Profiles is kept."
)
"""Longer than a line, with quotes, backslashes, a role and a non-ASCII ellipsis."""


def msgfmt_check(path: Path) -> str:
    run = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    return f"exit {run.returncode}: {run.stderr}" if run.returncode or run.stderr else ""


def hard_cases(locale: str) -> Catalog:
    """A catalog with what breaks PO writers: long and multi-line previous ids, plurals, escapes,
    non-ASCII and right-to-left text, contexts, comments, obsolete entries."""
    catalog = new_catalog(locale)
    catalog.last_translator = "Test Translator <t@example.test>"
    n = num_plurals(locale)
    catalog.add(
        LONG + " Now shorter.",
        "Übersetzung: " + LONG,
        locations=[("content/codes/X.md", 3)],
        flags=["fuzzy"],
        previous_id=LONG,
        auto_comments=["A note for translators."],
        user_comments=["checked with the team"],
    )
    catalog.add(
        "Line one\nLine two\twith a tab\n",
        "Zeile eins\nZeile zwei\tmit Tab\n",
        flags=["fuzzy"],
        previous_id="Line one\nLine 2\n" + "x" * 120,
        locations=[("content/a.md", 1), ("content/b.md", 2)],
    )
    catalog.add(
        ("%(count)s error code", "%(count)s error codes"),
        tuple(f"%(count)s رمز خطأ ({i})" for i in range(n)),
        locations=[("themes/default/templates/home.html", 9)],
        flags=["fuzzy"],
        previous_id=("%(count)s code", "%(count)s codes " + "y" * 90),
    )
    catalog.add("Back", "رجوع \u200fإلى الخلف", context="navigation")
    catalog.add('Quote "this" and \\ that', "«هذا» و\\ ذلك — 日本語 ✓")
    catalog.add("Untranslated " + "z" * 100, "")
    catalog.obsolete["Gone"] = Message(
        "Gone", "Weg", user_comments=["kept for reference"], auto_comments=["Paragraph."]
    )  # its extracted note is not written: the source it described is gone
    return catalog


@needs_msgfmt
@pytest.mark.parametrize("locale", ["de", "fr", "ar", "zh-CN", "ja", "ru"])
def test_hard_cases_pass_msgfmt_and_read_the_same_in_every_reader(
    tmp_path: Path, locale: str
) -> None:
    path = tmp_path / "hard.po"
    path.write_text(render_catalog(hard_cases(locale)), encoding="utf-8")
    assert msgfmt_check(path) == ""
    babel, pol, toolkit = babel_view(path, locale), polib_view(path), toolkit_view(path)
    assert babel == pol == toolkit
    first = babel[0]
    assert first.previous == (LONG,) and first.flags == {"fuzzy"}
    assert first.translator_comments == ("checked with the team",)
    assert babel[2].previous == ("%(count)s code", "%(count)s codes " + "y" * 90)
    assert len(babel[2].forms) == num_plurals(locale)
    assert [e.obsolete for e in babel] == [False] * 6 + [True]
    polib_headers, toolkit_headers = headers(path)
    assert polib_headers == toolkit_headers


def test_babel_reads_each_previous_id_line_as_one_complete_string(tmp_path: Path) -> None:
    path = tmp_path / "hard.po"
    path.write_text(render_catalog(hard_cases("de")), encoding="utf-8")
    comments = raw_babel_comments(path)[0]
    previous = [c for c in comments if c.startswith("|")]
    assert len(previous) > 2, "a long previous id spans several lines"
    for line in previous:
        literal = line.removeprefix("| msgid ").removeprefix("| ")
        assert literal.startswith('"') and literal.endswith('"'), line


def test_writing_what_was_read_gives_the_same_file(tmp_path: Path) -> None:
    text = render_catalog(hard_cases("ar"))
    assert render_catalog(parse_catalog(text, "hard.po", "ar")) == text


def test_headers_are_what_gettext_expects_for_the_locale() -> None:
    expected = {
        "zh-CN": ("zh_CN", "nplurals=1; plural=0;"),
        "pt-BR": ("pt_BR", "nplurals=2; plural=(n > 1);"),
        "fr": ("fr", "nplurals=2; plural=(n > 1);"),
        "es": ("es", "nplurals=2; plural=(n != 1);"),
        "it": ("it", "nplurals=2; plural=(n != 1);"),
    }
    for locale, (language, plural_forms) in expected.items():
        text = render_catalog(new_catalog(locale))
        assert f'"Language: {language}\\n"' in text
        assert f'"Plural-Forms: {plural_forms}\\n"' in text


def shipped_catalogs(repo: Path) -> list[Path]:
    return sorted([*(repo / "locales").rglob("*.po"), *(repo / "locales").rglob("*.pot")])


def test_every_shipped_catalog_reads_the_same_in_every_reader(repo: Path) -> None:
    catalogs = shipped_catalogs(repo)
    assert len(catalogs) > 100
    for path in catalogs:
        locale = None if path.suffix == ".pot" else path.relative_to(repo / "locales").parts[0]
        babel = babel_view(path, locale)
        assert babel == polib_view(path) == toolkit_view(path), path
        polib_headers, toolkit_headers = headers(path)
        assert polib_headers == toolkit_headers, path


def test_no_shipped_message_carries_a_format_flag_it_does_not_use(repo: Path) -> None:
    for path in shipped_catalogs(repo):
        text = path.read_text(encoding="utf-8")
        assert "python-brace-format" not in text, path
        if path.name not in ("theme.po", "theme.pot"):
            assert "python-format" not in text, path


def test_shipped_catalogs_name_their_translator_and_date(repo: Path) -> None:
    for path in sorted((repo / "locales").rglob("*.po")):
        text = path.read_text(encoding="utf-8")
        assert "FULL NAME" not in text and "EMAIL@ADDRESS" not in text, path
        assert "YEAR-MO-DA" not in text and "LL@li.org" not in text, path
