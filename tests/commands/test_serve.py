"""`certwarn serve`: builds, serves on loopback, rebuilds on change and tells open pages.

Each test talks to a real server process over a real socket; requests are sent as written
(http.client does not normalize paths), so traversal and Host cases reach the server as is.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from site_files import SITE_FILES, write_files

CODE_SOURCE = "content/codes/SEC_ERROR_UNKNOWN_ISSUER.md"
CODE_PAGE = "/en-US/codes/SEC_ERROR_UNKNOWN_ISSUER.html"


@dataclass
class Served:
    """A running `certwarn serve` and what it serves."""

    process: subprocess.Popen[str]
    port: int
    folder: Path

    def request(
        self, path: str, host: str | None = None, method: str = "GET", body: bytes | None = None
    ) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.putrequest(method, path, skip_host=True)
            connection.putheader("Host", f"127.0.0.1:{self.port}" if host is None else host)
            if body is not None:
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body)
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", errors="replace")
        finally:
            connection.close()

    def events(self, since: int) -> Iterator[dict[str, object]]:
        """The `build` events of the stream, as the page script receives them."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        connection.request("GET", f"/__certwarn__/events?since={since}")
        response = connection.getresponse()
        assert response.getheader("Content-Type") == "text/event-stream"
        try:
            while line := response.fp.readline():
                if line.startswith(b"data: "):
                    yield json.loads(line[6:])
        finally:
            connection.close()

    def generation(self) -> int:
        _, page = self.request(CODE_PAGE)
        return int(page.split('<script data-generation="', 1)[1].split('"', 1)[0])


def start(project: Path, *options: str) -> Served:
    command = [sys.executable, "-m", "generator.cli", "--root", str(project), "serve"]
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    process = subprocess.Popen(
        [*command, "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=environment,
    )
    line = process.stdout.readline()  # type: ignore[union-attr]
    assert line.startswith("Serving "), line
    url = line.split(" at ", 1)[1].split(" ", 1)[0]
    assert url.startswith("http://127.0.0.1:")
    folder = project / ("build/html" if "--published" in options else "build/serve")
    return Served(process, int(url.rsplit(":", 1)[1].rstrip("/")), folder)


def stop(served: Served) -> None:
    served.process.terminate()
    served.process.wait(timeout=10)
    served.process.stdout.close()  # type: ignore[union-attr]


@pytest.fixture
def serve(project: Path) -> Iterator[Served]:
    """A server of its own, for tests that edit the sources."""
    served = start(project)
    yield served
    stop(served)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server for the tests that only read (and add files to the served folder)."""
    root = tmp_path_factory.mktemp("serve") / "site"
    write_files(root, SITE_FILES)
    served = start(root)
    yield served
    stop(served)


def edit(project: Path, old: str, new: str) -> None:
    """Replace text in the code's source at once, as editors save (no half-written file)."""
    path = project / CODE_SOURCE
    temporary = path.with_name(".editing")
    temporary.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.replace(temporary, path)


def test_serve_refuses_a_folder_without_site_toml(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    run = cli(tmp_path, "serve")
    assert run.code == 1
    assert run.err == f"site.toml: no site.toml found; looked in {tmp_path}\n"


def test_the_working_copy_is_served_with_the_draft_banner_and_the_reload_script(
    shared: Served,
) -> None:
    status, page = shared.request(CODE_PAGE)
    assert status == 200
    assert '<div class="draft-banner" role="note">' in page
    assert 'new EventSource("/__certwarn__/events?since=' in page
    on_disk = (shared.folder / CODE_PAGE.lstrip("/")).read_text(encoding="utf-8")
    assert "__certwarn__" not in on_disk, "the script is added to responses, not to files"


def test_published_serves_the_site_build_publishes_without_a_banner(project: Path) -> None:
    served = start(project, "--published")
    try:
        status, page = served.request(CODE_PAGE)
        assert status == 200
        assert "draft-banner" not in page
        assert (project / "build/html" / CODE_PAGE.lstrip("/")).is_file()
    finally:
        stop(served)


def test_an_edit_rebuilds_and_the_event_stream_announces_it(project: Path, serve: Served) -> None:
    since = serve.generation()
    edit(project, "title: The issuer is not known", "title: The issuer is unknown here")
    event = next(serve.events(since))
    assert event == {"generation": since + 1, "error": None}
    status, page = serve.request(CODE_PAGE)
    assert status == 200
    assert "<h1>The issuer is unknown here</h1>" in page


def test_an_edit_is_shown_first_and_its_search_index_follows(project: Path, serve: Served) -> None:
    # the event comes as soon as the pages are written; Pagefind runs after, so search
    # finds the new title a moment later without another reload
    entry = project / "build/serve/en-US/pagefind/pagefind-entry.json"
    before = entry.read_bytes()
    since = serve.generation()
    edit(project, "title: The issuer is not known", "title: The issuer is unknown here")
    assert next(serve.events(since)) == {"generation": since + 1, "error": None}
    assert "<h1>The issuer is unknown here</h1>" in serve.request(CODE_PAGE)[1]
    deadline = time.monotonic() + 30
    while entry.read_bytes() == before:
        assert time.monotonic() < deadline, "the search index was never made again"
        time.sleep(0.05)
    assert serve.generation() == since + 1, "indexing reloads no page"


def test_a_failed_build_is_shown_in_the_page_until_it_is_fixed(
    project: Path, serve: Served
) -> None:
    since = serve.generation()
    edit(project, "category: certificate", "category: [certificate")
    stream = serve.events(since)
    failed = next(stream)
    assert failed["generation"] == since + 1
    assert str(failed["error"]).startswith(f"{CODE_SOURCE}:")
    status, page = serve.request(CODE_PAGE)
    assert status == 200, "the last good page stays served"
    assert '<pre id="certwarn-build-error" role="alert"' in page
    assert f"{CODE_SOURCE}:" in page
    edit(project, "category: [certificate", "category: certificate")
    assert next(stream) == {"generation": since + 2, "error": None}
    assert '<pre id="certwarn-build-error"' not in serve.request(CODE_PAGE)[1]


def test_a_missing_page_gets_a_real_404_page(shared: Served) -> None:
    status, page = shared.request("/en-US/codes/NO_SUCH_CODE.html")
    assert status == 404
    assert "<h1>Page not found</h1>" in page
    assert "<code>/en-US/codes/NO_SUCH_CODE.html</code>" in page


def cache_control(served: Served, path: str) -> str | None:
    connection = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        assert response.status == 200, path
        return response.getheader("Cache-Control")
    finally:
        connection.close()


def test_a_reload_fetches_the_page_again_but_not_its_hashed_theme_assets(shared: Served) -> None:
    page = shared.request(CODE_PAGE)[1]
    stylesheet = re.search(r'href="\.\./\.\./(_static/site\.[0-9a-f]{10}\.css)"', page)
    assert stylesheet is not None
    assert cache_control(shared, CODE_PAGE) == "no-store"
    assert cache_control(shared, "/" + stylesheet.group(1)) == "public, max-age=31536000, immutable"
    assert cache_control(shared, "/sitemap.xml") == "no-store", "its name keeps its bytes' hash out"


def test_folders_are_served_through_their_index_and_never_listed(shared: Served) -> None:
    assert shared.request("/en-US/")[0] == 200
    status, page = shared.request("/en-US/codes/")
    assert status == 404
    assert "SEC_ERROR_UNKNOWN_ISSUER.html" not in page


@pytest.mark.parametrize(
    "path",
    [
        "/../site.toml",
        "/en-US/../../site.toml",
        "/%2e%2e/site.toml",
        "/en-US/%2E%2E/%2E%2E/site.toml",
        "/..%2fsite.toml",
        "/en-US/..\\..\\site.toml",
        "//etc/passwd",
    ],
)
def test_paths_never_leave_the_served_folder(shared: Served, path: str) -> None:
    status, page = shared.request(path)
    assert status == 404
    assert "title =" not in page and "root:" not in page


def test_dotfiles_and_dot_folders_are_not_served(shared: Served) -> None:
    (shared.folder / ".secret").write_text("token")
    (shared.folder / ".git").mkdir()
    (shared.folder / ".git/config").write_text("[core]")
    for path in ("/.secret", "/.git/config", "/%2esecret", "/en-US/../.secret"):
        assert shared.request(path)[0] == 404, path


def test_symlinks_are_followed_only_to_regular_files_inside_the_folder(
    shared: Served, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("private")
    (shared.folder / "out.txt").symlink_to(outside)
    (shared.folder / "out-dir").symlink_to(tmp_path)
    (shared.folder / "dot.txt").symlink_to(shared.folder / ".hidden")
    (shared.folder / ".hidden").write_text("hidden")
    (shared.folder / "device").symlink_to("/dev/zero")
    os.mkfifo(shared.folder / "fifo.html")
    (shared.folder / "inside.html").symlink_to(shared.folder / "en-US/index.html")
    for path in ("/out.txt", "/out-dir/outside.txt", "/dot.txt", "/device", "/fifo.html"):
        status, page = shared.request(path)
        assert (status, "private" in page, "hidden" in page) == (404, False, False), path
    assert shared.request("/inside.html")[0] == 200


def test_only_loopback_and_allowed_host_names_are_answered(project: Path, shared: Served) -> None:
    port = shared.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "LOCALHOST"):
        assert shared.request("/en-US/", host=host)[0] == 200, host
    for host in ("evil.example", f"evil.example:{port}", "127.0.0.1.evil.example", ""):
        assert shared.request("/en-US/", host=host)[0] == 403, host
    allowed = start(project, "--allow-host", "docs.internal", "--no-watch")
    try:
        assert allowed.request("/en-US/", host=f"docs.internal:{allowed.port}")[0] == 200
        assert allowed.request("/en-US/", host="other.internal")[0] == 403
    finally:
        stop(allowed)


def test_requests_are_bounded_and_read_only(shared: Served) -> None:
    assert shared.request("/" + "a" * 3000)[0] == 414
    assert shared.request("/en-US/", body=b"x" * 10)[0] == 413
    assert shared.request("/en-US/", method="POST", body=b"")[0] == 501
    assert shared.request("/en-US/", method="PUT", body=b"x")[0] == 501
