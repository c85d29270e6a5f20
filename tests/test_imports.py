"""Imports flow one way, stated once as a rule over packages.

A package may import itself and any package on a lower layer; packages on one layer never
import each other. Nothing imports the command line, and review and verification, being
below rendering, never import it.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

LAYERS = (
    {"cli"},
    {"commands", "sphinx"},
    {"bench"},
    {"build"},
    {"render"},
    {"l10n"},
    {"review", "verify"},
    {"content"},
    {"theme", "syntax"},
    {"config"},
    {"safe_paths"},
    {"errors", "atomic", ""},
    {"terminal"},
)
LAYER_OF = {unit: depth for depth, units in enumerate(LAYERS) for unit in units}


def unit_of(module: str) -> str:
    """`generator.build.run` -> `build`; `generator` itself (its version) -> ``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> set[str]:
    """Every generator module a file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "generator" or name.startswith("generator.")}


MODULES = {module_name(p): imported(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_belongs_to_a_layer() -> None:
    assert {unit_of(m) for m in MODULES} <= set(LAYER_OF)


def test_imports_only_go_down_a_layer_or_stay_in_their_package() -> None:
    wrong = [
        f"{module} imports {target}"
        for module, targets in MODULES.items()
        for target in targets
        if unit_of(target) != unit_of(module)
        and LAYER_OF[unit_of(target)] <= LAYER_OF[unit_of(module)]
    ]
    assert wrong == []


def test_at_most_eight_loose_modules_beside_the_packages() -> None:
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert len(loose) <= 8, loose


def test_every_package_says_what_it_owns_and_may_import() -> None:
    for init in PACKAGE.glob("*/__init__.py"):
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "import" in docstring, (
            f"{init.parent.name}/__init__.py does not say what it may import"
        )
