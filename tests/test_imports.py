"""Imports flow one way: command line -> commands -> stages -> leaves."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
RENDERING = {
    "generator.site",
    "generator.site_pages",
    "generator.site_plan",
    "generator.render",
    "generator.theme",
    "generator.outputs",
    "generator.pagecontext",
    "generator.build",
    "generator.translate",
}
COMMAND_LEVEL = {
    "generator.build",
    "generator.build_inputs",
    "generator.build_render",
    "generator.build_changes",
    "generator.catalog_ops",
    "generator.trees",
    "generator.bench",
}
LEAVES = {"generator.errors", "generator.config", "generator.atomic"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("generator")}


MODULES = {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def within(name: str, prefixes: set[str]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_nothing_imports_the_command_line(module: str) -> None:
    assert "generator.cli" not in MODULES[module]


@pytest.mark.parametrize(
    "module", sorted(m for m in MODULES if not within(m, {"generator.commands"}))
)
def test_only_the_command_line_imports_commands(module: str) -> None:
    assert not [i for i in MODULES[module] if within(i, {"generator.commands"})]


@pytest.mark.parametrize(
    "module", sorted(m for m in MODULES if within(m, {"generator.review", "generator.verify"}))
)
def test_review_and_verification_never_import_rendering(module: str) -> None:
    assert not [i for i in MODULES[module] if within(i, RENDERING)]


@pytest.mark.parametrize(
    "module",
    sorted(
        m for m in MODULES if not within(m, COMMAND_LEVEL | {"generator.commands", "generator.cli"})
    ),
)
def test_stages_do_not_import_command_level_modules(module: str) -> None:
    assert not [i for i in MODULES[module] if within(i, COMMAND_LEVEL)]


@pytest.mark.parametrize(
    "module", sorted(LEAVES | {m for m in MODULES if within(m, {"generator.syntax"})})
)
def test_leaves_import_only_leaves(module: str) -> None:
    allowed = LEAVES | {"generator.syntax"}
    assert all(within(i, allowed) or i == "generator" for i in MODULES[module]), MODULES[module]


@pytest.mark.parametrize("module", sorted(m for m in MODULES if within(m, {"generator.review"})))
def test_review_imports_only_review_and_leaf_modules(module: str) -> None:
    allowed = LEAVES | {"generator.review", "generator.sources"}
    assert all(within(i, allowed) for i in MODULES[module]), MODULES[module]
