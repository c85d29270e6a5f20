"""Reviewer keys and the reviewers file, the trust root."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from review_story import REVIEWERS, Site

from generator.errors import CertwarnError, ReviewError
from generator.review.keys import load_key, parse_public_key
from generator.review.reviewers_file import load_roster


def test_keygen_writes_the_private_key_with_mode_0600(site: Site, tmp_path: Path) -> None:
    run = site.cli("review", "keygen", "carol")
    key_file = tmp_path / "config" / "keys" / "carol.pem"
    assert run.code == 0
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    assert f"Public key: {load_key('carol').public}" in run.out.splitlines()


def test_keygen_never_replaces_an_existing_key(site: Site, tmp_path: Path) -> None:
    before = (tmp_path / "config" / "keys" / "alice.pem").read_bytes()
    run = site.cli("review", "keygen", "alice")
    assert run.code == 1
    assert run.err.endswith("alice.pem: a key named 'alice' exists already; not replacing it\n")
    assert (tmp_path / "config" / "keys" / "alice.pem").read_bytes() == before


def test_the_public_key_has_one_text_form(site: Site) -> None:
    key = site.keys["alice"]
    assert key.public.startswith("ed25519:")
    assert parse_public_key(key.public) == key.private.public_key()
    with pytest.raises(ValueError):
        parse_public_key("ed25519:not-base64")


def test_a_bad_reviewers_entry_is_reported_at_its_line(site: Site) -> None:
    site.write(REVIEWERS, site.read(REVIEWERS) + '\n[reviewers.eve]\nkey = "rsa:AAAA"\n')
    line = site.read(REVIEWERS).splitlines().index("[reviewers.eve]") + 1
    with pytest.raises(CertwarnError) as caught:  # every problem of the file, together
        load_roster(site.root / REVIEWERS, REVIEWERS)
    assert str(caught.value) == (
        f"{REVIEWERS}:{line}: reviewer 'eve': key: expected a key starting with 'ed25519:', "
        "got 'rsa:AAAA'"
    )


def test_a_reviewer_limited_to_some_locales_matches_either_spelling(site: Site) -> None:
    site.write(REVIEWERS, site.read(REVIEWERS).replace('locales = ["de"]', 'locales = ["pt_BR"]'))
    bob = load_roster(site.root / REVIEWERS, REVIEWERS).reviewers["bob"]
    assert bob.may_review("pt-BR")
    assert not bob.may_review("de")


def test_several_keys_need_an_explicit_choice(site: Site) -> None:
    with pytest.raises(ReviewError) as caught:
        load_key(None)
    assert str(caught.value) == (
        "several review keys (alice, bob, joni, lena, mallory, root); choose one with --key NAME"
    )


def test_keygen_add_lists_the_new_reviewer_for_their_locales(site: Site) -> None:
    run = site.cli("review", "keygen", "yuki", "--locale", "ja", "--add")
    assert run.code == 0
    yuki = load_roster(site.root / REVIEWERS, REVIEWERS).reviewers["yuki"]
    assert (yuki.key, yuki.locales, yuki.ready_for_localization) == (
        load_key("yuki").public,
        ("ja",),
        False,
    )


def test_keygen_add_refuses_a_listed_name_before_making_a_key(site: Site, tmp_path: Path) -> None:
    site.cli("review", "keygen", "yuki", "--add")
    (tmp_path / "config" / "keys" / "yuki.pem").unlink()
    before = site.read(REVIEWERS)
    run = site.cli("review", "keygen", "yuki", "--add")
    assert run.err == f"{REVIEWERS}: 'yuki' is listed already\n"
    assert not (tmp_path / "config" / "keys" / "yuki.pem").exists()
    assert site.read(REVIEWERS) == before
