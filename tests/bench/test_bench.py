"""`certwarn bench` runs end to end on a tiny site and writes its figures as JSON."""

from __future__ import annotations

import json
from pathlib import Path

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
    }
    ours, sphinx = result["certwarn"], result["sphinx"]
    assert ours["pages"] > 0 and ours["full_seconds"] > 0
    assert ours["noop_files_rewritten"] == 0
    assert ours["po_edit_files_rewritten"], "the edited translation shows on a page"
    assert all(path.startswith("de/") for path in ours["po_edit_files_rewritten"])
    assert sphinx["locales_built"] == 2 and sphinx["pages"] > 0
    assert set(result["targets"]) == {
        "per_page_speedup",
        "noop_percent",
        "po_edit_percent",
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
