"""Per-locale memos kept under build/.cache between builds, each made by one certwarn version.

A source edit, a theme edit or a new generator version renders pages again, but the catalogs
are the same texts: reading and checking them again would cost more than the pages. The
catalog memo (l10n.CatalogMemo) is keyed by the hash of each catalog's path and text. The
formats memo holds the locale's formatted dates and numbers (l10n.locale_data.formatted):
loading a locale's CLDR data to format the build date costs more than a page.
"""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.atomic import write_sealed
from generator.build.cache import generator_fingerprint
from generator.build.record_files import read_pickled

if TYPE_CHECKING:
    from generator.l10n.catalog_loading import SortedCatalog


def load_memo(path: Path, edition: str = "") -> dict[str, Any]:
    """The memo saved at `path`; empty when missing, damaged or from another certwarn (or
    another `edition` of what it depends on, such as babel's version)."""
    found = read_pickled(path)
    if not isinstance(found, tuple) or len(found) != 2:
        return {}
    fingerprint, memo = found
    if fingerprint != generator_fingerprint() + edition or not isinstance(memo, dict):
        return {}
    return memo


def save_memo(path: Path, memo: Mapping[str, Any], edition: str = "") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = (generator_fingerprint() + edition, dict(memo))
    write_sealed(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


@contextlib.contextmanager
def remembered_formats(cache: Path, tag: str) -> Iterator[None]:
    """Within: `tag`'s dates and numbers formatted by earlier builds are known (a page that
    shows them loads no CLDR data); after: what was formatted anew is kept for the next."""
    import babel

    from generator.l10n.locale_data import formatted

    path, cldr = cache / "formats" / f"{tag}.pickle", f"babel {babel.__version__}"
    saved = load_memo(path, cldr)
    formats = formatted(tag)
    formats.update(saved)
    yield
    if formats.keys() != saved.keys():  # (this process may have formatted them before)
        save_memo(path, formats, cldr)


class ReadThrough(MutableMapping[str, "SortedCatalog"]):
    """Answers from `memo`, and records in `used` every entry read or added (what to save)."""

    def __init__(self, memo: dict[str, SortedCatalog], used: dict[str, SortedCatalog]):
        self.memo = memo
        self.used = used

    def __getitem__(self, key: str) -> SortedCatalog:
        if key not in self.used:
            self.used[key] = self.memo[key]
        return self.used[key]

    def __contains__(self, key: object) -> bool:
        return key in self.used or key in self.memo

    def __setitem__(self, key: str, value: SortedCatalog) -> None:
        self.used[key] = value

    def __delitem__(self, key: str) -> None:
        del self.used[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.used)

    def __len__(self) -> int:
        return len(self.used)
