"""Every published help page says which revision it shows, who wrote and approved it, and
when; a history page per document and locale lists the rest; a feed announces changes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from review_story import CATALOG, CODE, SITE_TOML, Site
from site_files import SITE_FILES

from generator.l10n.po_files import parse_catalog, render_catalog
from generator.l10n.workflow import extract

ATOM = "{http://www.w3.org/2005/Atom}"
CODE_PAGE = "codes/SEC_ERROR_EXPIRED_CERTIFICATE.html"
HISTORY = "history/SEC_ERROR_EXPIRED_CERTIFICATE.html"


@pytest.fixture
def site(site: Site) -> Site:
    """The review story's site with the small test site's content, all of it approved at the
    start except the expired-certificate page, whose story each test tells."""
    for path, text in SITE_FILES.items():
        if path != "site.toml":
            site.write(path, text)
    for path in sorted(p for p in SITE_FILES if p.startswith("content/") and p != CODE):
        site.approve(site.revise(path, 0), 0, ready=True)
    return site


def translate_into_german(site: Site) -> None:
    """The German catalog of the code page, every message translated (from its template)."""
    extract(site.config)
    template = site.read("locales/templates/codes/SEC_ERROR_EXPIRED_CERTIFICATE.pot")
    catalog = parse_catalog(template, "template", "de")
    for message in catalog:
        if message.id:
            message.string = f"[de] {message.id}"
    site.write(CATALOG, render_catalog(catalog))


def build(site: Site) -> Path:
    """Build the published site (now: after every moment of the story)."""
    run = site.cli("build", "--out", str(site.root / "out"))
    assert run.code == 0, run.err
    return site.root / "out"


def page(out: Path, locale: str, name: str) -> str:
    return (out / locale / name).read_text(encoding="utf-8")


def block(html: str) -> str:
    """The page's revision block as its reader sees the text (inline isolation dropped)."""
    found = re.search(r'<aside class="revision-info".*?</aside>', html, re.S)
    assert found, "the page has a revision block"
    return re.sub(r"\s+", " ", found.group(0).replace("<bdi>", "").replace("</bdi>", ""))


def test_an_approved_page_names_its_revision_author_reviewer_and_date(site: Site) -> None:
    revision = site.revise(CODE, 1, creator="Joni")
    site.approve(revision, 2)
    text = block(page(build(site), "en-US", CODE_PAGE))
    assert f"Revision {revision.id[:12]}, approved on March 1, 2025." in text
    assert "Written by Joni, reviewed by alice." in text
    assert "<bdi>Joni</bdi>" in page(build(site), "en-US", CODE_PAGE), "names are isolated"
    assert f'href="../{HISTORY}"' in text


def test_a_second_revision_replaces_the_first_and_both_are_in_the_history(site: Site) -> None:
    first = site.revise(CODE, 1)
    site.approve(first, 2)
    site.write(CODE, site.read(CODE) + "\nRenew it before it expires.\n")
    second = site.revise(CODE, 3, creator="Sam")
    site.approve(second, 4)
    out = build(site)
    assert f"Revision {second.id[:12]}" in block(page(out, "en-US", CODE_PAGE))
    history = page(out, "en-US", HISTORY)
    assert history.index(second.id[:12]) < history.index(first.id[:12]), "newest first"
    assert "change at minute 3" in history and "Approved by alice" in history
    assert "+Renew it before it expires." in history, "the diff, as text"


def test_pending_and_rejected_revisions_are_listed_without_their_text(site: Site) -> None:
    site.approve(site.revise(CODE, 1), 2)
    site.write(CODE, site.read(CODE) + "\nSECRET DRAFT SENTENCE\n")
    pending = site.revise(CODE, 3)
    out = build(site)
    history = page(out, "en-US", HISTORY)
    assert pending.id[:12] in history and "Waiting for review" in history
    assert "change at minute 3" not in history, "a pending revision's comment is not shown"
    for path in out.rglob("*"):
        if path.is_file():
            assert b"SECRET DRAFT SENTENCE" not in path.read_bytes(), path
    site.reject(pending, 4)
    assert "Rejected by alice" in page(build(site), "en-US", HISTORY)


def test_a_translation_says_which_source_revision_it_is_based_on_and_that_it_changed(
    site: Site,
) -> None:
    source = site.revise(CODE, 1)
    site.approve(source, 2, ready=True)
    translate_into_german(site)
    translation = site.revise(CATALOG, 3, creator="Kim")
    site.approve(translation, 4)
    before = block(page(build(site), "de", CODE_PAGE))
    assert translation.id[:12] in before and "Kim" in before
    assert f"based on revision {source.id[:12]}" in before
    site.write(CODE, site.read(CODE) + "\nRenew it before it expires.\n")
    site.approve(site.revise(CODE, 60 * 24 * 3), 60 * 24 * 3 + 1, ready=True)
    after = block(page(build(site), "de", CODE_PAGE))
    assert f"based on revision {source.id[:12]}" in after
    assert "changed on" in after and "4. März 2025" in after, "the date in German"
    history = page(build(site), "de", HISTORY)
    assert translation.id[:12] in history and source.id[:12] in history


def test_the_changes_feed_is_atom_with_every_approved_revision(site: Site) -> None:
    source = site.revise(CODE, 1)
    site.approve(source, 2, ready=True)
    translation = site.revise(CATALOG, 3)
    site.approve(translation, 4)
    root = ET.parse(build(site) / "de" / "changes.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{required}"), required
    entries = root.findall(f"{ATOM}entry")
    ids = [entry.findtext(f"{ATOM}id", "") for entry in entries]
    assert f"urn:certwarn:revision:{source.id}" in ids
    assert f"urn:certwarn:revision:{translation.id}" in ids
    for entry in entries:
        assert entry.findtext(f"{ATOM}id", "").startswith("urn:certwarn:revision:")
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}updated")
        assert entry.find(f"{ATOM}author/{ATOM}name") is not None
        link = entry.find(f"{ATOM}link")
        assert link is not None and link.get("href", "").startswith("https://")
    updated = [entry.findtext(f"{ATOM}updated", "") for entry in entries]
    assert updated == sorted(updated, reverse=True), "newest first"


def test_the_block_reads_in_right_to_left_and_cjk_locales(site: Site) -> None:
    site.write(
        "site.toml",
        SITE_TOML.format(allow_self="false").replace(
            'locales = ["en-US", "de"]', 'locales = ["en-US", "de", "ar", "ja"]'
        ),
    )
    site.approve(site.revise(CODE, 1), 2)
    out = build(site)
    arabic = page(out, "ar", CODE_PAGE)
    assert '<html lang="ar" dir="rtl"' in arabic and "revision-info" in arabic
    assert "2025年3月1日" in block(page(out, "ja", CODE_PAGE))


def test_error_pages_carry_no_revision_information(site: Site) -> None:
    site.approve(site.revise(CODE, 1), 2)
    error_page = page(build(site), "en-US", "errors/SEC_ERROR_EXPIRED_CERTIFICATE.html")
    assert "revision-info" not in error_page


def test_the_manifest_names_the_revision_each_error_page_shows(site: Site) -> None:
    import json

    revision = site.revise(CODE, 1)
    site.approve(revision, 2)
    manifest = json.loads((build(site) / "errors" / "manifest.json").read_text())
    entry = manifest["codes"]["SEC_ERROR_EXPIRED_CERTIFICATE"]["locales"]["en-US"]
    assert entry["revision"] == revision.id
    assert entry["approved"].startswith("2025-03-01T09:02")
