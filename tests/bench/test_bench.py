"""`certwarn bench` runs end to end on a tiny site and writes its figures as JSON."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from generator.bench import hugo_baseline
from generator.bench.run import compile_bytecode
from generator.bench.sphinx_baseline import to_myst
from generator.bench.synthetic import write_site
from generator.config import load_config
from generator.content.load import load_content
from generator.content.sources import WorkingTree


def test_bench_on_a_tiny_site_writes_valid_json(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    result_file = tmp_path / "result.json"
    run = cli(
        tmp_path,
        "bench",
        "--locales",
        "2",
        "--documents",
        "3",
        "--memory-locales",
        "2",
        "--sizes",
        "2x4",
        "--out",
        str(result_file),
    )
    assert run.code == 0, run.err
    result = json.loads(result_file.read_text())
    assert result["settings"] == {
        "locales": 2,
        "documents": 3,
        "memory_locales": 2,
        "sphinx_locales": 0,
        "sizes": [[2, 4]],
    }
    ours, hugo, sphinx = result["certwarn"], result["hugo"], result["sphinx"]
    assert ours["pages"] > 0 and ours["full_seconds"] > 0
    assert ours["noop_files_rewritten"] == 0
    assert ours["rounds"] == 3 and "median of 3 builds; 0 files rewritten" in run.out
    assert ours["po_edit_files_rewritten"], "the edited translation shows on a page"
    assert all(path.startswith("de/") for path in ours["po_edit_files_rewritten"])
    assert sphinx["locales_built"] == 2 and sphinx["pages"] > 0
    assert hugo["pages"] > 0 and hugo["cpu_seconds"] > 0
    # search indexing is its own row, for both tools: Pagefind once per locale
    for search in (ours["search_index"], hugo["search_index"]):
        assert search["locales"] == 2 and search["cpu_seconds"] > 0 and search["peak_rss_mb"] >= 0
    assert ours["noop_search_seconds"] == 0, "no help page changed: nothing indexed"
    assert ours["po_edit_search_seconds"] > 0, "the edited locale is indexed again"
    assert "search index, certwarn" in run.out and "search index, Hugo" in run.out
    (row,) = result["sweep"]
    assert (row["locales"], row["documents"]) == (2, 4) and row["hugo"]["pages"] > 0
    assert set(result["targets"]) == {
        "per_page_speedup",
        "cpu_vs_hugo",
        "wall_vs_hugo",
        "noop_percent",
        "po_edit_percent",
        "source_edit_percent",
        "peak_rss_mb",
    }
    assert "targets" not in run.out or "per_page_speedup" in run.out


def test_the_synthetic_site_is_valid_certwarn_content(tmp_path: Path) -> None:
    site = write_site(tmp_path, 3, 10)
    config = load_config(site.root)
    content = load_content(config, WorkingTree(site.root))
    assert len(content.codes) == 7 and len(content.articles) == 3
    assert config.locales == site.locales


def test_the_sphinx_copy_uses_myst_fences_and_document_links() -> None:
    source = "::: os windows\nSee [x](code:A#b) and [y](article:c).\n:::\n"
    assert (
        to_myst(source)
        == ":::{os} windows\nSee [x](../codes/A.md#b) and [y](../articles/c.md).\n:::\n"
    )


def test_the_hugo_copy_has_every_language_translated_from_the_same_catalogs(
    tmp_path: Path,
) -> None:
    site = write_site(tmp_path / "site", 2, 5)
    project = hugo_baseline.write_project(site, tmp_path / "hugo")
    code = site.codes[0]
    german = (project / f"content/de/codes/{code}.md").read_text(encoding="utf-8")
    english = (project / f"content/en/codes/{code}.md").read_text(encoding="utf-8")
    assert "«de» What it means" in german and "«de»" not in english
    assert (project / f"content/de/errors/{code}.md").is_file()


def test_the_hugo_copy_turns_the_dialect_into_shortcodes() -> None:
    source = "::: os windows\nClick {button}`Advanced…`.\n:::\n\n::: steps profile-folder\n:::\n"
    assert hugo_baseline.to_hugo(source) == (
        '{{% os windows %}}\nClick {{< ui button "Advanced…" >}}.\n{{% /os %}}\n\n'
        '{{< steps "profile-folder" >}}\n'
    )


def test_the_bench_measures_certwarn_with_its_bytecode_written(tmp_path: Path) -> None:
    package = tmp_path / "package"
    (package / "inner").mkdir(parents=True)
    modules = [package / "__init__.py", package / "inner" / "module.py"]
    for module in modules:
        module.write_text("VALUE = 1\n")
    compile_bytecode(package)
    assert all(Path(importlib.util.cache_from_source(str(m))).is_file() for m in modules)
