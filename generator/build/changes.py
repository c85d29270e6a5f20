"""What changed in a locale since the last build: hashes of what each document's pages show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.build.cache import LocaleRecord, digest_of

if TYPE_CHECKING:
    from generator.l10n.catalogs import LocaleCatalogs
    from generator.render.locale_site import LocaleSite


def shown_digests(site: LocaleSite, catalogs: LocaleCatalogs) -> dict[str, str]:
    """Per document, a hash of what its pages show: `#head` (title, summary) and the body."""
    digests = {
        "theme": digest_of(
            repr(sorted(catalogs.theme.singular.items())),
            repr(sorted(catalogs.theme.plural.items())),
        )
    }
    for document in site.site.content.documents():
        localized = site.localized(document)
        fields = sorted((key, text.value, text.lang) for key, text in localized.fields.items())
        digests[f"{document.id}#head"] = digest_of(repr(fields))
        used = sorted(catalogs.for_document(document.id).items())
        digests[document.id] = digest_of(repr(used), localized.lang)
    return digests


def changed_documents(
    previous: LocaleRecord | None, digests: dict[str, str], common: str
) -> frozenset[str] | None:
    """Documents whose body alone changed since `previous`; None when every page must render."""
    if previous is None or previous.common != common:
        return None
    before = previous.shown_digests
    if before.keys() != digests.keys():
        return None
    shared = [key for key in digests if key == "theme" or key.endswith("#head")]
    if any(before[key] != digests[key] for key in shared):
        return None
    return frozenset(key for key in digests if key not in shared and before[key] != digests[key])
