"""Which scenarios to run for which code pages, read from the pages' front matter."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from generator.errors import VerifyError
from generator.verify.expect import CONTROL_SCENARIO, Claim, control_claim, page_claim
from generator.verify.run import Plan
from generator.verify.spec import Scenario
from generator.verify.spec_load import load_scenario, scenario_ids


class Equivalents(Protocol):
    @property
    def chromium(self) -> tuple[str, ...]: ...
    @property
    def openssl(self) -> tuple[str, ...]: ...


class CodePage(Protocol):
    """What verification reads from a code page (the content loader's `CodeDoc`)."""

    @property
    def code(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def scenario(self) -> str | None: ...
    @property
    def unreproducible(self) -> str | None: ...
    @property
    def equivalents(self) -> Equivalents: ...


def select_pages(pages: dict[str, CodePage], wanted: Sequence[str]) -> list[CodePage]:
    """The pages asked for on the command line, or all of them; unknown codes are an error."""
    unknown = [code for code in wanted if code not in pages]
    if unknown:
        known = ", ".join(sorted(pages)) or "none"
        raise VerifyError(f"no code page for {', '.join(unknown)}; known codes: {known}")
    return [pages[code] for code in wanted] if wanted else list(pages.values())


def make_plan(root: Path, pages: Iterable[CodePage], with_control: bool) -> Plan:
    """Claims of each page with a scenario (plus the control), their scenarios loaded."""
    claims: list[Claim] = []
    unreproducible: list[tuple[str, str]] = []
    scenarios: dict[str, Scenario] = {}
    for page in pages:
        if page.scenario is None:
            unreproducible.append((page.code, page.unreproducible or "no scenario given"))
            continue
        scenarios[page.scenario] = _load_for(root, page)
        eq = page.equivalents
        claims.append(page_claim(page.code, page.path, page.scenario, eq.chromium, eq.openssl))
    if with_control and CONTROL_SCENARIO in scenario_ids(root):
        claims.append(control_claim())
        scenarios[CONTROL_SCENARIO] = load_scenario(root, CONTROL_SCENARIO)
    return Plan(tuple(claims), scenarios, tuple(unreproducible))


def _load_for(root: Path, page: CodePage) -> Scenario:
    assert page.scenario is not None
    if page.scenario not in scenario_ids(root):
        line = _line_of_key(root / page.path, "scenario")
        known = ", ".join(scenario_ids(root)) or "none"
        message = f"scenario {page.scenario!r} has no file content/scenarios/{page.scenario}.toml"
        raise VerifyError(f"{message}; known scenarios: {known}", page.path, line)
    return load_scenario(root, page.scenario)


def _line_of_key(path: Path, key: str) -> int | None:
    if not path.is_file():
        return None
    match = re.search(rf"^{key}:", path.read_text(encoding="utf-8"), re.MULTILINE)
    return path.read_text(encoding="utf-8").count("\n", 0, match.start()) + 1 if match else None
