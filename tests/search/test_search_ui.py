"""The search box by keyboard alone, and what stands in for it without JavaScript."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser
BATCH = 10
"""Results shown at first, and added by each press of the "more results" button."""


def focused(page: Any) -> str:
    """The focused element, as its link target, its id or its class."""
    return str(
        page.evaluate(
            "(e => e.getAttribute('href') || e.id || e.className)(document.activeElement)"
        )
    )


def results(page: Any) -> list[str]:
    return [str(a.get_attribute("href")) for a in page.locator("#search-results a").all()]


def search(page: Any, url: str, query: str) -> None:
    page.goto(url)
    page.focus("#search-input")
    page.keyboard.type(query)
    page.wait_for_function(
        "q => document.querySelector('#search-results').getAttribute('data-query') === q",
        arg=query,
    )


def test_arrow_keys_move_through_the_results_and_escape_returns(
    page: Any, shipped_url: str
) -> None:
    search(page, f"{shipped_url}en-US/index.html", "expired")
    shown = results(page)
    assert len(shown) >= 2
    page.keyboard.press("ArrowDown")
    assert focused(page) == shown[0]
    page.keyboard.press("ArrowDown")
    assert focused(page) == shown[1]
    page.keyboard.press("ArrowUp")
    assert focused(page) == shown[0]
    page.keyboard.press("ArrowUp")
    assert focused(page) == "search-input"
    page.keyboard.press("End")  # in the box End stays the text cursor's key
    assert focused(page) == "search-input"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("End")
    assert focused(page) in (shown[-1], "search-more")
    page.keyboard.press("Home")
    assert focused(page) == shown[0]
    page.keyboard.press("Escape")
    assert focused(page) == "search-input"
    assert not page.locator(".search-panel").is_visible()
    page.keyboard.press("ArrowDown")
    assert page.locator(".search-panel").is_visible()
    assert focused(page) == shown[0]
    page.keyboard.press("Enter")
    page.wait_for_url("**/en-US/" + shown[0])


def test_tab_reaches_the_results_in_reading_order(page: Any, shipped_url: str) -> None:
    search(page, f"{shipped_url}en-US/codes/SEC_ERROR_UNKNOWN_ISSUER.html", "clock")
    shown = results(page)
    page.keyboard.press("Tab")
    assert focused(page) == shown[0]
    page.keyboard.press("Tab")
    assert focused(page) == shown[1]


def test_enter_in_the_box_opens_the_first_result(page: Any, shipped_url: str) -> None:
    search(page, f"{shipped_url}ja/index.html", "NET::ERR_CERT_DATE_INVALID")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ja/codes/SEC_ERROR_EXPIRED_CERTIFICATE.html")


def test_every_result_is_reachable_none_is_hidden(page: Any, shipped_url: str) -> None:
    # results come in batches of ten; the button after them adds the next batch
    search(page, f"{shipped_url}en-US/index.html", "certificate")
    found = int(page.locator("#search-status").inner_text().rsplit(" ", 1)[1])
    assert found > 2 * BATCH, "the query must match more pages than two batches show"
    assert len(results(page)) == BATCH
    page.keyboard.press("ArrowDown")
    page.keyboard.press("End")
    shown = results(page)
    while len(shown) < found:
        assert focused(page) == "search-more"
        before = len(shown)
        page.keyboard.press("Enter")
        page.wait_for_function(f"document.querySelectorAll('#search-results a').length > {before}")
        shown = results(page)
        assert len(shown) == min(before + BATCH, found)
        assert focused(page) == shown[before], "focus goes to the first result the button added"
        page.keyboard.press("End")
    assert len(set(shown)) == found, "every page found is listed, once"
    assert focused(page) == shown[-1]
    assert not page.locator(".search-more").is_visible()


def test_a_query_nothing_matches_says_so(page: Any, shipped_url: str) -> None:
    page.goto(f"{shipped_url}en-US/index.html")
    page.fill("#search-input", "zzyzx")
    page.wait_for_function("document.querySelector('#search-status').textContent !== ''")
    assert page.locator("#search-status").inner_text().startswith("No page matches")
    assert not page.locator(".search-panel").is_visible()


@pytest.mark.parametrize("javascript", [False, True], ids=["no-javascript", "from-a-file"])
def test_without_search_the_box_is_a_link_to_the_code_table(
    browser: Any, shipped_site: Path, javascript: bool
) -> None:
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto((shipped_site / "de/codes/SEC_ERROR_UNKNOWN_ISSUER.html").as_uri())
    link = page.locator(".search-fallback")
    assert link.is_visible()
    assert not page.locator("#search-input").is_visible()
    link.click()
    page.wait_for_url("**/de/index.html#codes-heading")
    # the overview groups its code tables by kind of problem under this heading
    assert page.locator(".codes-overview .codes-table").first.is_visible()
    context.close()


def test_with_javascript_over_http_the_box_replaces_the_link(page: Any, shipped_url: str) -> None:
    page.goto(f"{shipped_url}ar/index.html")
    assert page.locator("#search-input").is_visible()
    assert not page.locator(".search-fallback").is_visible()
