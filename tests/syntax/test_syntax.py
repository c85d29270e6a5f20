"""The certwarn Markdown dialect, one fixture file per construct (markdown-it's fixture format).

Each case in `fixtures/syntax/<construct>.md` is a title, the Markdown, and the HTML it renders
to for a German page whose render context is `GermanPage` below.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from markdown_it.utils import read_fixture_file

from generator.content.document import parse_document
from generator.content.frontmatter import split_front_matter
from generator.l10n.localize import localize
from generator.syntax import markdown
from generator.syntax.context import ENV_KEY, Screenshot

FIXTURES = Path(__file__).parents[1] / "fixtures" / "syntax"
CONSTRUCTS = {
    "ui_roles",
    "xref",
    "screenshots",
    "os_blocks",
    "steps",
    "heading_ids",
    "raw_html",
    "unsafe_links",
}


class GermanPage:
    """A page at `de/articles/…`: links go one folder up; one screenshot exists in German,
    one only in the source language; step includes render as a marker paragraph."""

    lang = "de"

    def link(self, target: str) -> str | None:
        scheme, _, rest = target.partition(":")
        ident, _, anchor = rest.partition("#")
        if ident == "MISSING":
            return None
        return f"../{scheme}s/{ident}.html" + (f"#{anchor}" if anchor else "")

    def screenshot(self, code: str) -> Screenshot | None:
        return {
            "SEC_ERROR_UNKNOWN_ISSUER": Screenshot(
                "../_images/de/SEC_ERROR_UNKNOWN_ISSUER.png", "de"
            ),
            "SSL_ERROR_BAD_CERT_DOMAIN": Screenshot(
                "../_images/en-US/SSL_ERROR_BAD_CERT_DOMAIN.png", "en-US"
            ),
        }.get(code)

    def steps(self, name: str) -> str:
        return f"<p>every OS variant of {html.escape(name)}</p>\n"

    def gettext(self, message: str) -> str:
        return {"Screenshot not available yet": "Noch kein Bildschirmfoto"}.get(message, message)


def fixture_cases() -> list[Any]:
    cases = []
    for path in sorted(FIXTURES.glob("*.md")):
        for line, title, source, expected in read_fixture_file(path):
            cases.append(pytest.param(source, expected, id=f"{path.stem}:{line}:{title}"))
    return cases


@pytest.mark.parametrize(("source", "expected"), fixture_cases())
def test_fixture(source: str, expected: str) -> None:
    assert markdown().render(source, {ENV_KEY: GermanPage()}) == expected


def test_every_construct_has_a_fixture_file() -> None:
    assert {path.stem for path in FIXTURES.glob("*.md")} == CONSTRUCTS


def test_raw_html_is_off() -> None:
    assert markdown().options["html"] is False


# -- without a render context (checks, previews of a single fragment) ------------------------------


def test_an_id_link_without_a_context_is_inert() -> None:
    rendered = markdown().render("[x](code:SEC_ERROR_UNKNOWN_ISSUER)")
    assert rendered == '<p><a href="#">x</a></p>\n'


def test_a_screenshot_without_a_context_is_a_placeholder_without_a_note() -> None:
    rendered = markdown().render("![The page](screenshot:SEC_ERROR_UNKNOWN_ISSUER)")
    assert 'class="screenshot screenshot-missing"' in rendered
    assert '<span class="screenshot-note"></span>' in rendered


def test_steps_without_a_context_are_an_empty_wrapper() -> None:
    rendered = markdown().render("::: steps profile-folder\n:::\n")
    assert rendered == '<div class="os-steps" data-steps="profile-folder">\n</div>\n'


# -- heading ids survive translation ---------------------------------------------------------------


def test_a_translated_heading_keeps_the_source_id() -> None:
    text = "---\ntitle: T\n---\n\n## What you can do\n\nGo back.\n"
    front = split_front_matter(text, "content/articles/t.md")
    document = parse_document("articles/t", "content/articles/t.md", front, None, ("title",))
    messages = {"What you can do": "Was Sie tun können", "Go back.": "Gehen Sie zurück.", "T": "T"}
    localized = localize(document, messages, "de", "en-US", 0.5)
    rendered = markdown().renderer.render(localized.tokens, markdown().options, {})
    assert '<h2 id="what-you-can-do">Was Sie tun können</h2>' in rendered
