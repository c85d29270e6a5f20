"""Status and translation states: what waits, what is unsubmitted, what is outdated."""

from __future__ import annotations

from review_story import ARTICLE, CATALOG, CODE, THEME_CATALOG, Site

from generator.review.model import Revision, Significance
from generator.review.status import status_report
from generator.review.translation_status import translation_states


def translated(site: Site) -> tuple[Revision, Revision]:
    """The code page approved ready for localization, and its German catalog approved."""
    source = site.revise(CODE, 1)
    site.approve(source, 2, ready=True)
    catalog = site.revise(CATALOG, 3, creator="Lena")
    site.approve(catalog, 4, key="bob")
    return source, catalog


def change_source(site: Site, minute: int, significance: Significance, ready: bool) -> Revision:
    site.write(CODE, site.read(CODE) + f"Changed at minute {minute}.\n")
    revision = site.revise(CODE, minute, significance=significance)
    site.approve(revision, minute + 1, ready=ready)
    return revision


def test_status_shows_published_waiting_unsubmitted_and_embargoed_files(site: Site) -> None:
    code = site.revise(CODE, 1)
    site.approve(code, 2)
    site.write(CODE, "Edited after approval.\n")
    article = site.revise(ARTICLE, 3)
    catalog = site.revise(CATALOG, 4)
    site.approve(catalog, 5, key="bob", publish_after=site.at(60))
    report = status_report(site.config, site.at(30))
    assert [item.revision.id for item in report.published] == [code.id]
    assert report.waiting == (article,)
    assert [(item.path, item.newest) for item in report.unsubmitted] == [
        (CODE, code),
        (THEME_CATALOG, None),
    ]
    assert [item.revision.id for item in report.embargoed] == [catalog.id]
    assert report.unpublished == (ARTICLE, CATALOG, THEME_CATALOG)


def test_a_catalog_revision_is_based_on_the_source_revision_translators_read(
    site: Site,
) -> None:
    source, catalog = translated(site)
    assert catalog.based_on == (source.id,)
    assert site.revise(THEME_CATALOG, 5).based_on == ()


def test_a_minor_source_change_ready_for_localization_outdates_translations(
    site: Site,
) -> None:
    translated(site)
    newer = change_source(site, 5, Significance.MINOR, ready=True)
    state = translation_states(site.config, site.at(100))[("de", CODE)]
    assert state.outdated
    assert state.newer_source == newer
    report = status_report(site.config, site.at(100))
    assert [item.catalog for item in report.outdated] == [CATALOG]


def test_a_typo_change_never_outdates_translations(site: Site) -> None:
    translated(site)
    change_source(site, 5, Significance.TYPO, ready=True)
    assert not translation_states(site.config, site.at(100))[("de", CODE)].outdated


def test_a_change_not_yet_ready_for_localization_does_not_outdate_translations(
    site: Site,
) -> None:
    translated(site)
    change_source(site, 5, Significance.MAJOR, ready=False)
    assert not translation_states(site.config, site.at(100))[("de", CODE)].outdated


def test_an_updated_translation_waits_for_review_instead_of_being_outdated(
    site: Site,
) -> None:
    translated(site)
    change_source(site, 5, Significance.MAJOR, ready=True)
    site.write(CATALOG, site.read(CATALOG) + '\nmsgid "Changed"\nmsgstr "Geändert"\n')
    site.revise(CATALOG, 7, creator="Lena")
    state = translation_states(site.config, site.at(100))[("de", CODE)]
    assert (state.outdated, state.waiting_for_review) == (False, True)


def test_translation_states_cover_every_catalog_for_the_dashboard(site: Site) -> None:
    translated(site)
    states = translation_states(site.config, site.at(100))
    assert sorted(states) == [("de", CODE), ("de", THEME_CATALOG)]
    theme = states[("de", THEME_CATALOG)]
    assert (theme.source, theme.submitted, theme.outdated) == (None, False, False)


def test_the_status_command_prints_each_section(site: Site) -> None:
    site.revise(ARTICLE, 1)
    run = site.cli("status")
    assert run.code == 0
    assert "Waiting for review (1)\n  content/articles/time-errors.md  " in run.out
    assert f"Unsubmitted edits (3)\n  {CODE}  never submitted" in run.out


def test_status_says_when_everything_is_published_and_verified(site: Site) -> None:
    site.approve(site.revise(CODE, 1), 2, ready=True)
    site.approve(site.revise(ARTICLE, 3), 4)
    site.approve(site.revise(CATALOG, 5), 6, key="bob")
    site.approve(site.revise(THEME_CATALOG, 7), 8, key="bob")
    run = site.cli("status", "--quiet")
    assert run.out.endswith(
        "All 4 files are published from approved revisions with verified signatures.\n"
    )
