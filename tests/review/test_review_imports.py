"""Review and verification of approvals never import rendering."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
LEAVES = {"generator.errors", "generator.config", "generator.sources"}
MODULES = sorted((REPO / "generator/review").glob("*.py")) + [
    REPO / f"generator/commands/{name}_cmd.py" for name in ("revise", "review", "status")
]


def generator_imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return {name for name in names if name.split(".")[0] == "generator"}


@pytest.mark.parametrize("module", MODULES, ids=lambda path: path.name)
def test_review_modules_import_only_review_and_leaf_modules(module: Path) -> None:
    outside = {
        name
        for name in generator_imports(module)
        if name not in LEAVES and not name.startswith("generator.review")
    }
    assert outside == set()


def test_the_import_check_sees_the_imports() -> None:
    assert "generator.review.store" in generator_imports(REPO / "generator/review/state.py")
