"""Incremental builds: after any kind of change they equal a clean build, byte for byte."""

from __future__ import annotations

import ast
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from l10n_helpers import add_locales, translate

import generator.build.cache as build_cache
import generator.build.inputs as build_inputs
import generator.build.parse_cache as parse_cache
import generator.build.workers as build_workers
import generator.content.load as content_load
import generator.l10n.locale_data as locale_data
from generator.atomic import write_sealed
from generator.build.cache import load_cache
from generator.build.locale_memos import load_memo, save_memo
from generator.build.run import build
from generator.build.search_index import is_index_file
from generator.build.writer import SiteWriter
from generator.config import load_config
from generator.content.load import parsed_sources
from generator.content.sources import SourceFile, WorkingTree
from generator.errors import CertwarnError
from generator.render.pages import Page
from generator.theme.folders import BUILTIN_THEMES


@pytest.fixture
def site(project: Path) -> Path:
    """The small site in English, German and French, translated."""
    add_locales(project, "de", "fr")
    translate(project, "de", lambda s: s.replace("the", "die"))
    translate(project, "fr", lambda s: s.replace("the", "le"))
    return project


def edit_catalog(root: Path) -> None:
    path = root / "locales/de/LC_MESSAGES/codes/SEC_ERROR_UNKNOWN_ISSUER.po"
    path.write_text(path.read_text().replace('msgstr "What it means"', 'msgstr "Was es bedeutet"'))


def edit_source(root: Path) -> None:
    path = root / "content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md"
    path.write_text(
        path.read_text().replace("Renew the certificate.", "Renew the certificate soon.")
    )


def edit_theme(root: Path) -> None:
    shutil.copytree(BUILTIN_THEMES / "default", root / "themes/default")
    footer = root / "themes/default/templates/base.html"
    footer.write_text(
        footer.read_text().replace(
            '<footer class="site-footer">', '<footer class="site-footer edited">'
        )
    )


def edit_theme_asset(root: Path) -> None:
    shutil.copytree(BUILTIN_THEMES / "default", root / "themes/default")
    css = root / "themes/default/static/site.css"
    css.write_text(css.read_text() + "\n.edited { color: red }\n")


def edit_config(root: Path) -> None:
    path = root / "site.toml"
    path.write_text(
        path.read_text().replace('title = "Test warnings"', 'title = "Warnings, tested"')
    )


def edit_code_title(root: Path) -> None:
    path = root / "content/codes/SEC_ERROR_UNKNOWN_ISSUER.md"
    path.write_text(path.read_text().replace("title: The issuer is not known", "title: Unknown"))


def edit_translated_title(root: Path) -> None:
    path = root / "locales/fr/LC_MESSAGES/codes/SEC_ERROR_UNKNOWN_ISSUER.po"
    text = path.read_text()
    start = text.index('msgid "The issuer is not known"')
    end = text.index("msgstr", start)
    line_end = text.index("\n", end)
    path.write_text(text[:end] + 'msgstr "Émetteur inconnu"' + text[line_end:])


def edit_article_title(root: Path) -> None:
    path = root / "content/articles/bypassing-the-warning.md"
    text = path.read_text()
    path.write_text(text.replace("title: Bypassing the warning", "title: Bypassing it", 1))


CHANGES: dict[str, Callable[[Path], None]] = {
    "catalog": edit_catalog,
    "source": edit_source,
    "code-title": edit_code_title,
    "translated-title": edit_translated_title,
    "article-title": edit_article_title,
    "theme": edit_theme,
    "theme-asset": edit_theme_asset,
    "config": edit_config,
}


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def clean_build(root: Path, out: Path) -> dict[str, bytes]:
    shutil.rmtree(root / "build" / ".cache", ignore_errors=True)
    build(load_config(root), out=out)
    return tree(out)


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_an_incremental_build_equals_a_clean_build(site: Path, change: str) -> None:
    build(load_config(site))
    CHANGES[change](site)
    result = build(load_config(site))
    incremental = tree(site / "build/html")
    assert incremental == clean_build(site, site / "build/clean")
    if change == "catalog":
        assert result.rendered == ("de",), "only the edited locale is rendered again"
        assert all(path.startswith("de/") for path in result.write.written)
        assert "de/codes/SEC_ERROR_UNKNOWN_ISSUER.html" in result.write.written


def test_a_source_edit_rewrites_only_the_pages_that_show_it(site: Path) -> None:
    build(load_config(site))
    edit_source(site)
    result = build(load_config(site))
    written = set(result.write.written)
    assert "l10n/index.html" in written, "the edited paragraph is untranslated now"
    pages = {p.split("/", 1)[1] for p in written - {"l10n/index.html"} if p.endswith(".html")}
    assert pages == {"codes/SEC_ERROR_EXPIRED_CERTIFICATE.html"}
    assert {p.split("/")[0] for p in written - {"l10n/index.html"}} == {"en-US", "de", "fr"}


def test_a_new_generator_version_renders_everything_again(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(load_config(site))
    monkeypatch.setattr(build_inputs, "generator_fingerprint", lambda: "another version")
    result = build(load_config(site))
    assert set(result.rendered) == {"en-US", "de", "fr"}
    assert tree(site / "build/html") == clean_build(site, site / "build/clean")


def test_a_no_op_build_renders_and_writes_nothing(site: Path) -> None:
    build(load_config(site))
    result = build(load_config(site))
    assert result.rendered == () and result.write.written == () and result.write.removed == ()


def test_a_no_op_build_in_a_new_process_reads_the_cache_from_disk_and_renders_nothing(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(load_config(site))
    monkeypatch.setattr(build_cache, "_SAVED", {})  # what this process saved is forgotten
    (cache,) = (site / "build/.cache").glob("html-*.pickle")
    assert load_cache(cache) is not None, "the cache file holds plain values only"
    result = build(load_config(site))
    assert result.rendered == () and result.write.written == ()


NOT_NEEDED_TO_DO_NOTHING = (
    "jinja2",
    "markdown_it",
    "multiprocessing",
    "concurrent.futures",
    "generator.content.load",
    "generator.render.locale_site",
    "generator.l10n.catalog_loading",
)


NOT_NEEDED_FOR_ONE_CATALOG = (
    "babel.messages",  # certwarn reads catalogs itself; babel's reader is for the l10n tools
    "yaml",  # every source is parsed already
    "multiprocessing",  # one locale is rendered in the build's own process
    "generator.review.published_history",  # the site is not reviewed: no history to show
    "difflib",
)


def modules_a_build_loaded(root: Path, names: tuple[str, ...]) -> list[str]:
    """Which of `names` a `certwarn build` in a new process loaded."""
    probe = (
        "import sys\n"
        "from generator.cli import main\n"
        "sys.argv = ['certwarn', 'build']\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
        f"print(repr(sorted(m for m in {names!r} if m in sys.modules)))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True
    )
    return list(ast.literal_eval(run.stdout.strip()))


def test_a_no_op_build_loads_neither_the_renderer_nor_the_process_pool(site: Path) -> None:
    build(load_config(site))
    assert modules_a_build_loaded(site, NOT_NEEDED_TO_DO_NOTHING) == []


def test_a_catalog_edit_loads_no_parser_and_no_process_pool(site: Path) -> None:
    build(load_config(site))
    edit_catalog(site)
    assert modules_a_build_loaded(site, NOT_NEEDED_FOR_ONE_CATALOG) == []


@pytest.mark.parametrize("damage", ["delete", "corrupt", "truncate"])
def test_a_missing_or_damaged_cache_falls_back_to_a_full_build(site: Path, damage: str) -> None:
    build(load_config(site))
    (cache,) = (site / "build/.cache").glob("html-*.pickle")
    if damage == "delete":
        cache.unlink()
    elif damage == "corrupt":
        damaged = {"format": build_cache.CACHE_FORMAT, "key": 3, "locales": {"de": {"key": []}}}
        write_sealed(cache, pickle.dumps(damaged))
    else:
        cache.write_bytes(cache.read_bytes()[:40])
    result = build(load_config(site))
    assert set(result.rendered) == {"en-US", "de", "fr"}
    assert tree(site / "build/html") == clean_build(site, site / "build/clean")


def test_a_parse_read_back_from_the_cache_equals_a_fresh_parse(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(load_config(site))
    fresh = parsed_sources(parse_cache._LAST_PARSE[site / "build/.cache"][1])
    monkeypatch.setattr(parse_cache, "_LAST_PARSE", {})  # as a new process finds it
    monkeypatch.setattr(content_load, "_load_one", None)  # nothing may be parsed again
    edit_catalog(site)
    build(load_config(site))
    assert parsed_sources(parse_cache._LAST_PARSE[site / "build/.cache"][1]) == fresh


@pytest.mark.parametrize("damage", ["truncated", "a letter changed"])
def test_a_damaged_parse_cache_is_parsed_again(
    site: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    build(load_config(site))
    monkeypatch.setattr(parse_cache, "_LAST_PARSE", {})  # as a new process finds it
    edit_catalog(site)
    pickles = [*(site / "build/.cache/parsed").glob("*.pickle")]
    assert len(pickles) == len([*(site / "content").rglob("*.md")]), "one per parsed source"
    pickles += (site / "build/.cache/catalogs").glob("*.pickle")
    for pickled in pickles:
        data = pickled.read_bytes()
        if damage == "truncated":
            pickled.write_bytes(data[:100])
        else:  # still a pickle, of another text
            pickled.write_bytes(data.replace(b"Renew the certificate", b"Renaw the certificate"))
    for compiled in (site / "build/.cache/jinja").iterdir():
        compiled.write_bytes(b"not bytecode")
    build(load_config(site))
    assert tree(site / "build/html") == clean_build(site, site / "build/clean")


def test_a_deleted_output_file_is_written_again(site: Path) -> None:
    build(load_config(site))
    (site / "build/html/fr/index.html").unlink()
    result = build(load_config(site))
    assert result.rendered == ("fr",)
    assert (site / "build/html/fr/index.html").is_file()


def test_a_translated_body_edit_renders_only_the_pages_that_show_it(site: Path) -> None:
    build(load_config(site))
    edit_catalog(site)
    result = build(load_config(site))
    pages = {path for path in result.write.written if not is_index_file(path)}
    assert pages == {"de/codes/SEC_ERROR_UNKNOWN_ISSUER.html"}
    assert "de/pagefind/pagefind-entry.json" in result.write.written
    assert tree(site / "build/html") == clean_build(site, site / "build/clean")


def test_a_translated_title_edit_updates_every_page_that_shows_the_title(site: Path) -> None:
    build(load_config(site))
    path = site / "locales/de/LC_MESSAGES/codes/SEC_ERROR_UNKNOWN_ISSUER.po"
    path.write_text(
        path.read_text().replace('msgstr "The issuer is not known"', 'msgstr "Unbekannt"')
    )
    result = build(load_config(site))
    written = set(result.write.written)
    assert "de/index.html" in written, "the home page's table shows every code's title"
    assert "de/codes/SEC_ERROR_EXPIRED_CERTIFICATE.html" in written, "related codes show it"
    shared = {"l10n/index.html", "errors/manifest.json"}
    assert all(p.startswith("de/") or p in shared for p in written), written
    assert tree(site / "build/html") == clean_build(site, site / "build/clean")


LOCALES = ("en-US", "de", "fr")


def document_pages(paths: tuple[str, ...]) -> set[str]:
    """The locales' rendered pages that show one document (not the lists of every document
    and the page for unknown codes, which are rendered again whenever a page of the locale
    is, nor the site-wide pages)."""
    lists = ("/lookup.html", "/sitemap.xml", "/changes.xml", "/errors/unknown.html")
    return {
        p
        for p in paths
        if p.split("/")[0] in LOCALES and not p.endswith(lists) and not is_index_file(p)
    }


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text()
    assert old in text, f"{relative} has the text to edit"
    path.write_text(text.replace(old, new))


def test_a_source_body_edit_renders_only_the_pages_that_show_the_document(site: Path) -> None:
    build(load_config(site))
    edit_source(site)
    result = build(load_config(site))
    code = "SEC_ERROR_EXPIRED_CERTIFICATE"
    assert document_pages(result.rendered_pages) == {
        f"{tag}/{kind}/{code}.html" for tag in LOCALES for kind in ("codes", "errors")
    }
    assert tree(site / "build/html") == clean_build(site, site / "build/clean")


def test_a_source_title_edit_updates_every_page_that_lists_the_title(site: Path) -> None:
    build(load_config(site))
    edit(
        site,
        "content/codes/SEC_ERROR_UNKNOWN_ISSUER.md",
        "title: The issuer is not known",
        "title: Nobody knows the issuer",
    )
    result = build(load_config(site))
    written = set(result.write.written)
    assert {"en-US/index.html", "en-US/codes/SEC_ERROR_EXPIRED_CERTIFICATE.html"} <= written
    assert tree(site / "build/html") == clean_build(site, site / "build/clean")


def test_a_source_edit_publishes_no_asset_again(site: Path) -> None:
    build(load_config(site))
    edit_source(site)
    rendered = build(load_config(site)).rendered_pages
    assert rendered and not [p for p in rendered if p.startswith(("_static/", "_images/"))]


def test_a_source_edit_reads_no_unchanged_catalog_again(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(load_config(site))
    edit_source(site)
    read: list[str] = []
    real_read = WorkingTree.read

    def reading(tree: WorkingTree, path: str) -> SourceFile:
        read.append(path)
        return real_read(tree, path)

    monkeypatch.setattr(WorkingTree, "read", reading)
    build(load_config(site))
    assert "content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md" in read
    assert not [path for path in read if path.startswith("locales/")], read


def test_a_long_lived_process_parses_only_the_edited_source_again(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`serve` keeps its last parse in memory: it reads no parse cache back from disk."""
    build(load_config(site))
    shutil.rmtree(site / "build/.cache/parsed")
    edit_source(site)
    parsed: list[str] = []
    real_load_one = content_load._load_one

    def loading(source: SourceFile, *rest: object) -> None:
        parsed.append(source.path)
        real_load_one(source, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(content_load, "_load_one", loading)
    build(load_config(site))
    assert parsed == ["content/codes/SEC_ERROR_EXPIRED_CERTIFICATE.md"]
    monkeypatch.undo()
    assert tree(site / "build/html") == clean_build(site, site / "build/clean")


def test_a_source_edit_writes_only_that_source_s_parse(site: Path) -> None:
    build(load_config(site))
    before = {p.name for p in (site / "build/.cache/parsed").iterdir()}
    edit_source(site)
    build(load_config(site))
    after = {p.name for p in (site / "build/.cache/parsed").iterdir()}
    assert len(after - before) == 1 and len(before - after) == 1, "one parse replaced"


@pytest.mark.parametrize(
    ("edit", "formatters"),
    [
        (edit_source, ("format_date",)),  # (its new counts are new percentages to format)
        (edit_translated_title, ("format_date", "format_percent", "format_decimal")),
    ],
)
def test_a_rebuild_formats_dates_without_loading_a_locale_s_data_again(
    site: Path,
    monkeypatch: pytest.MonkeyPatch,
    edit: Callable[[Path], None],
    formatters: tuple[str, ...],
) -> None:
    """Every page shows the build date, the dashboard its percentages; a later build (a new
    process) takes them from the cache, also for the site-wide pages a changed title renders."""
    build(load_config(site))
    edit(site)
    monkeypatch.setattr(locale_data, "_FORMATTED", {})

    def no_cldr(*args: object, **kwargs: object) -> str:
        raise AssertionError("a locale's CLDR data was loaded to format a date or a number")

    for formatter in formatters:
        monkeypatch.setattr(locale_data, formatter, no_cldr)
    assert "l10n/index.html" in build(load_config(site)).rendered_pages
    monkeypatch.undo()
    assert tree(site / "build/html") == clean_build(site, site / "build/clean")


def test_formatted_dates_of_another_babel_are_not_used(tmp_path: Path) -> None:
    memo = tmp_path / "formats" / "de.pickle"
    save_memo(memo, {"date long\0datetime.date(2026, 12, 2)": "2. Dezember 2026"}, "babel 2.16")
    assert load_memo(memo, "babel 2.16") == {
        "date long\0datetime.date(2026, 12, 2)": "2. Dezember 2026"
    }
    assert load_memo(memo, "babel 2.17") == {}


def test_a_code_title_edit_renders_only_the_pages_that_show_or_list_the_code(
    site: Path,
) -> None:
    build(load_config(site))
    edit_code_title(site)
    rendered = set(build(load_config(site)).rendered_pages)
    for tag in ("en-US", "de", "fr"):
        assert {
            f"{tag}/codes/SEC_ERROR_UNKNOWN_ISSUER.html",
            f"{tag}/errors/SEC_ERROR_UNKNOWN_ISSUER.html",
            f"{tag}/index.html",  # its table of codes
            f"{tag}/codes/SEC_ERROR_EXPIRED_CERTIFICATE.html",  # names it as related
        } <= rendered
        assert f"{tag}/codes/MOZILLA_PKIX_ERROR_MITM_DETECTED.html" not in rendered
        assert f"{tag}/errors/SEC_ERROR_EXPIRED_CERTIFICATE.html" not in rendered
        assert f"{tag}/articles/bypassing-the-warning.html" not in rendered


def test_a_title_edit_can_show_its_own_pages_first_and_the_pages_listing_it_next(
    site: Path,
) -> None:
    """What the live preview does: the edited page at once, the lists at the next build."""
    build(load_config(site))
    edit_code_title(site)
    first = set(build(load_config(site), search=False, lists=False).rendered_pages)
    own = {f"{tag}/{kind}/SEC_ERROR_UNKNOWN_ISSUER.html" for tag in LOCALES for kind in KINDS}
    assert own <= first
    assert not {f"{tag}/index.html" for tag in LOCALES} & first, "the lists wait"
    assert "Unknown" in (site / "build/html/de/codes/SEC_ERROR_UNKNOWN_ISSUER.html").read_text()
    second = set(build(load_config(site)).rendered_pages)
    assert {f"{tag}/index.html" for tag in LOCALES} <= second
    assert "de/codes/SEC_ERROR_EXPIRED_CERTIFICATE.html" in second, "it lists the code as related"
    assert tree(site / "build/html") == clean_build(site, site / "build/clean")


KINDS = ("codes", "errors")


def test_the_site_wide_pages_left_by_a_build_without_lists_are_made_by_the_next(
    site: Path,
) -> None:
    build(load_config(site))
    edit_source(site)  # a new message: the dashboard's counts change
    first = build(load_config(site), search=False, lists=False).rendered_pages
    assert "l10n/index.html" not in first
    assert "l10n/index.html" in build(load_config(site)).rendered_pages
    assert tree(site / "build/html") == clean_build(site, site / "build/clean")


def test_an_article_title_edit_renders_every_page_whose_navigation_lists_it(
    site: Path,
) -> None:
    build(load_config(site))
    edit_article_title(site)
    rendered = set(build(load_config(site)).rendered_pages)
    assert "de/codes/MOZILLA_PKIX_ERROR_MITM_DETECTED.html" in rendered


def test_a_step_edit_renders_every_page_that_includes_the_step(site: Path) -> None:
    edit(
        site,
        "content/codes/MOZILLA_PKIX_ERROR_MITM_DETECTED.md",
        "## What site owners can do",
        "::: steps profile-folder\n:::\n\n## What site owners can do",
    )
    build(load_config(site))
    edit(site, "content/steps/profile-folder/linux.md", "file manager", "file browser")
    result = build(load_config(site))
    including = {
        "articles/bypassing-the-warning.html",
        "codes/MOZILLA_PKIX_ERROR_MITM_DETECTED.html",
        "errors/MOZILLA_PKIX_ERROR_MITM_DETECTED.html",
    }
    expected = {f"{tag}/{page}" for tag in LOCALES for page in including}
    assert expected <= set(result.write.written), "every including page shows the new step"
    assert document_pages(result.rendered_pages) == expected
    assert tree(site / "build/html") == clean_build(site, site / "build/clean")


def test_a_catalog_body_edit_renders_only_that_locales_page(site: Path) -> None:
    build(load_config(site))
    edit_catalog(site)
    result = build(load_config(site))
    assert document_pages(result.rendered_pages) == {
        "de/codes/SEC_ERROR_UNKNOWN_ISSUER.html",
        "de/errors/SEC_ERROR_UNKNOWN_ISSUER.html",
    }
    assert tree(site / "build/html") == clean_build(site, site / "build/clean")


def test_a_worker_that_dies_mid_write_fails_the_build_and_leaves_the_site_as_it_was(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(load_config(site))
    before = tree(site / "build/html")
    edit_source(site)
    monkeypatch.setattr(build_workers, "PARALLEL_FROM", 2)  # three locales: a real pool
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # the build and one worker, even on one core
    write_page = SiteWriter.add
    builder, died = os.getpid(), site / "build/worker-died"

    def the_worker_dies_mid_write(writer: SiteWriter, page: Page) -> None:
        if os.getpid() == builder:  # (the build holds its first locale until the worker died)
            deadline = time.monotonic() + 60
            while not died.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            return write_page(writer, page)
        target = writer.staging / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page.data[: len(page.data) // 2])
        died.touch()
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(SiteWriter, "add", the_worker_dies_mid_write)
    with pytest.raises(CertwarnError, match="render worker stopped"):
        build(load_config(site))
    assert tree(site / "build/html") == before
    versions = [p for p in (site / "build").iterdir() if p.name.startswith(".html")]
    assert versions == [(site / "build/html").resolve()], "the half-written version is gone"


def test_every_build_of_an_output_folder_uses_one_cache_and_one_stamps_file(site: Path) -> None:
    # the output folder is a link to the version it shows: the cache is named for the link
    build(load_config(site))
    edit_source(site)
    build(load_config(site))
    assert build(load_config(site)).write.written == ()
    cache = site / "build/.cache"
    assert len([*cache.glob("html-*.pickle")]) == 1
    assert len([*cache.glob("stamps-html-*.pickle")]) == 1


def test_a_translation_edit_that_changes_no_title_or_count_renders_no_site_wide_page(
    site: Path,
) -> None:
    build(load_config(site))
    edit_catalog(site)  # one sentence of a German page: its search index is made again
    result = build(load_config(site))
    assert result.search.runs, "the German pages were indexed again"
    assert set(result.rendered_pages) == {
        "de/codes/SEC_ERROR_UNKNOWN_ISSUER.html",
        "de/errors/SEC_ERROR_UNKNOWN_ISSUER.html",
    }
    assert tree(site / "build/html") == clean_build(site, site / "build/clean")
