"""The publication gate serves approved revisions only, never the working copy."""

from __future__ import annotations

from review_story import ARTICLE, CATALOG, CODE, FILES, THEME_CATALOG, Site

from generator.content.sources import WorkingTree
from generator.review.gate import LocalizationTree, PreviewTree
from generator.review.model import Decision, Revision
from generator.review.trees import published_tree


def test_an_approved_revision_is_published_with_its_revision_id(
    published: tuple[Site, Revision, Decision],
) -> None:
    site, revision, _ = published
    served = site.gate().read(CODE)
    assert served.text == FILES[CODE]
    assert served.revision == revision.id


def test_an_edit_after_approval_is_not_published(
    published: tuple[Site, Revision, Decision],
) -> None:
    site, revision, _ = published
    site.write(CODE, "An unreviewed edit.\n")
    assert site.gate().read(CODE).text == FILES[CODE]
    site.revise(CODE, 3)  # submitted, but still waiting for review
    assert site.gate().read(CODE).revision == revision.id


def test_a_pending_revision_is_not_published(site: Site) -> None:
    site.revise(CODE, 1)
    gate = site.gate()
    assert CODE not in gate.paths()
    assert CODE in gate.unpublished()


def test_a_file_never_submitted_is_not_published(site: Site) -> None:
    gate = site.gate()
    assert gate.paths() == []
    assert gate.unpublished() == sorted(FILES)


def test_a_rejected_revision_is_not_published(site: Site) -> None:
    first = site.revise(CODE, 1)
    site.approve(first, 2)
    site.write(CODE, "A rejected rewrite.\n")
    site.reject(site.revise(CODE, 3), 4)
    assert site.gate().read(CODE).revision == first.id
    site.reject(first, 5, unpublish=True)
    assert CODE not in site.gate().paths()


def test_the_newest_approved_revision_wins(published: tuple[Site, Revision, Decision]) -> None:
    site, _, _ = published
    site.write(CODE, "Second approved text.\n")
    second = site.revise(CODE, 3)
    site.approve(second, 4)
    assert site.gate().read(CODE).text == "Second approved text.\n"


def test_an_embargo_holds_until_its_date(published: tuple[Site, Revision, Decision]) -> None:
    site, first, _ = published
    site.write(CODE, "Text for the next release.\n")
    second = site.revise(CODE, 3)
    site.approve(second, 4, publish_after=site.at(60))
    assert site.gate(59).read(CODE).revision == first.id
    assert site.gate(60).read(CODE).revision == second.id


def test_an_embargoed_first_revision_is_unpublished_until_its_date(site: Site) -> None:
    site.approve(site.revise(ARTICLE, 1), 2, publish_after=site.at(60))
    assert ARTICLE in site.gate(59).unpublished()
    assert ARTICLE in site.gate(60).paths()


def test_an_approved_removal_unpublishes_the_file(
    published: tuple[Site, Revision, Decision],
) -> None:
    site, _, _ = published
    (site.root / CODE).unlink()
    removal = site.revise(CODE, 3)
    assert removal.removes
    assert CODE in site.gate().paths()
    site.approve(removal, 4)
    assert CODE not in site.gate().paths()


def test_catalogs_go_through_the_same_gate(site: Site) -> None:
    catalog = site.revise(CATALOG, 1)
    site.approve(catalog, 2, key="bob")
    site.revise(THEME_CATALOG, 3)
    gate = site.gate()
    assert gate.paths() == [CATALOG]
    assert gate.read(CATALOG).revision == catalog.id


def test_preview_shows_pending_work_and_never_submitted_drafts(
    published: tuple[Site, Revision, Decision],
) -> None:
    site, _, _ = published
    site.write(CODE, "Pending rewrite.\n")
    pending = site.revise(CODE, 3)
    preview = PreviewTree(site.config)
    assert preview.read(CODE).text == "Pending rewrite.\n"
    assert preview.read(CODE).revision == pending.id
    assert preview.read(ARTICLE).text == FILES[ARTICLE]
    assert preview.read(ARTICLE).revision is None


def test_preview_leaves_out_rejected_revisions(
    published: tuple[Site, Revision, Decision],
) -> None:
    site, first, _ = published
    site.write(CODE, "Rejected rewrite.\n")
    site.reject(site.revise(CODE, 3), 4)
    assert PreviewTree(site.config).read(CODE).revision == first.id


def test_localization_reads_only_ready_for_localization_revisions(
    published: tuple[Site, Revision, Decision],
) -> None:
    site, _, _ = published
    assert LocalizationTree(site.config).paths() == []
    site.write(CODE, "Ready for translators.\n")
    ready = site.revise(CODE, 3)
    site.approve(ready, 4, ready=True)
    site.write(CODE, "Approved, not yet ready.\n")
    site.approve(site.revise(CODE, 5), 6)
    tree = LocalizationTree(site.config)
    assert tree.paths() == [CODE]
    assert tree.read(CODE).revision == ready.id


def test_the_working_copy_is_published_only_when_review_is_off(site: Site) -> None:
    assert not isinstance(published_tree(site.config, site.at(0)), WorkingTree)
    site.write("site.toml", site.read("site.toml").replace("required = true", "required = false"))
    assert isinstance(published_tree(site.config, site.at(0)), WorkingTree)
