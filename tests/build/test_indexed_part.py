"""Pagefind is given only what it indexes of a page, and makes the same index from it."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import generator.build.search_index as search_index
from generator.build.run import build
from generator.build.search_index import INDEX_FOLDER, indexed_part, pagefind_binary
from generator.config import load_config


def pagefind_index(pages: dict[str, bytes], folder: Path) -> dict[str, bytes]:
    site, out = folder / "site", folder / "index"
    for path, data in pages.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(data)
    command = [str(pagefind_binary()), "--site", str(site), "--output-path", str(out)]
    subprocess.run([*command, "--keep-index-url", "--silent"], check=True)
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def test_pagefind_makes_the_same_index_from_the_indexed_parts(
    project: Path, tmp_path: Path
) -> None:
    build(load_config(project))
    locale = project / "build/html/en-US"
    pages = {
        p.relative_to(locale).as_posix(): p.read_bytes()
        for p in locale.rglob("*.html")
        if INDEX_FOLDER not in p.parts
    }
    parts = {path: indexed_part(data) for path, data in pages.items()}
    indexed = [path for path, data in pages.items() if b"data-pagefind-body" in data]
    assert len(indexed) == 5 and all(len(parts[p]) < len(pages[p]) for p in indexed)
    assert all(b'class="site-header"' not in parts[p] for p in indexed), "no navigation"
    whole = pagefind_index(pages, tmp_path / "whole")
    assert pagefind_index(parts, tmp_path / "parts") == whole


PAGE = b"""<!doctype html><html lang="en"><head><title>T</title></head><body>
<nav><a href="a.html">A</a></nav>%s
<article data-pagefind-body><h2>Text</h2><article>inner</article><p>more</p></article>
</body></html>"""


def test_the_indexed_part_is_the_head_and_the_whole_indexed_element() -> None:
    part = indexed_part(PAGE % b"")
    assert part.startswith(b'<!doctype html><html lang="en"><head><title>T</title></head>')
    assert b"<nav>" not in part and b"<p>more</p></article>" in part


def test_a_page_with_something_pagefind_reads_outside_the_element_is_given_whole() -> None:
    for outside in (b"<h1>Title</h1>", b'<img src="x.png" alt="">', b"<p data-pagefind-meta=x>"):
        assert indexed_part(PAGE % outside) == PAGE % outside
    two = PAGE.replace(b"<nav>", b"<div data-pagefind-body>x</div><nav>") % b""
    assert indexed_part(two) == two


def whole_page_scan(page: bytes) -> bytes:
    """The indexed part found by trying the element pattern at every tag of the page."""
    head, _, _ = page.partition(b"<body")
    found = list(search_index._BODY.finditer(page))
    if len(found) != 1 or not head:
        return page
    start = found[0].start()
    end = search_index._closing(page, found[0].group(1), start)
    if end is None:
        return page
    outside = page[len(head) : start] + page[end:]
    if any(mark in outside for mark in search_index._SEEN_OUTSIDE):
        return page
    return head + b"<body>" + page[start:end] + b"</body></html>\n"


PIECES = [
    b"<div>",
    b"</div>",
    b"<article data-pagefind-body>",
    b"<section class=x data-pagefind-body=yes>",
    b"<p data-pagefind-bodyless>",
    b" data-pagefind-body ",
    b"text > more",
    b"<a title='x' data-pagefind-body>",
    b"</article>",
    b"</section>",
    b"<span>",
    b"plain words",
    b"<p>",
    b"<h2>Heading</h2>",
]


def test_the_element_is_found_as_by_trying_the_pattern_at_every_tag() -> None:
    chooser = random.Random(20261204)
    for _ in range(3000):
        body = b"".join(chooser.choice(PIECES) for _ in range(chooser.randrange(1, 12)))
        page = b"<!doctype html><html><head><title>T</title></head><body>" + body + b"</body>"
        assert indexed_part(page) == whole_page_scan(page), page
