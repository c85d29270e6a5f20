"""The self-contained error pages are no open redirect: "Accept the Risk and Continue" leads only
to the origin of the `host` parameter, in a real Chromium.

A page hosted on a help site takes `?host=…&continue=…`; a link to it with a `continue` on
another site (`https://bank.example@evil.example/`) must not turn the button into a way there.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlencode

import pytest

playwright = pytest.importorskip("playwright", reason="the verify extra (playwright) is missing")

from generator.verify.chromium_launch import chromium_binary, launch_chromium  # noqa: E402

pytestmark = pytest.mark.browser
PAGE = "en-US/errors/SEC_ERROR_UNKNOWN_ISSUER.html"
REFUSED = "hidden"
"""A refused target leaves the button hidden and without a link: there is nothing to click."""


@pytest.fixture(scope="module")
def page_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    from site_files import SITE_FILES, write_files

    from generator.cli import main

    root = tmp_path_factory.mktemp("errors") / "site"
    write_files(root, SITE_FILES)
    assert main(["--root", str(root), "build"]) == 0
    return (root / "build/html" / PAGE).as_uri()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    binary = chromium_binary()
    if binary is None:
        pytest.skip("Chromium is not installed (make system-deps)")
    with launch_chromium(binary) as launched:
        yield launched


def continue_href(browser: Any, page_url: str, params: dict[str, str]) -> str:
    page = browser.new_page()
    try:
        page.goto(f"{page_url}?{urlencode(params)}")
        if page.get_attribute("#continue", "hidden") is not None:
            assert page.get_attribute("#continue", "href") is None
            return REFUSED
        return str(page.get_attribute("#continue", "href"))
    finally:
        page.close()


CASES = {
    "same-host": (
        {"host": "bank.example", "continue": "https://bank.example/login?x=1"},
        "https://bank.example/login?x=1",
    ),
    "same-host-http": (
        {"host": "bank.example", "continue": "http://bank.example/"},
        "http://bank.example/",
    ),
    "same-host-and-port": (
        {"host": "bank.example:8443", "continue": "https://bank.example:8443/a"},
        "https://bank.example:8443/a",
    ),
    "host-in-capitals": (
        {"host": "Bank.Example", "continue": "https://bank.example/"},
        "https://bank.example/",
    ),
    "credentials-trick": (
        {"host": "bank.example", "continue": "https://bank.example@evil.example/"},
        REFUSED,
    ),
    "other-host": ({"host": "bank.example", "continue": "https://evil.example/"}, REFUSED),
    "suffix-host": (
        {"host": "bank.example", "continue": "https://bank.example.evil.example/"},
        REFUSED,
    ),
    "other-port": ({"host": "bank.example", "continue": "https://bank.example:8443/"}, REFUSED),
    "credentials-same-host": (
        {"host": "bank.example", "continue": "https://user:pw@bank.example/"},
        REFUSED,
    ),
    "no-host": ({"continue": "https://bank.example/"}, REFUSED),
    "host-with-credentials": (
        {"host": "evil.example@bank.example", "continue": "https://evil.example@bank.example/"},
        REFUSED,
    ),
    "host-with-a-path": ({"host": "bank.example/x", "continue": "https://bank.example/x"}, REFUSED),
    "javascript": ({"host": "bank.example", "continue": "javascript:alert(1)"}, REFUSED),
    "data": ({"host": "bank.example", "continue": "data:text/html,<b>x</b>"}, REFUSED),
    "scheme-relative": ({"host": "bank.example", "continue": "//evil.example/"}, REFUSED),
    "backslash-host": ({"host": "bank.example", "continue": "https:\\\\evil.example\\"}, REFUSED),
}


@pytest.mark.parametrize("case", CASES)
def test_continue_leads_only_to_the_origin_of_host(browser: Any, page_url: str, case: str) -> None:
    params, expected = CASES[case]
    assert continue_href(browser, page_url, params) == expected


class _Landing(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        body = b"<title>landed</title>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture
def landing() -> Iterator[str]:
    """A site on 127.0.0.1 to continue to: its `host`."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Landing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def click_continue(browser: Any, page_url: str, params: dict[str, str]) -> Callable[[], str]:
    page = browser.new_page()
    page.goto(f"{page_url}?{urlencode(params)}")
    page.click("summary")  # open "Advanced…"
    page.click("#continue")
    page.wait_for_load_state()
    return lambda: str(page.url)


def test_clicking_continue_opens_the_site_the_warning_is_about(
    browser: Any, page_url: str, landing: str
) -> None:
    url = click_continue(browser, page_url, {"host": landing, "continue": f"http://{landing}/"})
    assert url() == f"http://{landing}/"


def test_a_refused_continue_offers_nothing_to_click(
    browser: Any, page_url: str, landing: str
) -> None:
    params = {"host": "bank.example", "continue": f"http://bank.example@{landing}/"}
    page = browser.new_page()
    page.goto(f"{page_url}?{urlencode(params)}")
    page.click("summary")  # open the advanced details
    assert page.locator("#continue").is_hidden()
    assert page.url == f"{page_url}?{urlencode(params)}"
