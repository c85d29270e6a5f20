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
    site: LocaleSite, catalogs: LocaleCatalogs, sources: Mapping[str, str]
) -> dict[str, str]:
    """Per document, a hash of what its pages show: `#head` and the body (see above);
    `sources` maps each source path to the hash of its text."""
    digests = {
        "theme": digest_of(
            repr(sorted(catalogs.theme.singular.items())),
            repr(sorted(catalogs.theme.plural.items())),
        )
    }
    for document, meta in _documents(site.site.content):
        lang, head = site.head(document)
        shown = sorted((key, text.value, text.lang) for key, text in head.items())
        digests[f"{document.id}#head"] = digest_of(repr(meta), repr(shown))
        used = sorted(catalogs.for_document(document.id).items())
        source = sources.get(document.path, "")
        digests[document.id] = digest_of(source, str(document.revision), repr(used), lang)
    return digests


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
