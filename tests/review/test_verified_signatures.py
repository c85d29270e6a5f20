"""A signature is verified once, and a store object is checked once while its file is not
written: a build keeps what passed, never what failed."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from review_story import CODE, LOG, Site

from generator.atomic import write_sealed
from generator.review import signing, verified
from generator.review.canonical import short
from generator.review.store import Store


@pytest.fixture
def verifications(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bytes]]:
    """Each signature that was verified (not found among those verified before), as the hash
    of its key, signature and signed bytes, in a process that starts knowing none (as a new
    `certwarn build` does)."""
    done: list[bytes] = []
    add = verified.add

    def counted(triple: bytes) -> None:
        done.append(triple)
        add(triple)

    monkeypatch.setattr(signing.verified, "add", counted)
    verified.forget()
    yield done
    verified.forget()


@pytest.fixture
def first_build(approved_site: Site, verifications: list[bytes]) -> int:
    """The approved site built once in this process: how many facts that build checked."""
    assert approved_site.cli("build").code == 0
    return len(verifications)


def kept(site: Site) -> bytes:
    return (site.root / "build/.cache" / verified.NAME).read_bytes()


def test_a_second_build_verifies_no_signature_again(
    approved_site: Site, verifications: list[bytes], first_build: int
) -> None:
    assert first_build >= 2  # the author's signature of the revision, alice's of the approval
    verified.forget()  # the next build is a new process: it reads what this one kept
    assert approved_site.cli("build").code == 0
    assert len(verifications) == first_build


def test_one_build_verifies_each_signature_once(
    approved_site: Site, verifications: list[bytes]
) -> None:
    site = approved_site
    assert site.cli("build").code == 0  # the gate, dashboard columns and histories all check
    assert len(verifications) >= 2
    assert len(verifications) == len(set(verifications))


def test_a_forged_record_stops_the_build_although_its_original_was_verified(
    approved_site: Site, verifications: list[bytes]
) -> None:
    site = approved_site
    site.write(CODE, site.read(CODE) + "\nA paragraph under embargo.\n")
    embargoed = site.approve(site.revise(CODE, 3), 4, publish_after=site.at(60_000))
    assert site.cli("build").code == 0
    forged = site.rewrite(embargoed, publish_after=None)  # lift the embargo without a key
    (site.root / "build/.cache/review-seen").unlink()  # (else the rollback check stops first)
    verified.forget()
    run = site.cli("build")
    assert run.code != 0
    line = site.line_of(forged)
    assert f"{LOG}:{line}: approval {short(forged.id)} of {CODE} by alice: signature does " in (
        run.err
    )


def test_a_damaged_record_of_verified_signatures_means_verifying_them_again(
    approved_site: Site, verifications: list[bytes], first_build: int
) -> None:
    site = approved_site
    path = site.root / "build/.cache" / verified.NAME
    path.write_bytes(kept(site)[:-7] + b"garbage")
    verified.forget()
    assert site.cli("build").code == 0
    assert len(verifications) == 2 * first_build
    assert len(kept(site)) == 32 + 32 * first_build  # its seal, one hash per fact again


def test_a_build_that_renders_nothing_reads_no_store_object(
    approved_site: Site, first_build: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = approved_site
    verified.forget()
    reads: list[str] = []
    read = Store.read
    monkeypatch.setattr(
        Store, "read", lambda self, ledger, rev: reads.append(rev.path) or read(self, ledger, rev)
    )
    assert site.cli("build").code == 0
    assert reads == []


def test_an_object_altered_after_a_build_stops_the_next_even_with_its_times_put_back(
    approved_site: Site, first_build: int
) -> None:
    site = approved_site
    verified.forget()
    revision = site.ledger().revisions[site.gate().read(CODE).revision or ""]
    stored = site.root / "content/_review/objects" / revision.content[:2] / revision.content
    before = stored.stat()
    data = stored.read_bytes()
    stored.write_bytes(data.replace(b"e", b"a", 1))  # the same size
    os.utime(stored, ns=(before.st_atime_ns, before.st_mtime_ns))
    run = site.cli("build")
    assert run.code != 0
    assert f"{revision.describe()}: object" in run.err and "does not match its hash" in run.err


def test_what_a_build_keeps_is_what_it_checked_or_used(
    approved_site: Site, verifications: list[bytes], first_build: int
) -> None:
    """Facts of records or objects the store no longer has do not pile up."""
    site = approved_site
    stale = b"\x01" * 32
    write_sealed(site.root / "build/.cache" / verified.NAME, kept(site)[32:] + stale)
    verified.forget()
    before = len(verifications)
    site.write(CODE, site.read(CODE) + "\nOne more paragraph.\n")
    site.approve(site.revise(CODE, 3), 4)
    assert site.cli("build").code == 0
    facts = kept(site)[32:]
    assert stale not in {facts[i : i + 32] for i in range(0, len(facts), 32)}
    assert set(verifications[before:]) <= {facts[i : i + 32] for i in range(0, len(facts), 32)}
