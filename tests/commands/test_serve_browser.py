"""`certwarn serve` in a real browser: an edit to a Markdown file updates the open page."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_serve import CODE_PAGE, Served, edit, start, stop

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        importlib.util.find_spec("playwright") is None, reason="playwright is not installed"
    ),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed"),
]


@pytest.fixture
def served(project: Path) -> Iterator[Served]:
    server = start(project)
    yield server
    stop(server)


def test_editing_markdown_reloads_the_open_page(project: Path, served: Served) -> None:
    from generator.verify.chromium_launch import launch_chromium

    with launch_chromium(CHROMIUM) as browser:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{served.port}{CODE_PAGE}")
        assert page.locator("h1").text_content() == "The issuer is not known"
        page.wait_for_function("document.readyState === 'complete'")
        marker = page.evaluate("() => (window.certwarnTestMarker = 'before the edit')")
        edit(project, "title: The issuer is not known", "title: An issuer nobody knows")
        page.wait_for_function(
            "document.querySelector('h1').textContent === 'An issuer nobody knows'"
        )
        assert page.evaluate("() => window.certwarnTestMarker") is None, "the page reloaded"
        assert marker == "before the edit"

        edit(project, "category: certificate", "category: [certificate")
        alert = page.locator("#certwarn-build-error")
        alert.wait_for()
        assert alert.text_content().startswith(  # type: ignore[union-attr]
            "content/codes/SEC_ERROR_UNKNOWN_ISSUER.md:"
        )
        edit(project, "category: [certificate", "category: certificate")
        alert.wait_for(state="detached")
        assert page.locator("h1").text_content() == "An issuer nobody knows"
