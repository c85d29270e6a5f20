"""Sphinx configuration of certwarn's own documentation (`make docs` -> build/docs/)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE / "_ext")]

from generator import __version__  # noqa: E402

project = "certwarn"
author = "the certwarn authors"
copyright = "the certwarn authors"
version = release = __version__

extensions = ["myst_parser", "generator.sphinx", "certwarn_reference"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "_ext"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# The examples embed the shipped site's approved pages; links to pages not embedded here go
# to the published site.
certwarn_root = ".."
language = "en"

html_theme = "alabaster"
html_title = f"certwarn {__version__}"

GUIDES = ("translating", "reviewing")
"""Guides other people write; each is in the table of contents once its page exists."""


def _guides(app: object, docname: str, source: list[str]) -> None:
    present = [name for name in GUIDES if (HERE / f"{name}.md").is_file()]
    if docname == "index" and present:
        entries = "\n".join(present)
        source[0] += f"\n```{{toctree}}\n:caption: Guides\n:maxdepth: 1\n\n{entries}\n```\n"


def setup(app: object) -> None:
    app.connect("source-read", _guides)  # type: ignore[attr-defined]
