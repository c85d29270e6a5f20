"""Right-to-left pages: every element in another language carries its own `lang` and `dir`."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from l10n_helpers import add_locales, certwarn, translate

from generator.l10n.locale_data import locale_info


class LangElements(HTMLParser):
    """Every element below <html> with a `lang`, with its `dir` (None when missing)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        if tag != "html" and given.get("lang"):
            self.found.append((tag, str(given["lang"]), given.get("dir")))


def lang_elements(path: Path) -> list[tuple[str, str, str | None]]:
    parser = LangElements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.found


@pytest.fixture
def rtl(project: Path) -> Path:
    """Arabic and Hebrew, each with every message translated except those starting "The"."""
    add_locales(project, "ar", "he")
    translate(project, "ar", lambda s: None if s.startswith("The") else "نص " + s)
    translate(project, "he", lambda s: None if s.startswith("The") else "טקסט " + s)
    assert certwarn(project, "build") == 0
    return project


@pytest.mark.parametrize("locale", ["ar", "he"])
def test_every_fallback_element_in_a_right_to_left_page_has_its_own_lang_and_dir(
    rtl: Path, locale: str
) -> None:
    pages = sorted((rtl / "build/html" / locale).rglob("*.html"))
    assert pages
    fallbacks = []
    for path in pages:
        for tag, lang, direction in lang_elements(path):
            assert direction == locale_info(lang).direction, (path.name, tag, lang, direction)
            if lang == "en-US":
                fallbacks.append(tag)
    assert "p" in fallbacks, "an untranslated paragraph is marked as English"
    assert "span" in fallbacks, "inline fallbacks (titles in lists) are isolated with dir too"


def test_a_page_below_the_threshold_is_an_english_article_with_dir_ltr(project: Path) -> None:
    add_locales(project, "ar")
    assert certwarn(project, "build") == 0
    html = (project / "build/html/ar/codes/SEC_ERROR_UNKNOWN_ISSUER.html").read_text("utf-8")
    assert '<html lang="ar" dir="rtl"' in html
    assert '<article class="article code-page" lang="en-US" dir="ltr"' in html
