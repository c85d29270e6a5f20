"""The golden site: the small test site in en-US, ar and ja, built at a fixed moment.

`make golden` runs this file to rewrite tests/golden/; tests/test_golden.py compares a fresh
build with it file by file. Regenerate only when a change to the output is intended.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from l10n_helpers import add_locales, translate
from site_files import SITE_FILES, write_files

from generator.build.run import build
from generator.build.search_index import INDEX_FOLDER
from generator.config import load_config

GOLDEN = Path(__file__).resolve().parent / "golden"
MOMENT = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
MARKS = {"ar": "\u200fعربي\u200f", "ja": "【日本語】"}


def build_golden(workspace: Path, out: Path) -> None:
    """Write the site into `workspace` and build it into `out`."""
    write_files(workspace, SITE_FILES)
    add_locales(workspace, "ar", "ja")
    for locale, mark in MARKS.items():
        translate(workspace, locale, lambda text, mark=mark: f"{mark} {text}")
    build(load_config(workspace), out=out, now=MOMENT)


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "html"
        build_golden(Path(folder) / "site", out)
        shutil.rmtree(GOLDEN, ignore_errors=True)
        # The search index is left out (its hashes are in the manifest): binary, and Pagefind's.
        shutil.copytree(out, GOLDEN, ignore=shutil.ignore_patterns(INDEX_FOLDER))
    print(f"golden site written to {GOLDEN}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
