"""`catalog check` compares translated {button}/{otherbutton}/{menu} labels with the installed
Firefox's own strings (its language packs), and suggests what Firefox says; {app} labels are
another program's words."""

from __future__ import annotations

from pathlib import Path

import pytest
from l10n_helpers import add_locales, translate

from generator.l10n.firefox_strings import firefox_strings

needs_langpack = pytest.mark.skipif(
    firefox_strings("de") is None or firefox_strings("en-US") is None,
    reason="needs Firefox ESR with its German language pack (make system-deps)",
)
GERMAN = {
    "{button}`Go Back (Recommended)`": "{button}`Zurück (empfohlen)`",
    "{menu}`Settings`": "{menu}`Konfiguration`",
    "{menu}`Go`": "{menu}`Gehe zu`",
}


def germanize(text: str) -> str:
    for english, german in GERMAN.items():
        text = text.replace(english, german)
    return "DE " + text


@needs_langpack
def test_a_label_firefox_does_not_use_is_warned_with_the_word_firefox_uses(
    project: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    add_locales(project, "de")
    translate(project, "de", germanize)
    run = cli(project, "catalog", "check")
    assert run.code == 0, "a warning, not an error: the translator decides"
    (warning,) = run.err.splitlines()
    assert warning.startswith(
        "warning: locales/de/LC_MESSAGES/codes/MOZILLA_PKIX_ERROR_MITM_DETECTED.po:"
    )
    assert warning.split(": ", 2)[2].startswith(
        "{menu}`Konfiguration` is not a label Firefox shows in de; "
        "for 'Settings' Firefox says 'Einstellungen'"
    )
    assert "Zurück (empfohlen)" not in run.err, "Firefox's own German label passes"
    assert "Gehe zu" not in run.err, "macOS's Go menu (an OS block) is the system's word"


@needs_langpack
def test_the_shipped_catalogs_use_firefox_s_words(repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    run = cli(repo, "catalog", "check")
    assert (run.code, run.err) == (0, "")


def test_without_a_language_pack_there_is_nothing_to_compare_with(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("generator.l10n.firefox_strings.FIREFOX_DIRS", ())
    monkeypatch.setenv("CERTWARN_FIREFOX", str(tmp_path))
    firefox_strings.cache_clear()
    try:
        assert firefox_strings("de") is None
    finally:
        firefox_strings.cache_clear()
