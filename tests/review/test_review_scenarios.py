"""Scenario specs are content: reviewed like the rest before `verify --record` trusts them.

`certwarn verify --record` turns what a scenario produces into the evidence the site
publishes, so with review required it runs only specs whose working copy is their approved
revision; plain `certwarn verify` runs the working copy, to try a spec before submitting it.
"""

from __future__ import annotations

import importlib.util

import pytest
from review_story import Site

from generator.review.canonical import short

SCENARIO = "content/scenarios/expired-certificate.toml"
SPEC = """\
description = "A trusted chain whose leaf certificate expired 30 days ago."
host = "expired.certwarn.test"
chain = ["leaf"]
trusted = ["root"]

[[certificate]]
name = "root"
subject = "CN=certwarn Test Root,O=certwarn"

[[certificate]]
name = "leaf"
subject = "CN=expired.certwarn.test"
issuer = "root"
san = ["DNS:expired.certwarn.test"]
not_before_days = -120
not_after_days = -30

[expect]
firefox = "SEC_ERROR_EXPIRED_CERTIFICATE"
chromium = "NET::ERR_CERT_DATE_INVALID"
"""
RECORD = ("verify", "--all", "--record", "--oracle", "openssl", "--quiet")
HOW = (
    "`verify --record` runs only reviewed scenarios: "
    f"submit it with `certwarn revise {SCENARIO}` and have it approved"
)
needs_verify_extra = pytest.mark.skipif(
    importlib.util.find_spec("OpenSSL") is None, reason="needs the verify extra"
)


@pytest.fixture
def with_spec(site: Site) -> Site:
    """The review site with one scenario spec, and its article as the home page `verify`
    loads the content with."""
    site.write(
        "site.toml", site.read("site.toml").replace("[review]", 'home = "time-errors"\n\n[review]')
    )
    site.write(SCENARIO, SPEC)
    return site


def test_a_scenario_spec_waits_for_review_like_any_document(with_spec: Site) -> None:
    status = with_spec.cli("status")
    assert f"\n  {SCENARIO}\n" in status.out
    revision = with_spec.revise(SCENARIO, 1)
    assert revision.path == SCENARIO
    assert with_spec.ledger().revisions[revision.id].content == revision.content


def test_revise_refuses_a_spec_verify_would_refuse_at_its_line(with_spec: Site) -> None:
    with_spec.write(SCENARIO, SPEC.replace('chain = ["leaf"]', 'chain = ["leaf", "nobody"]'))
    run = with_spec.cli("revise", SCENARIO, "--comment", "c", "--creator", "Joni", "--key", "joni")
    assert (run.code, run.err) == (
        1,
        f"{SCENARIO}:3: chain: no certificate named 'nobody'; expected one of root, leaf\n",
    )
    assert with_spec.ledger().revisions == {}


@needs_verify_extra
def test_record_refuses_a_spec_never_submitted(with_spec: Site) -> None:
    run = with_spec.cli(*RECORD)
    assert (run.code, run.out, run.err) == (
        1,
        "",
        f"{SCENARIO}:1: the working copy has no approved revision; {HOW}\n",
    )
    assert not (with_spec.root / "content/_verify").exists()


@needs_verify_extra
def test_record_refuses_a_spec_edited_since_its_approval(with_spec: Site) -> None:
    revision = with_spec.revise(SCENARIO, 1)
    with_spec.approve(revision, 2)
    with_spec.write(SCENARIO, SPEC.replace("-30", "-31"))
    run = with_spec.cli(*RECORD)
    assert (run.code, run.err) == (
        1,
        f"{SCENARIO}:1: the working copy differs from its approved revision "
        f"{short(revision.id)}; {HOW}\n",
    )
    assert not (with_spec.root / "content/_verify").exists()


@needs_verify_extra
def test_record_refuses_a_spec_only_submitted(with_spec: Site) -> None:
    with_spec.revise(SCENARIO, 1)
    run = with_spec.cli(*RECORD)
    assert (run.code, run.err) == (
        1,
        f"{SCENARIO}:1: the working copy has no approved revision; {HOW}\n",
    )


@needs_verify_extra
def test_record_runs_an_approved_spec(with_spec: Site) -> None:
    revision = with_spec.revise(SCENARIO, 1)
    with_spec.approve(revision, 2)
    run = with_spec.cli(*RECORD)
    assert (run.code, run.err) == (0, ""), run.out
    assert (with_spec.root / "content/_verify/expired-certificate.json").is_file()


@needs_verify_extra
def test_plain_verify_runs_the_working_copy_unreviewed(with_spec: Site) -> None:
    run = with_spec.cli("verify", "--all", "--oracle", "openssl", "--quiet")
    assert (run.code, run.err) == (0, ""), run.out
    assert "SEC_ERROR_EXPIRED_CERTIFICATE [expired-certificate] (no page) OpenSSL " in run.out
    assert ": X509_V_ERR_CERT_HAS_EXPIRED (recorded)\n" in run.out
    assert not (with_spec.root / "content/_verify").exists()
