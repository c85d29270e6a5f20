"""errors/manifest.json against its published JSON Schema, and the integration guide's two
worked examples (a reverse proxy, an Electron app) run against a real build's manifest."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import Any

import jsonschema
import pytest
from l10n_helpers import add_locales, certwarn, translate

from generator.render.site_wide import MANIFEST_SCHEMA

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"
EXPIRED = "SEC_ERROR_EXPIRED_CERTIFICATE"
EQUIVALENTS = (
    "equivalents:\n  chromium: [NET::ERR_CERT_DATE_INVALID]\n"
    "  openssl: [X509_V_ERR_CERT_HAS_EXPIRED]\nrelated:"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small site in German (all but one sentence translated) and Japanese (nothing)."""
    from site_files import SITE_FILES, write_files

    root = tmp_path_factory.mktemp("manifest") / "site"
    write_files(root, SITE_FILES)
    code = root / f"content/codes/{EXPIRED}.md"
    code.write_text(code.read_text().replace("related:", EQUIVALENTS, 1))
    add_locales(root, "de", "ja")
    translate(root, "de", lambda s: None if s == "Renew the certificate." else f"DE {s}")
    assert certwarn(root, "build") == 0
    return root / "build/html"


@pytest.fixture(scope="module")
def manifest(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "errors/manifest.json").read_text("utf-8"))
    return data


def example(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_manifest_is_valid_against_the_schema_published_beside_it(
    site: Path, manifest: dict[str, Any]
) -> None:
    published = json.loads((site / "errors/manifest.schema.json").read_text("utf-8"))
    assert published == json.loads(MANIFEST_SCHEMA.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(published)
    validator = jsonschema.Draft202012Validator(
        published, format_checker=jsonschema.FormatChecker()
    )
    assert [error.message for error in validator.iter_errors(manifest)] == []
    assert (manifest["$schema"], manifest["version"]) == ("manifest.schema.json", 3)


def test_the_schema_refuses_a_manifest_that_breaks_it(manifest: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(manifest))
    broken["codes"][EXPIRED]["locales"]["de"]["translation"] = "mostly"
    del broken["aliases"]
    schema = json.loads(MANIFEST_SCHEMA.read_text("utf-8"))
    messages = sorted(
        e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(broken)
    )
    assert messages == [
        "'aliases' is a required property",
        "'mostly' is not one of ['source', 'complete', 'partial', 'fallback']",
    ]


def test_each_locale_says_whether_its_page_is_translated_or_a_fallback(
    manifest: dict[str, Any],
) -> None:
    def state(code: str, locale: str) -> str:
        return str(manifest["codes"][code]["locales"][locale]["translation"])

    assert state(EXPIRED, "en-US") == "source"
    assert state(EXPIRED, "de") == "partial"
    assert state("SEC_ERROR_UNKNOWN_ISSUER", "de") == "complete"
    assert state(EXPIRED, "ja") == "fallback"


def test_other_clients_names_lead_to_the_code(manifest: dict[str, Any]) -> None:
    assert manifest["aliases"]["NET::ERR_CERT_DATE_INVALID"] == [EXPIRED]
    assert manifest["aliases"]["X509_V_ERR_CERT_HAS_EXPIRED"] == [EXPIRED]
    assert manifest["codes"][EXPIRED]["equivalents"] == {
        "chromium": ["NET::ERR_CERT_DATE_INVALID"],
        "openssl": ["X509_V_ERR_CERT_HAS_EXPIRED"],
    }


def test_an_unknown_code_has_a_page_in_every_locale(site: Path, manifest: dict[str, Any]) -> None:
    for locale, entry in manifest["unknown"]["locales"].items():
        assert entry == {
            "path": f"{locale}/errors/unknown.html",
            "overview": f"{locale}/index.html",
        }
        page = (site / entry["path"]).read_text(encoding="utf-8")
        assert "<script" in page and "<link" not in page and 'src="' not in page, "self-contained"
        assert (site / entry["overview"]).is_file()


def test_the_proxy_example_answers_a_tls_failure_with_the_readers_page(site: Path) -> None:
    proxy = example("error_page_proxy").ErrorPages(site)

    class Failing(BaseHTTPRequestHandler):
        """A proxy whose upstream's certificate has expired, as OpenSSL names it."""

        def do_GET(self) -> None:
            language = self.headers.get("Accept-Language", "")
            status, headers, body = proxy.response(
                "X509_V_ERR_CERT_HAS_EXPIRED", language, "shop.example"
            )
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with ThreadingHTTPServer(("127.0.0.1", 0), Failing) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        request = urllib.request.Request(
            f"http://127.0.0.1:{server.server_address[1]}/cart",
            headers={"Accept-Language": "fr;q=0.4, de-CH, en;q=0.8"},
        )
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(request, timeout=10)
        server.shutdown()
    assert answer.value.code == 502
    assert answer.value.headers["Content-Language"] == "de"
    assert answer.value.read() == (site / f"de/errors/{EXPIRED}.html").read_bytes()
    link = proxy.link("net::err_cert_date_invalid", "ja", "shop.example")
    assert link == f"/warnings/ja/errors/{EXPIRED}.html?host=shop.example"
    unknown = proxy.link("X509_V_ERR_UNSPECIFIED", "ja", "shop.example")
    assert (
        unknown == "/warnings/ja/errors/unknown.html?host=shop.example&code=X509_V_ERR_UNSPECIFIED"
    )


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_electron_example_finds_the_german_page_for_net_err_cert_date_invalid(
    site: Path,
) -> None:
    script = (
        f"const {{ errorPagePath }} = require({str(EXAMPLES / 'electron-error-pages.js')!r});"
        f"const manifest = require({str(site / 'errors/manifest.json')!r});"
        "for (const [error, locale] of [['net::ERR_CERT_DATE_INVALID', 'de'],"
        " ['net::ERR_CERT_DATE_INVALID', 'de-AT'], ['net::ERR_SSL_PROTOCOL_ERROR', 'de'],"
        " ['SEC_ERROR_UNKNOWN_ISSUER', 'ko']])"
        " console.log(errorPagePath(manifest, error, locale));"
    )
    done = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        f"de/errors/{EXPIRED}.html",
        f"de/errors/{EXPIRED}.html",
        "de/errors/unknown.html?code=net%3A%3AERR_SSL_PROTOCOL_ERROR",
        "en-US/errors/SEC_ERROR_UNKNOWN_ISSUER.html",
    ]


def test_the_bypass_control_is_never_a_dead_link(site: Path) -> None:
    html = (site / f"de/errors/{EXPIRED}.html").read_text("utf-8")
    control = html[html.index('<a class="btn" id="continue"') :].split(">", 1)[0]
    assert control == '<a class="btn" id="continue" data-param-href="continue" hidden'


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
@pytest.mark.skipif(
    importlib.util.find_spec("playwright") is None or not CHROMIUM.exists(),
    reason="needs playwright and /usr/bin/chromium",
)
def test_the_bypass_control_shows_only_with_script_and_a_continue_url(site: Path) -> None:
    from generator.verify.chromium_launch import launch_chromium

    page_url = (site / f"de/errors/{EXPIRED}.html").as_uri()
    with launch_chromium(CHROMIUM) as browser:
        shown = {}
        for query in (
            "",
            "?host=shop.example&continue=https://shop.example/cart",
            "?host=shop.example&continue=https://evil.example/cart",
            "?continue=javascript:alert(1)",
        ):
            page = browser.new_page()
            page.goto(page_url + query)
            page.locator("details.advanced summary").click()
            link = page.locator("#continue")
            shown[query] = (link.is_visible(), link.get_attribute("href"))
            page.close()
        without_script = browser.new_page(java_script_enabled=False)
        without_script.goto(page_url + "?host=shop.example&continue=https://shop.example/cart")
        without_script.locator("details.advanced summary").click()
        shown["no script"] = (without_script.locator("#continue").is_visible(), None)
    assert shown == {
        "": (False, None),
        "?host=shop.example&continue=https://shop.example/cart": (
            True,
            "https://shop.example/cart",
        ),
        "?host=shop.example&continue=https://evil.example/cart": (False, None),
        "?continue=javascript:alert(1)": (False, None),
        "no script": (False, None),
    }


@pytest.mark.browser
@pytest.mark.skipif(
    importlib.util.find_spec("playwright") is None or not CHROMIUM.exists(),
    reason="needs playwright and /usr/bin/chromium",
)
def test_the_page_for_unknown_codes_shows_the_code_as_text_and_looks_it_up(site: Path) -> None:
    from generator.verify.chromium_launch import launch_chromium

    page_url = (site / "de/errors/unknown.html").as_uri()
    lookup = "https://help.example.test/warnings/de/lookup.html"  # base_url in site_files
    seen = {}
    with launch_chromium(CHROMIUM) as browser:
        for query in ("?code=net::ERR_CERT_WEAK_KEY", "", "?code=<img src=x onerror=alert(1)>"):
            page = browser.new_page()
            page.goto(page_url + query)
            line = page.locator("p.reported")
            link = page.locator("a[data-param-query]")
            text = line.inner_text() if line.is_visible() else None
            seen[query] = (text, link.get_attribute("href"), page.locator("img").count())
            page.close()
    assert seen == {
        "?code=net::ERR_CERT_WEAK_KEY": (
            "DE Error code: net::ERR_CERT_WEAK_KEY",
            f"{lookup}?code=net%3A%3AERR_CERT_WEAK_KEY",
            0,
        ),
        "": (None, lookup, 0),
        "?code=<img src=x onerror=alert(1)>": (None, lookup, 0),
    }
