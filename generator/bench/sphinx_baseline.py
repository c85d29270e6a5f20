"""The baseline: the same Markdown and catalogs built by `sphinx-build` (MyST), once per locale."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

CONF = """\
project = "Synthetic warnings"
extensions = ["myst_parser", "generator.bench.sphinx_ext"]
myst_enable_extensions = ["colon_fence"]
locale_dirs = ["../locales/"]
gettext_compact = False
exclude_patterns = ["steps/**"]
suppress_warnings = ["myst.header", "myst.xref_missing", "toc.not_included", "image.not_readable"]
html_theme = "alabaster"
"""

_OPEN = re.compile(r"^::: (os|steps) (\S+)$", re.MULTILINE)
_XREF = re.compile(r"\]\((code|article):([^)#\s]+)(#[^)\s]*)?\)")
_SCREENSHOT = re.compile(r"!\[([^\]]*)\]\(screenshot:[^)]+\)")


def to_myst(text: str, depth: str = "../") -> str:
    """certwarn Markdown as MyST: `:::{os} x` fences, id links as relative document links."""
    text = _OPEN.sub(r":::{\1} \2", text)
    text = _SCREENSHOT.sub(r"\1", text)
    folders = {"code": "codes", "article": "articles"}
    return _XREF.sub(
        lambda m: f"]({depth}{folders[m.group(1)]}/{m.group(2)}.md{m.group(3) or ''})", text
    )


def write_project(site_root: Path, target: Path) -> Path:
    """A Sphinx source folder beside the synthetic site's `locales/` (shared with certwarn)."""
    source = target / "src"
    if target.exists():
        shutil.rmtree(target)
    for md in sorted((site_root / "content").rglob("*.md")):
        relative = md.relative_to(site_root / "content")
        out = source / relative
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(to_myst(md.read_text(encoding="utf-8")), encoding="utf-8")
    (source / "conf.py").write_text(CONF, encoding="utf-8")
    index = "# Synthetic warnings\n\n```{toctree}\n:glob:\n\narticles/*\ncodes/*\n```\n"
    (source / "index.md").write_text(index, encoding="utf-8")
    (target / "locales").symlink_to(site_root / "locales", target_is_directory=True)
    return source


def build_command(source: Path, out: Path, locale: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "html",
        "-q",
        "-E",
        "-D",
        f"language={locale}",
        str(source),
        str(out / locale),
    ]
