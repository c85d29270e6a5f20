"""Fixtures for review tests: a small site with `[review] required = true`, three keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from review_story import CODE, FILES, REVIEWERS, SITE_TOML, Site, reviewers_toml
from site_files import SITE_FILES

from generator.review.keys import generate_key
from generator.review.model import Decision, Revision


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """A project with a code page, an article and two German catalogs, none submitted.

    Reviewers: alice (every locale, may mark ready for localization) and bob (de only),
    signed into the trust root by its one administrator, root. mallory has a key that the
    reviewers file does not list; Joni, the author, has a key made on first use.
    """
    monkeypatch.setenv("CERTWARN_CONFIG_HOME", str(tmp_path / "config"))
    for name in ("CERTWARN_KEY", "CERTWARN_USER"):
        monkeypatch.delenv(name, raising=False)
    site = Site(tmp_path / "site", {})
    site.write("site.toml", SITE_TOML.format(allow_self="false"))
    for path, text in FILES.items():
        site.write(path, text)
    site.keys = {
        name: generate_key(name) for name in ("root", "alice", "bob", "mallory", "joni", "lena")
    }
    site.write(REVIEWERS, reviewers_toml(site.keys))
    site.sign_reviewers(0)
    yield site


@pytest.fixture
def published(site: Site) -> tuple[Site, Revision, Decision]:
    """The site with the code page submitted by Joni and approved by alice."""
    revision = site.revise(CODE, 1)
    return site, revision, site.approve(revision, 2)


@pytest.fixture
def approved_site(site: Site) -> Site:
    """The review story's site with the small test site's content, every document approved
    (so that it builds)."""
    for path, text in SITE_FILES.items():
        if path != "site.toml":
            site.write(path, text)
    for path in sorted(p for p in SITE_FILES if p.startswith("content/")):
        site.approve(site.revise(path, 0), 0, ready=True)
    return site
