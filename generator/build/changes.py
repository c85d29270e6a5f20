"""What changed in a locale since the last build: hashes of what each document's pages show.

Each document has two hashes. `<id>#head` covers what other pages show of it too: its front
matter (title, summary, category, related codes…) as parsed and as translated. `<id>` covers
its body: the source text and revision, and the translations its pages use. A changed body
renders again only the pages showing that document; a changed head also the pages that list
it (the home page's table of codes, the code pages naming it as related). An article's head
renders the locale whole: every page's navigation lists the articles.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import fields
from typing import TYPE_CHECKING

from generator.build.cache import LocaleRecord, digest_of
from generator.render.changed import Changed

if TYPE_CHECKING:
    from generator.content.document import Document
    from generator.content.load import Content
    from generator.l10n.catalogs import LocaleCatalogs
    from generator.render.locale_site import LocaleSite


def shown_digests(
    site: LocaleSite,
    catalogs: LocaleCatalogs,
    sources: Mapping[str, str],
    previous: LocaleRecord | None,
    frame: str,
) -> tuple[dict[str, str], dict[str, str]]:
    """Per document, a hash of what its pages show: `#head` and the body (see above); and
    per document a hash of what those are made from (its source, its catalog and the Firefox
    page the catalog is checked against). `sources` maps each file's path to the hash of its
    text. A document whose inputs are those of `previous`, made with the same `frame`, keeps
    its hashes without being localized again."""
    from generator.l10n.catalog_names import catalog_path
    from generator.l10n.page_labels import page_for_catalog

    tag, pages = site.locale.tag, site.site.shown_pages or {}
    digests = {
        "theme": digest_of(
            repr(sorted(catalogs.theme.singular.items())),
            repr(sorted(catalogs.theme.plural.items())),
        )
    }
    inputs: dict[str, str] = {}
    before = previous if previous is not None and previous.common == frame else None
    for document, meta in _documents(site.site.content):
        ident = document.id
        page = page_for_catalog(pages, tag, ident)
        made_from = inputs[ident] = digest_of(
            sources.get(document.path, ""),
            str(document.revision),
            sources.get(catalog_path(tag, ident), ""),
            repr(page),
        )
        if before is not None and before.document_inputs.get(ident) == made_from:
            head, body = before.shown_digests.get(f"{ident}#head"), before.shown_digests.get(ident)
            if head is not None and body is not None:
                digests[f"{ident}#head"], digests[ident] = head, body
                continue
        lang, fields_shown = site.head(document)
        shown = sorted((key, text.value, text.lang) for key, text in fields_shown.items())
        digests[f"{ident}#head"] = digest_of(repr(meta), repr(shown))
        used = sorted(catalogs.for_document(ident).items())
        source = sources.get(document.path, "")
        digests[ident] = digest_of(source, str(document.revision), repr(used), lang)
    return digests, inputs


def _documents(content: Content) -> Iterator[tuple[Document, tuple[object, ...]]]:
    """Each document with the parsed front matter of the source that holds it."""
    from generator.content.load import parsed_sources

    for source in parsed_sources(content).values():
        meta = tuple(getattr(source, f.name) for f in fields(source) if f.name != "document")
        yield source.document, meta


def changed_documents(
    previous: LocaleRecord | None, digests: dict[str, str], frame: str
) -> Changed | None:
    """What changed since `previous`; None when every page must render (`frame`, the hash
    of the inputs besides sources and catalogs, changed, a document came or went, the
    theme's translations or an article's head changed)."""
    if previous is None or previous.common != frame:
        return None
    before = previous.shown_digests
    if before.keys() != digests.keys() or before["theme"] != digests["theme"]:
        return None
    heads = frozenset(
        key.removesuffix("#head")
        for key in digests
        if key.endswith("#head") and before[key] != digests[key]
    )
    if any(head.startswith("articles/") for head in heads):
        return None
    bodies = frozenset(
        key
        for key in digests
        if key != "theme" and not key.endswith("#head") and before[key] != digests[key]
    )
    return Changed(bodies, heads)
