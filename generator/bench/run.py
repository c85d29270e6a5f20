"""The bench scenario: certwarn's builds (cold, no-op, one .po edit, one source edit, memory)
against Hugo and sphinx-build on the same Markdown and catalogs, and a sweep of sizes.

The targets are for the site build. Search indexing (Pagefind, per locale, for certwarn and
for Hugo alike) is timed and reported in rows of its own."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from generator.bench import hugo_baseline, sphinx_baseline
from generator.bench.measure import Run, measure
from generator.bench.synthetic import SyntheticSite, write_site

Progress = Callable[[str], None]
PAGEFIND = "pagefind"
"""Processes whose name starts so are the search indexer: their memory is reported apart."""
TARGETS = {
    "per_page_speedup": (">=", 100.0),
    "cpu_vs_hugo": ("<=", 0.67),
    "wall_vs_hugo": ("<=", 1.0),
    "noop_percent": ("<", 5.0),
    "po_edit_percent": ("<", 10.0),
    "source_edit_percent": ("<", 10.0),
    "peak_rss_mb": ("<", 250.0),
}
"""Figure -> (comparison, bound); the sweep adds `cpu_vs_hugo` and `peak_rss_mb` per size."""


@dataclass(frozen=True, slots=True)
class BenchSettings:
    locales: int = 30
    documents: int = 60
    memory_locales: int = 100
    sphinx_locales: int = 0
    """Locales Sphinx builds (0: all); its time per page is measured on those."""
    sizes: tuple[tuple[int, int], ...] = ()
    """(locales, documents) of each cold build of the sweep, certwarn against Hugo."""


def certwarn(site: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "generator.cli", "--root", str(site), *args]


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(p for p in set(before) | set(after) if before.get(p) != after.get(p))


def edit_catalog(site: SyntheticSite, locale: str, code: int = 0) -> str:
    """Change one translation in one catalog of `locale`; return the catalog's path."""
    path = site.root / f"locales/{locale}/LC_MESSAGES/codes/{site.codes[code]}.po"
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r'(msgid "What it means"\nmsgstr ")([^"]*)"', r'\1\2 (edited)"', text, count=1)
    assert edited != text, "the synthetic catalog has the heading to edit"
    path.write_text(edited, encoding="utf-8")
    return path.relative_to(site.root).as_posix()


def edit_source(site: SyntheticSite, code: int = 1) -> str:
    path = site.root / f"content/codes/{site.codes[code]}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("## What site owners can do\n\n", "## What site owners can do\n\nEdited. ", 1)
    )
    return path.relative_to(site.root).as_posix()


def html_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


@dataclass(frozen=True, slots=True)
class Build:
    """One certwarn build as the bench counts it: the site, and its search index apart."""

    site: Run
    search: Run
    indexed_locales: int


def certwarn_build(root: Path) -> Build:
    """`certwarn build`, with what its search-index phase cost taken out of the site's figures
    (the build measures the phase; Pagefind's processes are left out of the peak)."""
    timings = root / "build" / "bench-timings.json"
    run = measure(certwarn(root, "build", "--timings", str(timings)), root, apart=PAGEFIND)
    index = json.loads(timings.read_text(encoding="utf-8"))["search_index"]
    timings.unlink()
    search = Run(index["seconds"], index["peak_mb"], index["cpu_seconds"])
    site = Run(run.seconds - search.seconds, run.peak_rss_mb, run.cpu_seconds - search.cpu_seconds)
    return Build(site, search, index["locales"])


def search_figures(search: Run, locales: int, pages: int) -> dict[str, Any]:
    return {
        "locales": locales,
        "seconds": search.seconds,
        "cpu_seconds": search.cpu_seconds,
        "per_page_cpu_ms": 1000 * search.cpu_seconds / pages if pages else 0.0,
        "peak_rss_mb": search.peak_rss_mb,
    }


ROUNDS = 3
"""Rounds of the incremental builds (no-op, one .po edit, one source edit), each editing
other files: each row is the median of its rounds (one build moves by 5-10 % here)."""


def bench_certwarn(site: SyntheticSite, progress: Progress) -> dict[str, Any]:
    out = site.root / "build" / "html"
    progress("certwarn: full build (cold)")
    full = certwarn_build(site.root)
    pages = html_pages(out)
    rounds: dict[str, list[Build]] = {"noop": [], "po_edit": [], "source_edit": []}
    for turn in range(ROUNDS):
        before = snapshot(out) if turn == 0 else {}
        progress(f"certwarn: no-op rebuild ({turn + 1}/{ROUNDS})")
        rounds["noop"].append(certwarn_build(site.root))
        if turn == 0:
            noop_changed = changed(before, snapshot(out))
        others = max(1, len(site.locales) - 1)
        catalog = edit_catalog(site, site.locales[1 + turn % others], turn % len(site.codes))
        progress(f"certwarn: rebuild after editing {catalog}")
        rounds["po_edit"].append(certwarn_build(site.root))
        if turn == 0:
            after_po = snapshot(out)
            po_changed, first_catalog = changed(before, after_po), catalog
        source = edit_source(site, (1 + turn) % len(site.codes))
        progress(f"certwarn: rebuild after editing {source}")
        rounds["source_edit"].append(certwarn_build(site.root))
        if turn == 0:
            source_changed, first_source = changed(after_po, snapshot(out)), source
    noop, po_edit, source_edit = (_median(rounds[name]) for name in rounds)
    return {
        "full_seconds": full.site.seconds,
        "full_cpu_seconds": full.site.cpu_seconds,
        "pages": pages,
        "per_page_ms": 1000 * full.site.seconds / pages,
        "per_page_cpu_ms": 1000 * full.site.cpu_seconds / pages,
        "full_peak_rss_mb": full.site.peak_rss_mb,
        "search_index": search_figures(full.search, full.indexed_locales, pages),
        "rounds": ROUNDS,
        "noop_seconds": noop.site.seconds,
        "noop_files_rewritten": len(noop_changed),
        "noop_search_seconds": noop.search.seconds,
        "po_edit": first_catalog,
        "po_edit_seconds": po_edit.site.seconds,
        "po_edit_files_rewritten": po_changed,
        "po_edit_search_seconds": po_edit.search.seconds,
        "source_edit": first_source,
        "source_edit_seconds": source_edit.site.seconds,
        "source_edit_files_rewritten": source_changed,
        "source_edit_search_seconds": source_edit.search.seconds,
    }


def _median(builds: list[Build]) -> Build:
    """The build whose site took the median wall time (the files it rewrote are the first
    round's: every round edits as much)."""
    return sorted(builds, key=lambda build: build.site.seconds)[len(builds) // 2]


def bench_sphinx(
    site: SyntheticSite, folder: Path, count: int, progress: Progress
) -> dict[str, Any]:
    source = sphinx_baseline.write_project(site.root, folder / "sphinx")
    out = folder / "sphinx" / "out"
    locales = site.locales[: count or len(site.locales)]
    runs: list[Run] = []
    for index, locale in enumerate(locales, start=1):
        progress(f"sphinx-build: {locale} ({index}/{len(locales)})")
        runs.append(measure(sphinx_baseline.build_command(source, out, locale), folder))
    seconds = sum(r.seconds for r in runs)
    pages = html_pages(out)
    return {
        "locales_built": len(locales),
        "seconds": seconds,
        "pages": pages,
        "per_page_ms": 1000 * seconds / pages,
        "estimated_all_locales_seconds": seconds * len(site.locales) / len(locales),
        "peak_rss_mb": max(r.peak_rss_mb for r in runs),
    }


def bench_hugo(site: SyntheticSite, folder: Path, progress: Progress) -> dict[str, Any]:
    """Hugo's cold build of the same site (every language in one run, as Hugo does), then
    Pagefind over each language's pages, as Hugo users index a site, in its own row."""
    project = hugo_baseline.write_project(site, folder / "hugo")
    out = folder / "hugo" / "public"
    progress(f"hugo: {len(site.locales)} languages (cold)")
    run = measure(hugo_baseline.build_command(project, out), folder)
    pages = html_pages(out)
    progress(f"pagefind: {len(site.locales)} languages of Hugo's site")
    indexing = [measure(hugo_baseline.index_command(out, tag), folder) for tag in site.locales]
    search = Run(
        sum(r.seconds for r in indexing),
        max(r.peak_rss_mb for r in indexing),
        sum(r.cpu_seconds for r in indexing),
    )
    return {
        "seconds": run.seconds,
        "cpu_seconds": run.cpu_seconds,
        "pages": pages,
        "per_page_ms": 1000 * run.seconds / pages,
        "per_page_cpu_ms": 1000 * run.cpu_seconds / pages,
        "peak_rss_mb": run.peak_rss_mb,
        "search_index": search_figures(search, len(site.locales), pages),
    }


def bench_size(folder: Path, locales: int, documents: int, progress: Progress) -> dict[str, Any]:
    """One size of the sweep: certwarn and Hugo, each cold, on the same synthetic site."""
    progress(f"sweep: writing {locales} locales x {documents} documents")
    root = folder / f"sweep-{locales}x{documents}"
    site = write_site(root / "site", locales, documents)
    progress(f"sweep: certwarn {locales} x {documents} (cold)")
    build = certwarn_build(site.root)
    ours = build.site
    pages = html_pages(site.root / "build" / "html")
    hugo = bench_hugo(site, root, progress)
    shutil.rmtree(root, ignore_errors=True)
    return {
        "locales": locales,
        "documents": documents,
        "certwarn": {
            "pages": pages,
            "per_page_ms": 1000 * ours.seconds / pages,
            "per_page_cpu_ms": 1000 * ours.cpu_seconds / pages,
            "peak_rss_mb": ours.peak_rss_mb,
            "search_index": search_figures(build.search, build.indexed_locales, pages),
        },
        "hugo": hugo,
        "cpu_vs_hugo": (ours.cpu_seconds / pages) / (hugo["cpu_seconds"] / hugo["pages"]),
        "wall_vs_hugo": (ours.seconds / pages) / (hugo["seconds"] / hugo["pages"]),
    }


def bench_memory(folder: Path, locales: int, documents: int, progress: Progress) -> dict[str, Any]:
    progress(f"certwarn: {locales} locales x {documents} documents for peak memory")
    site = write_site(folder / "memory", locales, documents)
    run = certwarn_build(site.root).site
    return {
        "locales": locales,
        "documents": documents,
        "seconds": run.seconds,
        "peak_rss_mb": run.peak_rss_mb,
    }


CERTWARN_PACKAGE = Path(__file__).resolve().parents[1]


def compile_bytecode(package: Path = CERTWARN_PACKAGE) -> None:
    """Write the bytecode of `package` (certwarn's) before measuring: an installed certwarn
    has it, and without it (an edited checkout, or PYTHONDONTWRITEBYTECODE set, as on some CI
    machines) every measured process would compile the modules it imports again."""
    import compileall

    compileall.compile_dir(package, quiet=2)


def run_bench(settings: BenchSettings, folder: Path, progress: Progress) -> dict[str, Any]:
    compile_bytecode()
    progress(
        f"writing a synthetic site: {settings.locales} locales x {settings.documents} documents"
    )
    site = write_site(folder / "site", settings.locales, settings.documents)
    ours = bench_certwarn(site, progress)
    hugo = bench_hugo(site, folder, progress)
    sphinx = bench_sphinx(site, folder, settings.sphinx_locales, progress)
    memory = (
        bench_memory(folder, settings.memory_locales, settings.documents, progress)
        if settings.memory_locales
        else None
    )
    sweep = [bench_size(folder, *size, progress) for size in settings.sizes]
    figures = {
        "per_page_speedup": sphinx["per_page_ms"] / ours["per_page_ms"],
        "cpu_vs_hugo": ours["per_page_cpu_ms"] / hugo["per_page_cpu_ms"],
        "wall_vs_hugo": ours["per_page_ms"] / hugo["per_page_ms"],
        "noop_percent": 100 * ours["noop_seconds"] / ours["full_seconds"],
        "po_edit_percent": 100 * ours["po_edit_seconds"] / ours["full_seconds"],
        "source_edit_percent": 100 * ours["source_edit_seconds"] / ours["full_seconds"],
        "peak_rss_mb": max(
            [memory["peak_rss_mb"] if memory else ours["full_peak_rss_mb"]]
            + [row["certwarn"]["peak_rss_mb"] for row in sweep]
        ),
    }
    return {
        "settings": asdict(settings),
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "certwarn": ours,
        "hugo": hugo,
        "sphinx": sphinx,
        "memory": memory,
        "sweep": sweep,
        "figures": figures,
        "targets": {name: _met(figures[name], *rule) for name, rule in TARGETS.items()},
    }


def _met(value: float, operator: str, bound: float) -> dict[str, Any]:
    met = {">=": value >= bound, "<=": value <= bound, "<": value < bound}[operator]
    return {"value": value, "target": f"{operator} {bound:g}", "met": met}


def format_table(result: dict[str, Any]) -> str:
    ours, hugo, sphinx = result["certwarn"], result["hugo"], result["sphinx"]
    sphinx_note = f"{sphinx['pages']} pages in {sphinx['locales_built']} locales"
    po_files = len(ours["po_edit_files_rewritten"])
    rows = [
        ("full build, certwarn", ours["full_seconds"], f"{ours['pages']} pages"),
        ("full build, Hugo", hugo["seconds"], f"{hugo['pages']} pages"),
        ("full build, Sphinx (MyST)", sphinx["seconds"], sphinx_note),
        ("ms per page, certwarn", ours["per_page_ms"] / 1000, "wall"),
        ("ms per page, Hugo", hugo["per_page_ms"] / 1000, "wall"),
        ("ms per page, Sphinx", sphinx["per_page_ms"] / 1000, "wall"),
        ("CPU ms per page, certwarn", ours["per_page_cpu_ms"] / 1000, "user + system"),
        ("CPU ms per page, Hugo", hugo["per_page_cpu_ms"] / 1000, "user + system"),
        _search_row("search index, certwarn", ours["search_index"]),
        _search_row("search index, Hugo", hugo["search_index"]),
        (
            "no-op rebuild",
            ours["noop_seconds"],
            _of(ours) + f"{ours['noop_files_rewritten']} files rewritten" + _indexed(ours, "noop"),
        ),
        (
            "one .po edit",
            ours["po_edit_seconds"],
            _of(ours) + f"{po_files} files rewritten" + _indexed(ours, "po_edit"),
        ),
        (
            "one source edit",
            ours["source_edit_seconds"],
            _of(ours)
            + f"{len(ours['source_edit_files_rewritten'])} files rewritten"
            + _indexed(ours, "source_edit"),
        ),
    ]
    lines = [f"{name:<26} {seconds * 1000:>10.1f} ms  {note}" for name, seconds, note in rows]
    if result["memory"]:
        memory = result["memory"]
        size = f"{memory['locales']} locales x {memory['documents']} documents"
        lines.append(f"{'peak memory (PSS)':<26} {memory['peak_rss_mb']:>10.0f} MB  {size}")
    lines += _sweep_lines(result.get("sweep", []))
    lines.append("")
    for name, target in result["targets"].items():
        verdict = "met" if target["met"] else "NOT MET"
        lines.append(
            f"{name:<26} {target['value']:>10.1f}     target {target['target']}: {verdict}"
        )
    return "\n".join(lines)


def _search_row(name: str, search: dict[str, Any]) -> tuple[str, float, str]:
    note = (
        f"Pagefind, {search['locales']} locales, {search['per_page_cpu_ms']:.2f} CPU ms per page,"
        f" {search['peak_rss_mb']:.0f} MB peak"
    )
    return name, search["seconds"], note


def _indexed(ours: dict[str, Any], build: str) -> str:
    seconds = ours[f"{build}_search_seconds"]
    return f"; then search index {seconds * 1000:.0f} ms" if seconds else ""


def _of(ours: dict[str, Any]) -> str:
    return f"median of {ours['rounds']} builds; " if ours.get("rounds", 1) > 1 else ""


def _sweep_lines(sweep: list[dict[str, Any]]) -> list[str]:
    if not sweep:
        return []
    lines = [
        "",
        f"{'size':<10} {'pages':>6} {'certwarn ms/page':>17} {'Hugo ms/page':>13}"
        f" {'CPU ratio':>9} {'wall ratio':>10} {'certwarn MB':>11} {'Hugo MB':>8}",
    ]
    for row in sweep:
        ours, hugo = row["certwarn"], row["hugo"]
        lines.append(
            f"{row['locales']}x{row['documents']:<7} {ours['pages']:>6}"
            f" {ours['per_page_cpu_ms']:>8.2f} cpu {ours['per_page_ms']:>4.2f}"
            f" {hugo['per_page_cpu_ms']:>7.2f} {hugo['per_page_ms']:>5.2f}"
            f" {row['cpu_vs_hugo']:>9.2f} {row['wall_vs_hugo']:>10.2f}"
            f" {ours['peak_rss_mb']:>11.0f} {hugo['peak_rss_mb']:>8.0f}"
        )
    return lines
