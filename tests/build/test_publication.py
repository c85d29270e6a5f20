"""The build behind the review gate: approved text only, previews beside it, never inside it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CODE = "content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md"


@pytest.fixture
def gated(project: Path, cli, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    """The small site with every source approved by `reviewer` and review required.

    `admin` signed the reviewer list; `author` signs what is submitted ($CERTWARN_KEY).
    """
    monkeypatch.setenv("CERTWARN_CONFIG_HOME", str(project.parent / "config"))
    monkeypatch.setenv("CERTWARN_USER", "author")
    assert cli(project, "review", "keygen", "admin", "--add", "--admin").code == 0
    assert cli(project, "review", "keygen", "reviewer", "--add").code == 0
    assert cli(project, "review", "trust", "sign", "--key", "admin").code == 0
    assert cli(project, "review", "keygen", "author").code == 0
    monkeypatch.setenv("CERTWARN_KEY", "author")
    assert (
        cli(project, "revise", "--all", "--comment", "first", "--significance", "major").code == 0
    )
    approve = cli(
        project,
        "review",
        "approve",
        "--all-pending",
        "--ready-for-localization",
        "--key",
        "reviewer",
    )
    assert approve.code == 0, approve.err
    toml = project / "site.toml"
    toml.write_text(toml.read_text().replace("required = false", "required = true"))
    return project


def pending_edit(root: Path, cli) -> str:  # type: ignore[no-untyped-def]
    path = root / CODE
    path.write_text(
        path.read_text().replace("Renew the certificate.", "Renew it before it expires.")
    )
    run = cli(root, "revise", CODE, "--comment", "clearer advice")
    assert run.code == 0
    return re.search(r"revision ([0-9a-f]{12})", run.out).group(1)


def page(root: Path, folder: str) -> str:
    return (root / "build" / folder / "en-US/codes/SEC_ERROR_EXPIRED_CERTIFICATE.html").read_text()


def test_pending_work_is_not_published_until_approved(gated: Path, cli) -> None:  # type: ignore[no-untyped-def]
    revision = pending_edit(gated, cli)
    assert cli(gated, "build").code == 0
    assert "Renew the certificate." in page(gated, "html")
    assert cli(gated, "review", "approve", revision, "--key", "reviewer").code == 0
    assert cli(gated, "build").code == 0
    assert "Renew it before it expires." in page(gated, "html")


def test_a_rejected_revision_is_not_published(gated: Path, cli) -> None:  # type: ignore[no-untyped-def]
    revision = pending_edit(gated, cli)
    assert (
        cli(gated, "review", "reject", revision, "--comment", "no", "--key", "reviewer").code == 0
    )
    assert cli(gated, "build").code == 0
    assert "Renew the certificate." in page(gated, "html")


def test_preview_shows_pending_work_with_a_banner_and_never_writes_the_site(
    gated: Path, cli, files
) -> None:  # type: ignore[no-untyped-def]
    assert cli(gated, "build").code == 0
    published = files(gated / "build/html")
    pending_edit(gated, cli)
    assert cli(gated, "build", "--preview").code == 0
    assert files(gated / "build/html") == published
    preview = page(gated, "preview")
    assert "Renew it before it expires." in preview
    for html in (gated / "build/preview").rglob("*.html"):
        assert 'class="draft-banner"' in html.read_text(), html


def test_a_document_with_no_approved_revision_is_not_published(gated: Path, cli) -> None:  # type: ignore[no-untyped-def]
    article = gated / "content/articles/time-errors.md"
    article.write_text(
        "---\ntitle: Time-related errors\nsummary: Check the clock.\n---\n\n"
        "## Fix it\n\nSet the clock.\n"
    )
    run = cli(gated, "build")
    assert run.code == 0
    assert run.out == (
        "1 file is not published: no approved revision; `certwarn status` lists them\n"
    )
    verbose = cli(gated, "build", "-v")
    assert "  not published: content/articles/time-errors.md\n" in verbose.out
    assert not (gated / "build/html/en-US/articles/time-errors.html").exists()


def test_an_edit_after_approval_is_not_published(gated: Path, cli) -> None:  # type: ignore[no-untyped-def]
    path = gated / CODE
    path.write_text(path.read_text().replace("Renew the certificate.", "Unreviewed words."))
    assert cli(gated, "build").code == 0
    assert "Unreviewed words." not in page(gated, "html")


def test_translators_get_strings_only_from_approved_ready_revisions(gated: Path, cli) -> None:  # type: ignore[no-untyped-def]
    template = gated / "locales/templates/codes/SEC_ERROR_EXPIRED_CERTIFICATE.pot"
    revision = pending_edit(gated, cli)
    assert cli(gated, "catalog", "extract").code == 0
    assert "Renew it before it expires." not in template.read_text()
    assert cli(gated, "review", "approve", revision, "--key", "reviewer").code == 0
    assert cli(gated, "catalog", "extract").code == 0
    assert "Renew it before it expires." not in template.read_text(), "approved, not yet ready"
    follow_up = pending_edit_again(gated, cli)
    approve = ["review", "approve", follow_up, "--key", "reviewer", "--ready-for-localization"]
    assert cli(gated, *approve).code == 0
    assert cli(gated, "catalog", "extract").code == 0
    assert "Renew it before it is too late." in template.read_text()


def pending_edit_again(root: Path, cli) -> str:  # type: ignore[no-untyped-def]
    path = root / CODE
    path.write_text(
        path.read_text().replace("Renew it before it expires.", "Renew it before it is too late.")
    )
    run = cli(root, "revise", CODE, "--comment", "clearer still")
    return re.search(r"revision ([0-9a-f]{12})", run.out).group(1)
