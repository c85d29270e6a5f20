"""The build's search index: one Pagefind bundle per locale, made again only when needed."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from l10n_helpers import add_locales, translate

from generator.build.run import build
from generator.build.search_index import (
    MISSING,
    high_water_kib,
    indexable,
    is_index_file,
    pagefind_binary,
)
from generator.config import load_config

Cli = Callable[..., Any]


@pytest.fixture
def site(project: Path) -> Path:
    """The small site in English and German."""
    add_locales(project, "de")
    translate(project, "de", lambda s: s.replace("the", "die"))
    return project


def indexed_locales(root: Path) -> list[str]:
    """Locales whose Pagefind ran, from the build's progress messages."""
    said: list[str] = []
    build(load_config(root), progress=said.append)
    return [m.split()[1] for m in said if m.startswith("indexed ")]


def index_files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and is_index_file(p.relative_to(out).as_posix())
    }


def test_each_locale_gets_its_own_index_in_its_language(site: Path) -> None:
    build(load_config(site))
    out = site / "build/html"
    for locale, language in (("en-US", "en-us"), ("de", "de")):
        entry = json.loads((out / locale / "pagefind/pagefind-entry.json").read_text())
        assert list(entry["languages"]) == [language]
        assert entry["languages"][language]["page_count"] == 5, "home, article, three codes"
        assert (out / locale / "pagefind/pagefind.js").is_file()
        assert not (out / locale / "pagefind/pagefind-ui.js").exists(), "the theme has its own UI"


def test_pagefind_reads_elided_words_apart() -> None:
    # Pagefind splits words at ASCII punctuation only: it would index "l’émetteur" as one word;
    # only the copy Pagefind reads changes, the published page keeps its typographic apostrophe
    page = "<h1>L’émetteur de l’autorité</h1><p>dell’orologio · ’quoted’ · l’</p>"
    assert indexable(page.encode()).decode() == (
        "<h1>L'émetteur de l'autorité</h1><p>dell'orologio · ’quoted’ · l’</p>"
    )


def test_the_hand_written_json_index_is_gone(site: Path) -> None:
    build(load_config(site))
    assert list((site / "build/html").rglob("search-index.json")) == []


def test_a_build_with_no_change_keeps_every_index(site: Path) -> None:
    build(load_config(site))
    before = index_files(site / "build/html")
    assert indexed_locales(site) == []
    assert index_files(site / "build/html") == before


def test_a_changed_page_indexes_only_its_locale_again(site: Path) -> None:
    build(load_config(site))
    english = {p: d for p, d in index_files(site / "build/html").items() if p.startswith("en-US")}
    path = site / "locales/de/LC_MESSAGES/codes/SEC_ERROR_UNKNOWN_ISSUER.po"
    path.write_text(path.read_text().replace('msgstr "What it means"', 'msgstr "Was es bedeutet"'))
    assert indexed_locales(site) == ["de"]
    after = index_files(site / "build/html")
    assert {p: d for p, d in after.items() if p.startswith("en-US")} == english


def test_a_rendered_locale_whose_pages_are_unchanged_keeps_its_index(site: Path) -> None:
    build(load_config(site))
    before = index_files(site / "build/html")
    path = site / "locales/de/LC_MESSAGES/codes/SEC_ERROR_UNKNOWN_ISSUER.po"
    path.write_text("# a translator's note changes the catalog, not a page\n" + path.read_text())
    said: list[str] = []
    result = build(load_config(site), progress=said.append)
    assert result.rendered == ("de",)
    assert not [m for m in said if m.startswith("indexed ")]
    assert index_files(site / "build/html") == before


def test_a_deleted_index_file_is_made_again(site: Path) -> None:
    build(load_config(site))
    (site / "build/html/de/pagefind/pagefind-entry.json").unlink()
    assert indexed_locales(site) == ["de"]
    assert (site / "build/html/de/pagefind/pagefind-entry.json").is_file()


def test_pagefind_works_in_a_folder_beside_the_site_that_a_killed_build_s_successor_removes(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (outside build/, a build killed while Pagefind ran would leave its copy of the pages)
    real, seen = pagefind_binary(), tmp_path / "seen"
    spy = tmp_path / "pagefind"
    spy.write_text(f'#!/bin/sh\necho "$2" >> {seen}\nexec {real} "$@"\n')
    spy.chmod(0o755)
    monkeypatch.setattr("pagefind_bin_extended.get_executable", lambda: spy)
    assert sorted(indexed_locales(site)) == ["de", "en-US"]
    folders = {Path(line).parent.parent for line in seen.read_text().split()}
    assert [folder.parent for folder in folders] == [site / "build"]
    assert all(folder.name.startswith(".tmp-") for folder in folders), "a temporary of html"
    assert not any(folder.exists() for folder in folders), "removed when indexing ends"


def test_without_pagefind_the_build_fails_naming_what_to_install(
    site: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(load_config(site))
    before = index_files(site / "build/html")
    path = site / "content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md"
    path.write_text(path.read_text().replace("Renew the certificate.", "Renew it."))
    monkeypatch.setitem(sys.modules, "pagefind_bin_extended", None)  # import fails as if absent
    run = cli(site, "build")
    assert run.code != 0
    assert MISSING in run.err
    assert "pip install pagefind-bin-extended" in run.err
    assert "Traceback" not in run.err
    assert index_files(site / "build/html") == before, "the previous site is left as it was"


def test_a_failing_indexer_fails_the_build_with_what_it_said(
    site: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: the index is broken' >&2\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setattr("pagefind_bin_extended.get_executable", lambda: broken)
    run = cli(site, "build")
    assert run.code != 0
    assert "Pagefind failed indexing en-US (exit 3): Error: the index is broken" in run.err
    assert not (site / "build/html").exists(), "nothing is half written"


def test_an_indexer_that_cannot_run_fails_the_build_clearly(
    site: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    not_a_program = tmp_path / "pagefind"
    not_a_program.write_text("not a program")
    monkeypatch.setattr("pagefind_bin_extended.get_executable", lambda: not_a_program)
    run = cli(site, "build")
    assert run.code != 0
    assert f"cannot run Pagefind ({not_a_program}): Permission denied" in run.err


def test_indexing_is_a_phase_of_its_own_whose_cost_the_build_reports(
    site: Path, cli: Cli, tmp_path: Path
) -> None:
    # the site is rendered first and indexed after, so the build can say what search cost
    # apart from the site (the bench reports it in its own row, as for Hugo + Pagefind)
    said: list[str] = []
    result = build(load_config(site), progress=said.append)
    assert sorted(run.locale for run in result.search.runs) == ["de", "en-US"]
    assert all(run.pages == 5 and run.cpu_seconds > 0 for run in result.search.runs)
    assert result.search.seconds >= max(run.seconds for run in result.search.runs)
    assert result.search.cpu_seconds >= sum(run.cpu_seconds for run in result.search.runs)
    # Pagefind's memory is sampled while it runs: a run on five pages can end before the first
    # sample when the machine is busy, so only the sum's relation to the runs is certain here
    assert result.search.peak_kib >= max(run.peak_kib for run in result.search.runs) >= 0
    rendered = [i for i, m in enumerate(said) if m.startswith("rendered ")]
    indexed = [i for i, m in enumerate(said) if m.startswith("indexed ")]
    assert max(rendered) < min(indexed), "every locale is rendered before any is indexed"
    path = site / "locales/de/LC_MESSAGES/codes/SEC_ERROR_UNKNOWN_ISSUER.po"
    path.write_text(path.read_text().replace('msgstr "What it means"', 'msgstr "Was es bedeutet"'))
    timings = tmp_path / "timings.json"
    assert cli(site, "build", "--timings", str(timings)).code == 0
    figures = json.loads(timings.read_text())["search_index"]
    assert figures["locales"] == 1 and figures["cpu_seconds"] > 0 and figures["peak_mb"] >= 0
    assert cli(site, "build", "--timings", str(timings)).code == 0
    assert json.loads(timings.read_text())["search_index"] == {
        "locales": 0,
        "seconds": 0.0,
        "cpu_seconds": 0.0,
        "peak_mb": 0.0,
    }, "a build that changes no help page runs no indexer"


def test_pagefind_s_memory_is_read_from_the_live_process_and_is_unknown_once_it_ended() -> None:
    # a child's own figure from the kernel starts from its parent's memory, so the build
    # reads the running process's high-water mark; an ended process has none to read
    script = "import sys; print('ready', flush=True); sys.stdin.read()"
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        assert high_water_kib(child.pid) > 1024, "a running Python holds more than 1 MiB"
    finally:
        child.communicate(b"")
    assert high_water_kib(child.pid) == 0


def test_a_failing_indexer_stops_the_others_it_ran_beside(
    site: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # German's indexer fails while English's is still running: the build fails, and
    # no indexer is left running after it
    marker = tmp_path / "still-running"
    script = tmp_path / "pagefind"
    script.write_text(
        "#!/bin/sh\n"
        'case "$2" in *de/site) sleep 0.5; echo "Error: German failed" >&2; exit 4;; esac\n'
        f"touch {marker}; exec sleep 29.125\n"
    )
    script.chmod(0o755)
    monkeypatch.setattr("pagefind_bin_extended.get_executable", lambda: script)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    run = cli(site, "build")
    assert run.code != 0
    assert "Pagefind failed indexing de (exit 4): Error: German failed" in run.err
    assert marker.exists(), "English's indexer was running when German's failed"
    assert not (site / "build/html").exists(), "nothing is half written"
    running = subprocess.run(["pgrep", "-f", "sleep 29.125"], capture_output=True, text=True)
    assert running.stdout == "", "the English indexer was stopped"


def test_pages_published_before_their_index_are_indexed_by_the_next_build(site: Path) -> None:
    # the live preview publishes an edit at once and indexes it after (build(search=False))
    build(load_config(site))
    before = index_files(site / "build/html")
    path = site / "locales/de/LC_MESSAGES/codes/SEC_ERROR_UNKNOWN_ISSUER.po"
    path.write_text(path.read_text().replace('msgstr "What it means"', 'msgstr "Was es bedeutet"'))
    said: list[str] = []
    result = build(load_config(site), search=False, progress=said.append)
    assert result.rendered == ("de",) and not result.search.runs
    page = site / "build/html/de/codes/SEC_ERROR_UNKNOWN_ISSUER.html"
    assert "Was es bedeutet" in page.read_text(), "the page is published at once"
    assert index_files(site / "build/html") == before, "with the index it had"
    assert build(load_config(site), search=False).write.written == (), "still nothing to do"
    assert indexed_locales(site) == ["de"], "the next build indexes what changed"
    assert index_files(site / "build/html") != before
    assert indexed_locales(site) == [], "and then nothing is left to index"
