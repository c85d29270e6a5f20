"""`revise` checks a draft as the build would, and records nothing when a problem is fatal."""

from __future__ import annotations

from review_story import ARTICLE, CATALOG, CATALOG_HEADER, CODE, FILES, Site

REVISE = ("--comment", "Edit", "--creator", "Joni", "--key", "joni")


def store_log(site: Site) -> bytes:
    log = site.root / "content/_review/log.jsonl"
    return log.read_bytes() if log.exists() else b""


def test_front_matter_that_does_not_parse_is_refused_at_its_line(site: Site) -> None:
    site.write(CODE, FILES[CODE].replace("title: The certificate has expired", "title: [oops"))
    run = site.cli("revise", CODE, *REVISE)
    assert run.code == 1
    assert run.err.startswith(f"{CODE}:4: ")
    assert store_log(site) == b""


def test_a_missing_required_key_is_refused(site: Site) -> None:
    site.write(ARTICLE, "---\ntitle: Time-related errors\n---\n\nCheck the clock.\n")
    run = site.cli("revise", ARTICLE, *REVISE)
    assert (run.code, run.err) == (1, f"{ARTICLE}:2: missing required key 'summary'\n")
    assert store_log(site) == b""


def test_a_link_to_an_unknown_code_is_refused(site: Site) -> None:
    site.write(ARTICLE, FILES[ARTICLE] + "\nSee [this](code:SEC_ERROR_NO_SUCH_THING).\n")
    run = site.cli("revise", ARTICLE, *REVISE)
    assert run.code == 1
    assert run.err.startswith(f"{ARTICLE}:8: ")
    assert "SEC_ERROR_NO_SUCH_THING" in run.err
    assert store_log(site) == b""


def test_every_problem_of_every_file_is_reported_together(site: Site) -> None:
    site.write(ARTICLE, "---\ntitle: Time-related errors\n---\n\nCheck the clock.\n")
    site.write(CATALOG, 'msgid "x"\nmsgstr "unterminated\n')
    run = site.cli("revise", ARTICLE, CATALOG, *REVISE)
    lines = run.err.splitlines()
    assert [line.split(": ")[0] for line in lines] == [f"{ARTICLE}:2", f"{CATALOG}:2"]
    assert store_log(site) == b""


def test_a_catalog_message_that_fails_a_check_is_refused(site: Site) -> None:
    # the build would show the source text instead: `catalog check` and `revise` refuse it
    site.write(
        CATALOG, CATALOG_HEADER + 'msgid "Run `certutil`."\nmsgstr "Führen Sie certutil aus."\n'
    )
    run = site.cli("revise", CATALOG, "--comment", "Translate", "--key", "lena")
    assert run.code == 1
    assert run.err.startswith(f"{CATALOG}:")
    assert store_log(site) == b""
