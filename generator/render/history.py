"""Revision information on the site: the block on each help page, a history page per document
and locale, and an Atom feed of approved changes per locale.

Everything shown comes from `review.published_history`: verified decisions only, and no text
of a revision that is not published. Texts reach templates as plain strings (escaped there).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from generator.content.document import Document
from generator.l10n.catalog_names import catalog_path
from generator.render.locale_site import LocaleSite
from generator.render.pages import Page
from generator.render.urls import PageKind, page_path, relative_url

if TYPE_CHECKING:
    from generator.review.published_history import FileHistory, HistoryEntry

# The review modules are imported where a history is shown: a site without review (whose
# histories are empty) never loads them.


@dataclass(frozen=True, slots=True)
class RevisionBlock:
    """What a help page says about the revision it shows."""

    entry: HistoryEntry
    approved_on: str
    """The approval date, formatted for the page's locale."""
    translation: bool
    basis: HistoryEntry | None
    """For a translation: the source revision it is based on."""
    source_changed_on: str
    """For a translation whose source changed since: when the source's new revision was
    approved (formatted); empty otherwise."""
    history_url: str


def _ident(document: Document) -> str:
    return document.id.split("/", 1)[1]


def shown_history(site: LocaleSite, document: Document) -> FileHistory | None:
    """The history of what this locale's page shows: its catalog, or the source in fallback."""
    histories = site.site.histories
    catalog = catalog_path(site.locale.tag, document.id)
    if site.head(document)[0] != site.locale.tag or catalog not in histories:
        return histories.get(document.path)
    return histories[catalog]


def revision_block(site: LocaleSite, document: Document, path: str) -> RevisionBlock | None:
    history = shown_history(site, document)
    current = history.current if history else None
    if history is None or current is None or current.reviewed is None:
        return None
    translation = history.path != document.path
    basis, changed = (None, False)
    changed_on = ""
    if translation:
        from generator.review.published_history import translation_basis

        basis, changed = translation_basis(site.site.histories, history.path, document.path)
        source = site.site.histories[document.path].current
        if changed and source is not None and source.reviewed is not None:
            changed_on = site.locale.date(source.reviewed.date())
    target = page_path(site.locale.tag, PageKind.HISTORY, _ident(document))
    return RevisionBlock(
        current,
        site.locale.date(current.reviewed.date()),
        translation,
        basis,
        changed_on,
        relative_url(path, target),
    )


def history_page(site: LocaleSite, document: Document, page_url: str) -> Page:
    """`<locale>/history/<id>.html`: every revision, newest first, and the diffs between
    consecutive published ones."""
    path = page_path(site.locale.tag, PageKind.HISTORY, _ident(document))
    localized = site.localized(document)
    title = localized.fields["title"].value
    context: dict[str, Any] = dict(
        site.base_context(path, PageKind.HISTORY, _ident(document), title)
    )
    histories = site.site.histories
    catalog = histories.get(catalog_path(site.locale.tag, document.id))
    context.update(
        doc=localized,
        page_url=relative_url(path, page_url),
        translation=_rows(site, catalog) if catalog else [],
        source=_rows(site, histories.get(document.path)),
        diffs=_diffs(histories.get(document.path)),
        source_locale_tag=site.config.source_locale,
    )
    return site.render("history.html", path, context, title=title, kind=PageKind.HISTORY)


def _rows(site: LocaleSite, history: FileHistory | None) -> list[dict[str, Any]]:
    if history is None:
        return []
    return [
        {
            "entry": entry,
            "created": site.locale.date(entry.created.date()),
            "reviewed": site.locale.date(entry.reviewed.date()) if entry.reviewed else "",
            "embargo": site.locale.date(entry.publish_after, "short")
            if entry.publish_after
            else "",
        }
        for entry in history.entries
    ]


def _short(site: LocaleSite, moment: datetime | None) -> str:
    return site.locale.date(moment, "short") if moment else ""


@functools.lru_cache(maxsize=64)
def _diffs(history: FileHistory | None) -> list[dict[str, str]]:
    """Unified diffs between consecutive published revisions, newest first (plain text):
    made once per document, not once per locale (the page of every locale shows them)."""
    if history is None:
        return []
    import difflib

    published = [e for e in history.entries if e.published and e.text is not None]
    diffs = []
    for newer, older in zip(published, published[1:], strict=False):
        assert newer.text is not None and older.text is not None
        lines = difflib.unified_diff(
            older.text.splitlines(keepends=True),
            newer.text.splitlines(keepends=True),
            fromfile=older.short,
            tofile=newer.short,
        )
        diffs.append({"from": older.short, "to": newer.short, "text": "".join(lines)})
    return diffs


ATOM = "http://www.w3.org/2005/Atom"


def changes_feed(site: LocaleSite, documents: list[Document]) -> Page:
    """`<locale>/changes.xml`: approved revisions of the sources and of this locale's catalogs."""
    from xml.sax.saxutils import escape, quoteattr

    base = site.config.base_url
    tag = site.locale.tag
    entries: list[tuple[datetime, str]] = []
    for document in documents:
        title = site.head(document)[1]["title"].value
        kind = PageKind.HOME if _ident(document) == site.config.home else _kind(document)
        url = base + page_path(tag, kind, "" if kind == PageKind.HOME else _ident(document))
        for path in (document.path, catalog_path(tag, document.id)):
            history = site.site.histories.get(path)
            for entry in history.entries if history else ():
                if not entry.published or entry.reviewed is None:
                    continue
                what = f"{title}: {entry.comment}" if entry.comment else title
                entries.append(
                    (
                        entry.reviewed,
                        f"  <entry><id>urn:certwarn:revision:{entry.revision}</id>"
                        f"<title>{escape(what)}</title>"
                        f"<updated>{entry.reviewed.isoformat()}</updated>"
                        f"<author><name>{escape(entry.author)}</name></author>"
                        f"<link href={quoteattr(url)}/>"
                        f"<summary>{escape(path)} ({entry.significance})</summary></entry>",
                    )
                )
    entries.sort(key=lambda item: (item[0], item[1]), reverse=True)
    updated = entries[0][0].isoformat() if entries else "1970-01-01T00:00:00+00:00"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM}" xml:lang="{tag}">',
        f"  <id>{escape(base + tag)}/changes.xml</id>",
        f"  <title>{escape(site.messages.gettext(site.config.title))}</title>",
        f"  <updated>{updated}</updated>",
        f'  <link rel="self" href={quoteattr(base + tag + "/changes.xml")}/>',
        *(text for _, text in entries),
        "</feed>",
    ]
    return Page(f"{tag}/changes.xml", ("\n".join(lines) + "\n").encode("utf-8"), locale=tag)


def _kind(document: Document) -> PageKind:
    return PageKind.CODE if document.id.startswith("codes/") else PageKind.ARTICLE
