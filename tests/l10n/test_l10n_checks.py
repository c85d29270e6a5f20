"""Each translation check rule, with a translation that breaks it."""

from __future__ import annotations

from pathlib import Path

import pytest
from l10n_helpers import add_locales, translate

from generator.l10n.message_checks import check_text

SOURCE = "Click {button}`Advanced…`, then see [the guide](article:time-errors#fix) and `cert9.db`."
GOOD = (
    "Klicken Sie auf {button}`Erweitert…` und lesen Sie "
    "[die Anleitung](article:time-errors#fix) zu `cert9.db`."
)


def test_a_faithful_translation_passes() -> None:
    assert check_text(SOURCE, GOOD) == []


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        (
            GOOD.replace("article:time-errors#fix", "article:overview"),
            "link targets differ from the source: expected ['article:time-errors#fix'], "
            "got ['article:overview']",
        ),
        (
            GOOD.replace("`cert9.db`", "`cert8.db`"),
            "code spans differ from the source: expected ['cert9.db'], got ['cert8.db']",
        ),
        (
            GOOD.replace("{button}", "{menu}"),
            "UI references differ from the source: expected ['{button}'], got ['{menu}']",
        ),
        (GOOD + " <b>wichtig</b>", "raw HTML is not allowed in translations"),
        (
            GOOD + " [hier](javascript:alert(1))",
            "links may only go to code:, article:, #anchors or http(s) URLs",
        ),
    ],
    ids=["link target", "code span", "UI role", "raw HTML", "unsafe link"],
)
def test_each_rule_names_what_differs(translation: str, expected: str) -> None:
    assert check_text(SOURCE, translation) == [expected]


@pytest.mark.parametrize(
    ("source", "kept", "changed"),
    [
        ("Open {app}`Setup`.", "Öffnen Sie {app}`Einrichtung`.", "{menu}`Einrichtung`"),
        ("Open {menu}`Settings`.", "Öffnen Sie {menu}`Einstellungen`.", "{app}`Einstellungen`"),
        (
            "Click {otherbutton}`Try Again`.",
            "Klicken: {otherbutton}`Nochmals`.",
            "{button}`Nochmals`",
        ),
    ],
    ids=["app", "menu", "otherbutton"],
)
def test_the_surface_roles_survive_translation(source: str, kept: str, changed: str) -> None:
    assert check_text(source, kept) == []
    label = changed.split("`")[1]
    (problem,) = check_text(
        source, kept.replace(kept[kept.index("{") : kept.rindex("`") + 1], changed)
    )
    assert problem.startswith("UI references differ from the source"), label


def test_placeholders_must_be_kept() -> None:
    assert check_text("Built on %(date)s.", "Erstellt am %(datum)s.") == [
        "placeholders differ from the source: expected ['date'], got ['datum']"
    ]


def test_catalog_check_reports_file_and_line_and_exits_1(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    add_locales(project, "de")
    translate(
        project,
        "de",
        lambda s: s.replace("Go Back (Recommended)", "Zurück") if "{button}" in s else None,
    )
    translate_plural_wrongly(project)
    run = cli(project, "catalog", "check")
    assert run.code == 1
    lines = run.err.strip().splitlines()
    assert any(
        line.startswith("locales/de/LC_MESSAGES/theme.po:")
        and line.endswith("expected 2 plural forms for this language, got 1")
        for line in lines
    ), lines
    po = (project / "locales/de/LC_MESSAGES/codes/SEC_ERROR_UNKNOWN_ISSUER.po").read_text()
    assert all(
        " differ from the source" not in line for line in lines if "SEC_ERROR_UNKNOWN" in line
    )
    assert "Zurück" in po


def translate_plural_wrongly(root: Path) -> None:
    path = root / "locales/de/LC_MESSAGES/theme.po"
    text = path.read_text(encoding="utf-8")
    marker = 'msgstr[0] ""\nmsgstr[1] ""\n'
    assert marker in text
    one_form = 'msgstr[0] "Diese Website erklärt %(count)s Fehlercodes."\n'
    path.write_text(text.replace(marker, one_form, 1), encoding="utf-8")
