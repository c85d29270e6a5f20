"""The translator workflow: init adds a locale, update merges, stats count, msgfmt agrees."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from l10n_helpers import add_locales, certwarn, translate

from generator.l10n.po_files import parse_catalog

UNKNOWN_PO = "locales/de/LC_MESSAGES/codes/SEC_ERROR_UNKNOWN_ISSUER.po"


def read(root: Path, relative: str):  # type: ignore[no-untyped-def]
    return parse_catalog((root / relative).read_text(encoding="utf-8"), relative, "de")


def test_init_lists_the_locale_in_site_toml_and_creates_every_catalog(project: Path) -> None:
    add_locales(project, "de")
    assert 'locales = ["en-US", "de"]' in (project / "site.toml").read_text()
    created = sorted(
        p.relative_to(project / "locales/de/LC_MESSAGES").as_posix()
        for p in (project / "locales/de").rglob("*.po")
    )
    templates = sorted(
        p.relative_to(project / "locales/templates").as_posix()[:-1]
        for p in (project / "locales/templates").rglob("*.pot")
    )
    assert created == templates
    assert read(project, UNKNOWN_PO).locale_identifier == "de"


def test_init_rejects_an_unknown_locale(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    certwarn(project, "catalog", "extract")
    run = cli(project, "catalog", "init", "--locale", "xx-nope")
    assert run.code == 1
    assert "unknown locale" in run.err and "'xx-nope'" in run.err


def test_update_marks_changed_strings_fuzzy_keeping_the_previous_msgid(project: Path) -> None:
    add_locales(project, "de")
    translate(project, "de", lambda s: "DE " + s)
    source = project / "content/codes/SEC_ERROR_UNKNOWN_ISSUER.md"
    text = source.read_text()
    source.write_text(
        text.replace("does not reach a trusted root.", "does not reach any trusted root.")
        .replace("Renew", "Renew")
        .replace("Send the intermediate certificates, such as {file}`fullchain.pem`.\n", "")
    )
    assert certwarn(project, "catalog", "extract") == 0
    assert certwarn(project, "catalog", "update") == 0
    catalog = read(project, UNKNOWN_PO)
    changed = catalog.get("The chain of signatures does not reach any trusted root.")
    assert changed.fuzzy
    assert changed.string == "DE The chain of signatures does not reach a trusted root."
    assert "Send the intermediate certificates, such as {file}`fullchain.pem`." in catalog.obsolete
    po_text = (project / UNKNOWN_PO).read_text()
    assert '#| msgid "The chain of signatures does not reach a trusted root."' in po_text
    assert '#~ msgid "Send the intermediate certificates' in po_text


def test_stats_count_translated_fuzzy_and_untranslated(project: Path, cli) -> None:  # type: ignore[no-untyped-def]
    add_locales(project, "de")
    translate(project, "de", lambda s: "DE " + s if s.startswith("The") else None)
    run = cli(project, "catalog", "stats", "--by-document")
    assert run.code == 0
    rows = {line.split()[1]: line.split() for line in run.out.splitlines()[1:]}
    unknown = rows["codes/SEC_ERROR_UNKNOWN_ISSUER"]
    assert unknown[0] == "de"
    assert [int(n) for n in unknown[2:5]] == [3, 0, 7], "title, summary and one paragraph"
    assert unknown[5:] == ["30", "%"]


@pytest.mark.skipif(
    shutil.which("msgfmt") is None, reason="gettext's msgfmt is installed by make system-deps"
)
def test_every_shipped_catalog_passes_msgfmt_check(repo: Path) -> None:
    catalogs = sorted((repo / "locales").rglob("*.po"))
    assert catalogs, "the repository ships catalogs"
    for path in catalogs:
        run = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 0, (path, run.stderr)


def test_every_shipped_catalog_passes_certwarn_check(repo: Path, cli) -> None:  # type: ignore[no-untyped-def]
    run = cli(repo, "catalog", "check")
    assert run.code == 0, run.err
