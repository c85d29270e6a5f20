"""The Sphinx extension, through a real `sphinx-build`: reviewed pages embedded in de and ja.

The certwarn site has every document approved, German translated throughout, Japanese only
for one code (so the article falls back to English with the theme's notice), a screenshot in
German and English, and a pending revision whose text must never reach a Sphinx page.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from evidence_fixtures import firefox_result, png
from l10n_helpers import add_locales, translate
from site_files import SITE_FILES, write_files

from generator.cli import main
from generator.config import load_config
from generator.review.decide import Verdicts, decide
from generator.review.keys import KeyPair, load_key
from generator.review.model import Significance, Verdict
from generator.review.submit import Authoring, submit
from generator.verify.observed import FirefoxPage
from generator.verify.record_write import write_records

SITE = """\
title = "Test warnings"
source_locale = "en-US"
locales = ["en-US", "de", "ja"]
base_url = "https://help.example.test/warnings/"
home = "overview"

[review]
required = true
"""

CONF = """\
extensions = ["myst_parser", "generator.sphinx"]
project = "Embedding test"
certwarn_root = "../site"
"""

INDEX_RST = """\
Browser warnings
================

.. certwarn:: code:SEC_ERROR_UNKNOWN_ISSUER

.. toctree::

   bypass
"""

BYPASS_MD = """\
# Bypassing

```{certwarn} article:bypassing-the-warning
```
"""

UNKNOWN_ISSUER = "content/codes/SEC_ERROR_UNKNOWN_ISSUER.md"


def approve(root: Path, pattern: str, key: KeyPair) -> None:
    """Joni submits every file matching `pattern`; alice approves them, ready to translate."""
    config = load_config(root)
    now = datetime.now(UTC)
    wanted = sorted(p.relative_to(root).as_posix() for p in root.glob(pattern))
    meta = Authoring(load_key("joni"), "Joni", "first version", Significance.MINOR, now)
    revisions = submit(config, wanted, meta).revisions
    verdicts = Verdicts(Verdict.APPROVED, now, "", True)
    decide(config, [r.id for r in revisions], key, verdicts)


def record_firefox_pages(root: Path, locales: tuple[str, ...]) -> None:
    """Evidence as `verify --record` writes it: Firefox's page for the unknown-issuer scenario
    in `locales`, each with its screenshot (approved like any record before it is shown)."""
    write_files(root, {"content/scenarios/unknown-issuer.toml": 'description = "x"\n'})
    today = datetime.now(UTC).date().isoformat()
    code = "SEC_ERROR_UNKNOWN_ISSUER"
    firefox = firefox_result(code, "unknown-issuer", today)
    pages = [
        FirefoxPage(
            scenario="unknown-issuer",
            locale=locale,
            ui_locale=locale,
            version="153.8.0",
            code=code,
            title="Warning",
            heading="Be careful.",
            buttons=("Advanced",),
            advanced_buttons=("Go back (Recommended)",),
            image=png(1, 1),
        )
        for locale in locales
    ]
    write_records(root, [firefox], pages, today)


@dataclass(frozen=True)
class Built:
    root: Path
    """The certwarn site."""
    docs: Path
    """The Sphinx project."""

    def page(self, language: str, name: str) -> str:
        return (self.docs / "_build" / language / name).read_text(encoding="utf-8")


def sphinx_build(docs: Path, language: str, *options: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", "-D"]
    command += [f"language={language}", *options, str(docs), str(docs / "_build" / language)]
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    return subprocess.run(command, capture_output=True, text=True, env=environment, timeout=120)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    folder = tmp_path_factory.mktemp("sphinx")
    os.environ["CERTWARN_CONFIG_HOME"] = str(folder / "keys")
    root = folder / "site"
    write_files(root, {**SITE_FILES, "site.toml": SITE})
    for args in (
        ("review", "keygen", "admin", "--add", "--admin"),
        ("review", "keygen", "alice", "--add"),
        ("review", "trust", "sign", "--key", "admin"),
        ("review", "keygen", "joni"),
    ):
        assert main(["--root", str(root), *args]) == 0, args
    key = load_key("alice")
    approve(root, "content/**/*.md", key)
    add_locales(root, "de", "ja")
    translate(root, "de", lambda s: f"DE {s}")
    translate(root, "ja", lambda s: f"JA {s}")
    for po in (root / "locales/ja/LC_MESSAGES/articles").glob("*.po"):
        po.unlink()  # Japanese articles untranslated: they fall back to English
    approve(root, "locales/*/LC_MESSAGES/**/*.po", key)
    pending = (
        (root / UNKNOWN_ISSUER)
        .read_text()
        .replace("title: The issuer is not known", "title: UNREVIEWED TITLE")
    )
    (root / UNKNOWN_ISSUER).write_text(pending)
    revise = ["revise", UNKNOWN_ISSUER, "--comment", "wip", "--key", "joni"]
    assert main(["--root", str(root), *revise]) == 0
    record_firefox_pages(root, ("de", "en-US"))
    approve(root, "content/_verify/*.json", key)
    docs = folder / "docs"
    write_files(docs, {"conf.py": CONF, "index.rst": INDEX_RST, "bypass.md": BYPASS_MD})
    for language, options in (("de", ()), ("ja", ("-D", "certwarn_site_url=https://docs.test/"))):
        done = sphinx_build(docs, language, *options)
        assert (done.returncode, done.stderr) == (0, ""), done.stdout
    yield Built(root, docs)
    del os.environ["CERTWARN_CONFIG_HOME"]


def test_the_directive_embeds_title_summary_and_sections_in_the_sphinx_language(
    built: Built,
) -> None:
    html = built.page("de", "index.html")
    assert "<h2>DE The issuer is not known" in html
    assert '<p class="certwarn-summary">DE The browser cannot trace' in html
    section = 'id="certwarn-code-sec-error-unknown-issuer-what-you-can-do"'
    assert f"<section {section}>\n<h3>DE What you can do" in html
    chromium = '<span class="pre">NET::ERR_CERT_AUTHORITY_INVALID</span>'
    assert f'<code class="docutils literal notranslate">{chromium}' in html


def test_only_approved_revisions_are_embedded(built: Built) -> None:
    for language in ("de", "ja"):
        assert "UNREVIEWED" not in built.page(language, "index.html")


def test_ui_roles_and_os_variants_keep_their_markup_and_labels(built: Built) -> None:
    code = built.page("de", "index.html")
    assert '<span class="ui ui-button">Go Back (Recommended)</span>' in code
    article = built.page("de", "bypass.html")
    for os_name, label in (("windows", "Windows"), ("macos", "macOS"), ("linux", "Linux")):
        assert (
            f'<section class="os-variant" data-os="{os_name}"><p class="os-label">{label}'
            in article
        )
    assert '<kbd class="ui ui-key"><kbd>Win</kbd>+<kbd>R</kbd></kbd>' in article


def test_links_go_to_embedding_pages_or_to_the_certwarn_site_in_the_same_locale(
    built: Built,
) -> None:
    code = built.page("de", "index.html")
    anchor = "certwarn-article-bypassing-the-warning-before-you-continue"
    assert f'href="bypass.html#{anchor}"' in code
    assert f'<section id="{anchor}">' in built.page("de", "bypass.html")
    site = "https://help.example.test/warnings/de/codes/MOZILLA_PKIX_ERROR_MITM_DETECTED.html"
    assert f'href="{site}#what-you-can-do"' in built.page("de", "bypass.html")
    configured = "https://docs.test/ja/index.html"
    assert f'href="{configured}"' in built.page("ja", "bypass.html"), "certwarn_site_url"


def test_screenshots_are_copied_in_the_locale_or_fall_back_to_the_source(built: Built) -> None:
    german = '<img class="screenshot" src="_images/certwarn/de/SEC_ERROR_UNKNOWN_ISSUER.png"'
    assert german in built.page("de", "index.html")
    assert (built.docs / "_build/de/_images/certwarn/de/SEC_ERROR_UNKNOWN_ISSUER.png").is_file()
    english = 'src="_images/certwarn/en-US/SEC_ERROR_UNKNOWN_ISSUER.png"'
    assert english in built.page("ja", "index.html")
    assert 'lang="en-US" decoding="async">' in built.page("ja", "index.html")


def test_a_page_below_the_threshold_falls_back_to_the_source_with_the_theme_notice(
    built: Built,
) -> None:
    article = built.page("ja", "bypass.html")
    assert "<h2>Bypassing the warning" in article
    assert '<div class="certwarn-body" lang="en-US">' in article
    assert "JA This page has not been translated into your language yet" in article
    assert "<h2>JA The issuer is not known" in built.page("ja", "index.html")


def test_a_document_without_an_approved_revision_fails_the_sphinx_build(built: Built) -> None:
    draft = SITE_FILES[UNKNOWN_ISSUER].replace(
        "SEC_ERROR_UNKNOWN_ISSUER", "SEC_ERROR_REVOKED_CERTIFICATE"
    )
    write_files(built.root, {"content/codes/SEC_ERROR_REVOKED_CERTIFICATE.md": draft})
    docs = built.docs.parent / "docs-draft"
    write_files(
        docs, {"conf.py": CONF, "index.rst": ".. certwarn:: code:SEC_ERROR_REVOKED_CERTIFICATE\n"}
    )
    done = sphinx_build(docs, "de")
    assert done.returncode != 0
    assert (
        "certwarn: cannot embed code:SEC_ERROR_REVOKED_CERTIFICATE: content/codes/"
        "SEC_ERROR_REVOKED_CERTIFICATE.md has no approved revision"
    ) in done.stderr
