"""Extraction: one template per source document plus the theme's, deterministic, with notes."""

from __future__ import annotations

from pathlib import Path

from l10n_helpers import certwarn

from generator.l10n.po_files import parse_catalog


def read_template(root: Path, domain: str):  # type: ignore[no-untyped-def]
    path = f"locales/templates/{domain}.pot"
    return parse_catalog((root / path).read_text(encoding="utf-8"), path)


def test_one_template_per_document_and_one_for_the_theme(project: Path) -> None:
    assert certwarn(project, "catalog", "extract") == 0
    templates = sorted(
        p.relative_to(project / "locales/templates").as_posix()
        for p in (project / "locales/templates").rglob("*.pot")
    )
    assert templates == [
        "articles/bypassing-the-warning.pot",
        "articles/overview.pot",
        "codes/MOZILLA_PKIX_ERROR_MITM_DETECTED.pot",
        "codes/SEC_ERROR_EXPIRED_CERTIFICATE.pot",
        "codes/SEC_ERROR_UNKNOWN_ISSUER.pot",
        "steps/profile-folder/linux.pot",
        "steps/profile-folder/macos.pot",
        "steps/profile-folder/windows.pot",
        "theme.pot",
    ]


def test_extracting_twice_gives_identical_files(project: Path, files) -> None:  # type: ignore[no-untyped-def]
    assert certwarn(project, "catalog", "extract") == 0
    first = files(project / "locales")
    assert certwarn(project, "catalog", "extract") == 0
    assert files(project / "locales") == first


def test_units_are_blocks_with_inline_markdown_kept(project: Path) -> None:
    certwarn(project, "catalog", "extract")
    ids = [m.id for m in read_template(project, "codes/SEC_ERROR_UNKNOWN_ISSUER") if m.id]
    assert ids[:2] == [
        "The issuer is not known",
        "The browser cannot trace the certificate to an authority it trusts.",
    ]
    assert "What it means" in ids
    assert "Click {button}`Go Back (Recommended)`." in ids
    assert "![The warning page for an unknown issuer](screenshot:SEC_ERROR_UNKNOWN_ISSUER)" in ids


def test_entries_carry_source_references_and_notes(project: Path) -> None:
    certwarn(project, "catalog", "extract")
    catalog = read_template(project, "codes/SEC_ERROR_UNKNOWN_ISSUER")
    message = catalog.get("Click {button}`Go Back (Recommended)`.")
    assert message.locations == [("content/codes/SEC_ERROR_UNKNOWN_ISSUER.md", 22)]
    note = " ".join(message.auto_comments)
    assert "{button}`Go Back (Recommended)`" in note and "List item." in note
    link = catalog.get(
        "Read [how to bypass the warning](article:bypassing-the-warning#before-you-continue)."
    )
    assert "article:bypassing-the-warning#before-you-continue" in " ".join(link.auto_comments)


def test_theme_template_has_trans_blocks_with_plurals(project: Path) -> None:
    certwarn(project, "catalog", "extract")
    theme = read_template(project, "theme")
    plural = [m for m in theme if m.pluralizable]
    assert plural, "the theme uses ngettext-style {% trans count=… %} blocks"
    assert all("%(count)s" in m.id[1] for m in plural)
    assert theme.get("Test warnings") is not None, "the site title is translatable"
    assert theme.get("Screenshot not available yet") is not None, "strings of render rules"
