"""The table of search queries and the page each finds first, per locale, for the search note.

    python tests/search/query_table.py [--site build/html]

Runs every query of test_search_queries.py through the search box of a built site (the
repository's own content, built first when no `--site` is given) in Debian's Chromium, and
prints a Markdown table: locale, query, expected page, first result, and whether they agree.
Queries whose locale is not translated yet are listed as waiting, with the reason.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(TESTS.parent), str(TESTS), str(TESTS / "search")]

from test_search_queries import (  # noqa: E402
    SHIPPED_QUERIES,
    TRANSLATED_QUERIES,
    first_result,
    untranslated,
)

from generator.build.run import build  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.verify.chromium_launch import chromium_binary, launch_chromium  # noqa: E402


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def queries() -> list[tuple[str, str, str]]:
    rows = []
    for entry in [*SHIPPED_QUERIES, *TRANSLATED_QUERIES]:
        values = entry.values if hasattr(entry, "values") else entry
        rows.append((str(values[0]), str(values[1]), str(values[2])))
    return rows


def table(site: Path) -> list[str]:
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    binary = chromium_binary()
    if binary is None:
        raise SystemExit("Chromium is missing (make system-deps)")
    lines = ["| locale | query | expected | first result | |", "|---|---|---|---|---|"]
    repo = TESTS.parent
    try:
        with launch_chromium(binary) as chromium:
            context = chromium.new_context()
            page = context.new_page()
            for locale, query, expected in queries():
                waiting = untranslated(repo, locale, expected)
                if waiting:
                    lines.append(f"| {locale} | {query} | {expected} | (waiting: {waiting}) | |")
                    continue
                found = first_result(page, base, locale, query)
                mark = "ok" if found == expected else "DIFFERS"
                lines.append(f"| {locale} | {query} | {expected} | {found} | {mark} |")
            context.close()
    finally:
        server.shutdown()
        server.server_close()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the repository)")
    args = parser.parse_args()
    if args.site:
        print("\n".join(table(args.site)))
        return
    with tempfile.TemporaryDirectory(prefix="certwarn-query-table-") as folder:
        out = Path(folder) / "html"
        build(load_config(TESTS.parent), out=out)
        print("\n".join(table(out)))


if __name__ == "__main__":
    main()
