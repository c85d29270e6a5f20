"""Catalog revisions: nothing invalid enters the store or the site, reference-only edits are
not new revisions, and `review show` lists the messages that changed."""

from __future__ import annotations

from review_story import ARTICLE, CATALOG, CATALOG_HEADER, CODE, FILES, SITE_TOML, Site

from generator.review.canonical import short

REFERENCED = CATALOG_HEADER + (
    "#: content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md:9\n"
    'msgid "The certificate has expired."\nmsgstr "Das Zertifikat ist abgelaufen."\n'
)
BROKEN_PLURALS = FILES[CATALOG].replace("plural=(n != 1);", "plural=(n / 0);")


def revisions_of(site: Site, path: str) -> list[str]:
    return [rev.id for rev in site.ledger().revisions.values() if rev.path == path]


def test_revise_refuses_a_catalog_that_fails_its_checks_and_records_nothing(site: Site) -> None:
    site.write(CATALOG, BROKEN_PLURALS)
    run = site.cli(
        "revise", CATALOG, "--comment", "Translate", "--creator", "Lena", "--key", "lena"
    )
    assert (run.code, run.err) == (
        1,
        f"{CATALOG}:11: Plural-Forms: plural=(n / 0) fails for n=0: integer division or "
        "modulo by zero\n",
    )
    assert revisions_of(site, CATALOG) == []


def test_revise_refuses_a_message_that_would_fall_back(site: Site) -> None:
    site.write(CATALOG, FILES[CATALOG].replace("abgelaufen.", "<b>abgelaufen</b>."))
    run = site.cli(
        "revise", CATALOG, "--comment", "Translate", "--creator", "Lena", "--key", "lena"
    )
    line = FILES[CATALOG].splitlines().index('msgid "The certificate has expired."') + 1
    assert run.err == f"{CATALOG}:{line}: raw HTML is not allowed in translations\n"
    assert revisions_of(site, CATALOG) == []


def test_revise_refuses_a_document_that_fails_its_checks(site: Site) -> None:
    site.write(CODE, FILES[CODE].replace("category: certificate\n", ""))
    run = site.cli("revise", CODE, "--comment", "Edit", "--creator", "Joni", "--key", "joni")
    assert run.err == f"{CODE}:2: missing required key 'category'\n"
    assert revisions_of(site, CODE) == []


def test_reference_only_changes_create_no_revision_and_a_translation_does(site: Site) -> None:
    first = site.revise(CATALOG, 1)
    site.write(CATALOG, REFERENCED)
    run = site.cli("revise", CATALOG, "--comment", "Update", "--creator", "Lena", "--key", "lena")
    assert run.out == f"unchanged            {CATALOG}  (same as its newest revision)\n"
    assert revisions_of(site, CATALOG) == [first.id]
    assert f"{CATALOG}  changed" not in site.cli("status").out, "nothing waits to be submitted"
    site.write(CATALOG, REFERENCED.replace("abgelaufen", "nicht mehr gültig"))
    run = site.cli("revise", CATALOG, "--comment", "Better", "--creator", "Lena", "--key", "lena")
    assert run.out.startswith("revision ") and len(revisions_of(site, CATALOG)) == 2
    fuzzy = REFERENCED.replace("abgelaufen", "nicht mehr gültig").replace("#: ", "#, fuzzy\n#: ")
    site.write(CATALOG, fuzzy)
    run = site.cli("revise", CATALOG, "--comment", "Unsure", "--creator", "Lena", "--key", "lena")
    assert run.out.startswith("revision ") and len(revisions_of(site, CATALOG)) == 3, "a flag"


def test_approve_and_the_build_refuse_a_stored_catalog_that_does_not_parse(site: Site) -> None:
    for minute, path in enumerate((CODE, ARTICLE)):
        site.approve(site.revise(path, minute), minute)
    site.write("site.toml", f'home = "time-errors"\n{SITE_TOML.format(allow_self="true")}')
    assert site.cli("build").code == 0
    published = (site.root / "build/html/de/codes/SEC_ERROR_EXPIRED_CERTIFICATE.html").read_bytes()
    site.write(CATALOG, BROKEN_PLURALS)
    broken = site.revise(CATALOG, 3)  # the API, as a modified client could, skips revise's checks
    run = site.cli("review", "approve", broken.id, "--key", "alice")
    message = "Plural-Forms: plural=(n / 0) fails for n=0: integer division or modulo by zero"
    assert (run.code, run.err) == (1, f"{CATALOG}:11: {message}\n")
    site.sign_unchecked(broken, 4, "alice", "alice")
    run = site.cli("build")
    assert (run.code, run.err) == (1, f"{CATALOG}:11: {message}\n")
    after = (site.root / "build/html/de/codes/SEC_ERROR_EXPIRED_CERTIFICATE.html").read_bytes()
    assert after == published, "the previous site is left as it was"


def test_review_show_lists_each_changed_message_with_before_after_flags_and_checks(
    site: Site,
) -> None:
    site.approve(site.revise(CATALOG, 1), 2)
    site.write(
        CATALOG,
        FILES[CATALOG].replace("Das Zertifikat ist abgelaufen.", "Das <i>Zertifikat</i> ist alt.")
        + '\n#, fuzzy\nmsgid "Renew it."\nmsgstr "Erneuern Sie es."\n',
    )
    revision = site.revise(CATALOG, 3)
    out = site.cli("review", "show", short(revision.id)).out
    expired = FILES[CATALOG].splitlines().index('msgid "The certificate has expired."') + 1
    renew = expired + 4
    assert (
        "2 message(s) changed:\n\n"
        f"{CATALOG}:{expired}  (changed)\n"
        "  source:    The certificate has expired.\n"
        "  before:    Das Zertifikat ist abgelaufen.\n"
        "  after:     Das <i>Zertifikat</i> ist alt.\n"
        "  checks:    raw HTML is not allowed in translations\n\n"
        f"{CATALOG}:{renew}  (new)\n"
        "  source:    Renew it.\n"
        "  before:    (untranslated)\n"
        "  after:     Erneuern Sie es.\n"
        "  flags:     (none) -> fuzzy\n"
        "  checks:    pass\n"
    ) in out
