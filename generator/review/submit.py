"""Submitting files for review: snapshot the working copy as new revisions."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from generator.config import SiteConfig
from generator.errors import ReviewError
from generator.review.canonical import record_id, sha256_hex
from generator.review.history import State
from generator.review.keys import KeyPair
from generator.review.model import Revision, Significance
from generator.review.paths import is_catalog, source_of
from generator.review.records import revision_fields, revision_payload
from generator.review.signing import REVISION, sign
from generator.review.state import StoreState, open_store
from generator.safe_paths import read_regular


@dataclass(frozen=True, slots=True)
class Submission:
    """What `revise` recorded, and which files it left alone because nothing changed."""

    revisions: tuple[Revision, ...]
    unchanged: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Authoring:
    """The metadata every revision of one `revise` call shares."""

    key: KeyPair
    """The author's key: it signs each revision, and proves who the author is."""
    creator: str
    """The author's name as people read it (not relied on: the key is)."""
    comment: str
    significance: Significance
    created: datetime
    based_on: tuple[str, ...] = ()
    """Revision ids (or unique prefixes) a catalog translates; default: what extraction read."""


def submit(config: SiteConfig, paths: Sequence[str], meta: Authoring) -> Submission:
    """Record a revision of each changed file in one atomic write; all or nothing."""
    state = open_store(config, strict=False)  # submitting is not trusting anyone
    revisions: list[Revision] = []
    blobs: list[bytes] = []
    unchanged: list[str] = []
    head = state.ledger.head
    for path in dict.fromkeys(paths):
        data = _working_bytes(state, path)
        if _unchanged(state, path, data, meta.created):
            unchanged.append(path)
            continue
        revisions.append(new_revision(path, data, meta, _based_on(state, path, meta), head))
        head = revisions[-1].id
        blobs.extend([data] if data is not None else [])
    if revisions:
        state.store.write(revisions, blobs)
    return Submission(tuple(revisions), tuple(unchanged))


def new_revision(
    path: str, data: bytes | None, meta: Authoring, based_on: Sequence[str], previous: str
) -> Revision:
    """A revision signed by the author's key, linked to the record `previous`."""
    draft = Revision(
        id="",
        path=path,
        content=None if data is None else sha256_hex(data),
        creator=meta.creator,
        created=meta.created,
        comment=meta.comment,
        significance=meta.significance,
        based_on=tuple(based_on),
        previous=previous,
        author_key=meta.key.public,
    )
    signed = dataclasses.replace(
        draft, author_signature=sign(meta.key.private, revision_payload(draft), REVISION)
    )
    return dataclasses.replace(signed, id=record_id(revision_fields(signed)))


def _working_bytes(state: StoreState, path: str) -> bytes | None:
    """The file's bytes, or None when it was deleted (a revision that removes it)."""
    file = state.config.root / path
    if not file.exists() and not file.is_symlink():
        if not state.history.revisions(path):
            raise ReviewError("no such file, and no revision of it to remove", path)
        return None
    data = read_regular(state.config.root, path, error=ReviewError)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ReviewError(f"expected UTF-8 text: {e}", path) from e
    return data


def _unchanged(state: StoreState, path: str, data: bytes | None, now: datetime) -> bool:
    newest = state.history.newest(path)
    if newest is None or state.history.state(newest, now) is State.REJECTED:
        return False
    return newest.content == (None if data is None else sha256_hex(data))


def _based_on(state: StoreState, path: str, meta: Authoring) -> tuple[str, ...]:
    if not is_catalog(path):
        if meta.based_on:
            raise ReviewError("--based-on applies to catalogs only", path)
        return ()
    source = source_of(path)
    if meta.based_on:
        chosen = [state.ledger.resolve(prefix) for prefix in meta.based_on]
        if wrong := [rev for rev in chosen if rev.path != source]:
            message = f"--based-on: expected revisions of {source}, got {wrong[0].path}"
            raise ReviewError(message, path)
        return tuple(rev.id for rev in chosen)
    revision = None if source is None else state.select(source, lambda d: d.localizable)
    return () if revision is None else (revision.id,)
